// What was saved, as the screens show it after a reload (issue 13): a unit's checkpoint submission, its
// self-check refilled into the form, the verification queue with what was recorded (待核验/已核验), the
// third party's recorded scores and a unit's explanation review (已退回 with the comment, 已接受; Art. 21).
// Plain functions of the API's read bodies, so the rules are tested without a browser.

export interface SavedEvidence {
  id: string;
  originalName: string;
  mimeType?: string;
}

/** A checkpoint submission as GET /cycles/:year/submissions returns it. */
export interface SavedSubmission {
  id: string;
  checkpointId: string;
  unitId: string;
  text?: string;
  late: boolean;
  submittedAt: string;
  revision?: number;
  submittedByName?: string | null;
  unit?: { name: string; nameEn?: string | null; code?: string };
  checkpoint?: { name: string; code: string; dueAt?: string };
  evidence?: SavedEvidence[];
}

/** The latest submission per checkpoint (the API lists them oldest first; a resubmission replaces). */
export function latestSubmissions<T extends { checkpointId: string; submittedAt: string }>(
  submissions: readonly T[],
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const submission of submissions) {
    const current = latest.get(submission.checkpointId);
    if (!current || Date.parse(current.submittedAt) <= Date.parse(submission.submittedAt))
      latest.set(submission.checkpointId, submission);
  }
  return latest;
}

/** The checkpoint button's label key: 提交 the first time, 重新提交 once something is saved. */
export function submitLabelKey(saved: unknown): 'unit.submitCheckpoint' | 'unit.resubmitCheckpoint' {
  return saved ? 'unit.resubmitCheckpoint' : 'unit.submitCheckpoint';
}

/** A self-check entry as GET /cycles/:year/self-checks returns it. */
export interface SavedSelfCheck {
  indicatorId: string;
  text: string;
  selfFraction: number | null;
  submittedAt?: string;
  evidence?: SavedEvidence[];
}

/** The self-check form's values refilled from what was saved: text and fraction per indicator. */
export function selfCheckFormValues(selfChecks: readonly SavedSelfCheck[]): {
  items: Record<string, { text: string; fraction?: number }>;
} {
  const items: Record<string, { text: string; fraction?: number }> = {};
  for (const row of selfChecks)
    items[row.indicatorId] = {
      text: row.text,
      ...(row.selfFraction === null || row.selfFraction === undefined
        ? {}
        : { fraction: Number(row.selfFraction) }),
    };
  return { items };
}

/** The evidence already attached per indicator, so a resubmission keeps it unless the unit removes it. */
export function selfCheckEvidence(selfChecks: readonly SavedSelfCheck[]): Record<string, SavedEvidence[]> {
  const evidence: Record<string, SavedEvidence[]> = {};
  for (const row of selfChecks) evidence[row.indicatorId] = [...(row.evidence ?? [])];
  return evidence;
}

/** When the self-check was last saved (the newest entry), or undefined if nothing is saved. */
export function lastSaved(rows: readonly { submittedAt?: string | null }[]): string | undefined {
  let newest: string | undefined;
  for (const row of rows)
    if (row.submittedAt && (!newest || Date.parse(row.submittedAt) > Date.parse(newest)))
      newest = row.submittedAt;
  return newest;
}

/** A checkpoint verification as GET /cycles/:year/verifications returns it. */
export interface SavedCheckpointVerification {
  checkpointId: string;
  unitId: string;
  fraction: number;
  method: 'DOCUMENT_REVIEW' | 'ON_SITE';
  verifiedAt: string;
  verifiedByName?: string | null;
}

export type VerificationStatus = 'PENDING' | 'VERIFIED';
export type VerificationFilter = 'ALL' | VerificationStatus;

export interface QueueRow extends SavedSubmission {
  status: VerificationStatus;
  verification?: SavedCheckpointVerification;
}

/**
 * The verification queue: each submission with the fraction recorded for its unit and checkpoint, if
 * any. A submission made again after it was verified is 待核验 again (the evidence judged changed).
 */
export function verificationQueue(
  submissions: readonly SavedSubmission[],
  verifications: readonly SavedCheckpointVerification[],
  filter: VerificationFilter = 'ALL',
): QueueRow[] {
  const byKey = new Map(verifications.map((row) => [`${row.checkpointId}|${row.unitId}`, row]));
  return submissions
    .map((submission): QueueRow => {
      const verification = byKey.get(`${submission.checkpointId}|${submission.unitId}`);
      const current =
        verification && Date.parse(verification.verifiedAt) >= Date.parse(submission.submittedAt);
      return { ...submission, verification, status: current ? 'VERIFIED' : 'PENDING' };
    })
    .filter((row) => filter === 'ALL' || row.status === filter);
}

/** Counts per status, for the filter's labels ("待核验 3"). */
export function queueCounts(rows: readonly QueueRow[]): Record<VerificationStatus, number> {
  const counts: Record<VerificationStatus, number> = { PENDING: 0, VERIFIED: 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

/** A third-party score as GET /cycles/:year/third-party-scores returns it. */
export interface SavedThirdPartyScore {
  unitId: string;
  score: number;
  enteredAt: string;
  enteredByName?: string | null;
}

export function scoresByUnit(scores: readonly SavedThirdPartyScore[]): Map<string, SavedThirdPartyScore> {
  return new Map(scores.map((row) => [row.unitId, row]));
}

export type ExplanationStatus = 'PENDING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';

/**
 * What a unit is told about its explanation (Art. 21): not yet written, submitted and awaiting review,
 * returned with the office's comment (write it again), or accepted (nothing more to do).
 */
export function explanationState(explanation: {
  status: ExplanationStatus | string;
  reviewComment?: string | null;
  reviewedAt?: string | null;
  submittedAt?: string | null;
}): {
  status: ExplanationStatus;
  tone: 'info' | 'warning' | 'error' | 'success';
  comment?: string;
  at?: string;
  editable: boolean;
} {
  const comment = explanation.reviewComment?.trim() ? explanation.reviewComment.trim() : undefined;
  switch (explanation.status) {
    case 'ACCEPTED':
      return {
        status: 'ACCEPTED',
        tone: 'success',
        comment,
        at: explanation.reviewedAt ?? undefined,
        editable: false,
      };
    case 'RETURNED':
      return {
        status: 'RETURNED',
        tone: 'error',
        comment,
        at: explanation.reviewedAt ?? undefined,
        editable: true,
      };
    case 'SUBMITTED':
      return { status: 'SUBMITTED', tone: 'info', at: explanation.submittedAt ?? undefined, editable: true };
    default:
      return { status: 'PENDING', tone: 'warning', editable: true };
  }
}

// After scoring: evaluation opinions (Art. 10), feedback (Art. 19), incentives (Art. 20) and failing
// units' written explanations (Art. 21).
import { writeAudit } from '../db/audit';
import { explanationDueAt } from '../domain/cycle/deadlines';
import { RefusalReason } from '../domain/cycle/refusalReason';
import type {
  Actor,
  ExplanationReviewInput,
  ExplanationStatus,
  ExplanationSubmitInput,
  FeedbackInput,
  IncentiveInput,
  OpinionInput,
} from '../workflows/contract';
import { requireOpen, requireRevisable, type CycleGate, type Tx } from './cycleGate';
import { refuse, requireOwnUnit, requireRole } from './refusal';
import { requireAssessedUnit } from './unitChecks';
import { cycleUnits, hasStructureRecord } from '../db/cycleStructure';
import type { WriteContext } from './submissionFacts';

export async function checkOpinion(tx: Tx, gate: CycleGate, input: OpinionInput) {
  requireRole(input.actor, ['OFFICE'], 'evaluation opinions (Art. 10)');
  await requireAssessedUnit(tx, gate.id, input.unitId);
  requireOpen(gate, 'opinion', 'evaluation opinions (Art. 10)');
  requireRevisable(gate, 'evaluation opinions');
  if (!input.opinion.trim()) refuse(RefusalReason.INVALID, 'opinion may not be empty');
}

export async function writeOpinion(tx: Tx, args: { cycleId: string; input: OpinionInput } & WriteContext) {
  const { cycleId, input, at } = args;
  const previous = await tx.unitResult.findUnique({
    where: { cycleId_unitId: { cycleId, unitId: input.unitId } },
  });
  if (!previous) refuse(RefusalReason.NOT_FOUND, `unit ${input.unitId} has no result to comment on yet`);
  await tx.unitResult.update({
    where: { id: previous.id },
    data: { opinion: input.opinion, opinionEditedById: input.actor.userId },
  });
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'opinion.edit',
    targetType: 'UnitResult',
    targetId: previous.id,
    before: { opinion: previous.opinion },
    after: { opinion: input.opinion },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

export async function checkFeedback(tx: Tx, gate: CycleGate, input: FeedbackInput) {
  requireRole(input.actor, ['OFFICE', 'LEADER', 'PARTY_MEMBER'], 'feedback (Art. 19)');
  await requireAssessedUnit(tx, gate.id, input.unitId);
  requireOpen(gate, 'feedback', 'feedback (Art. 19)');
  const existing = await tx.feedback.findUnique({
    where: { cycleId_unitId: { cycleId: gate.id, unitId: input.unitId } },
  });
  if (existing) refuse(RefusalReason.CLOSED, `feedback for unit ${input.unitId} was already recorded`);
  if (!input.content.trim()) refuse(RefusalReason.INVALID, 'content: the feedback may not be empty');
}

export async function writeFeedback(tx: Tx, args: { cycleId: string; input: FeedbackInput } & WriteContext) {
  const { cycleId, input, at } = args;
  const saved = await tx.feedback.upsert({
    where: { cycleId_unitId: { cycleId, unitId: input.unitId } },
    create: {
      cycleId,
      unitId: input.unitId,
      content: input.content,
      recordedById: input.actor.userId,
      recordedAt: new Date(at),
    },
    update: {},
  });
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'feedback.record',
    targetType: 'Feedback',
    targetId: saved.id,
    after: { unitId: input.unitId, content: input.content },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

export async function checkFeedbackConfirmation(tx: Tx, gate: CycleGate, actor: Actor, unitId: string) {
  requireRole(actor, ['UNIT'], 'feedback confirmation');
  requireOwnUnit(actor, unitId);
  const feedback = await tx.feedback.findUnique({ where: { cycleId_unitId: { cycleId: gate.id, unitId } } });
  if (!feedback) refuse(RefusalReason.NOT_FOUND, `feedback for unit ${unitId} not found`);
  if (feedback.confirmedAt)
    refuse(RefusalReason.CLOSED, `feedback was already confirmed on ${feedback.confirmedAt.toISOString()}`);
}

export async function writeFeedbackConfirmation(
  tx: Tx,
  args: { cycleId: string; unitId: string; actor: Actor; note: string } & WriteContext,
) {
  const { cycleId, unitId, actor, note, at } = args;
  const saved = await tx.feedback.update({
    where: { cycleId_unitId: { cycleId, unitId } },
    data: { confirmedAt: new Date(at), confirmedById: actor.userId, confirmationNote: note },
  });
  await writeAudit(tx, {
    cycleId,
    actor,
    action: 'feedback.confirm',
    targetType: 'Feedback',
    targetId: saved.id,
    after: { note },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

export async function checkIncentive(tx: Tx, gate: CycleGate, input: IncentiveInput) {
  requireRole(input.actor, ['OFFICE'], 'incentives (Art. 20)');
  await requireAssessedUnit(tx, gate.id, input.unitId);
  requireOpen(gate, 'incentive', 'incentives (Art. 20)');
  const result = await tx.unitResult.findUnique({
    where: { cycleId_unitId: { cycleId: gate.id, unitId: input.unitId } },
  });
  if (result?.finalGrade !== 'GOOD')
    refuse(RefusalReason.INVALID, 'only units graded GOOD (好) receive incentives (Art. 20)');
  if (input.kind === 'RECOGNITION_AND_REWARD' && !(input.amount && input.amount > 0))
    refuse(RefusalReason.INVALID, 'amount: a reward in lieu of subsidy (以奖代补) needs a positive amount');
}

export async function writeIncentive(
  tx: Tx,
  args: { cycleId: string; input: IncentiveInput } & WriteContext,
) {
  const { cycleId, input, at } = args;
  const previous = await tx.incentive.findUnique({
    where: { cycleId_unitId: { cycleId, unitId: input.unitId } },
  });
  const data = {
    kind: input.kind,
    amount: input.amount ?? null,
    note: input.note ?? '',
    recordedById: input.actor.userId,
  };
  const saved = await tx.incentive.upsert({
    where: { cycleId_unitId: { cycleId, unitId: input.unitId } },
    create: { cycleId, unitId: input.unitId, ...data, createdAt: new Date(at) },
    update: data,
  });
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'incentive.record',
    targetType: 'Incentive',
    targetId: saved.id,
    before: previous ? { kind: previous.kind, amount: previous.amount?.toString() ?? null } : null,
    after: { kind: input.kind, amount: input.amount ?? null, note: input.note ?? '' },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

const statusOf = (row: {
  unitId: string;
  dueAt: Date;
  status: ExplanationStatus['status'];
  revision: number;
  late: boolean;
}): ExplanationStatus => ({
  unitId: row.unitId,
  dueAt: row.dueAt.toISOString(),
  status: row.status,
  revision: row.revision,
  late: row.late,
});

/** Art. 21 explanations are owed only by units whose final grade is FAIL (their rows open at follow-up). */
async function owedExplanation(tx: Tx, gate: CycleGate, unitId: string) {
  await requireAssessedUnit(tx, gate.id, unitId);
  requireOpen(gate, 'explanation', 'written explanations (Art. 21)');
  const row = await tx.explanation.findUnique({ where: { cycleId_unitId: { cycleId: gate.id, unitId } } });
  if (!row) {
    const result = await tx.unitResult.findUnique({
      where: { cycleId_unitId: { cycleId: gate.id, unitId } },
    });
    refuse(
      RefusalReason.NOT_ALLOWED,
      `unit ${unitId} is graded ${result?.finalGrade ?? 'ungraded'}, not FAIL: it owes no written explanation (Art. 21)`,
    );
  }
  return row;
}

/** Checks a submission and returns the explanation's next state (revision, sticky late flag). */
export async function checkExplanationSubmission(
  tx: Tx,
  gate: CycleGate,
  input: ExplanationSubmitInput,
  now: Date,
) {
  requireRole(input.actor, ['UNIT'], 'written explanation (Art. 21)');
  requireOwnUnit(input.actor, input.unitId);
  const row = await owedExplanation(tx, gate, input.unitId);
  if (row.status === 'SUBMITTED')
    refuse(RefusalReason.WRONG_STAGE, 'the explanation is awaiting the office’s review');
  if (row.status === 'ACCEPTED') refuse(RefusalReason.CLOSED, 'the explanation was already accepted');
  if (!input.content?.trim()) refuse(RefusalReason.INVALID, 'content: the explanation may not be empty');
  return statusOf({
    ...row,
    status: 'SUBMITTED',
    revision: row.revision + 1,
    late: row.late || now.getTime() > row.dueAt.getTime(),
  });
}

export async function writeExplanationSubmission(
  tx: Tx,
  args: {
    cycleId: string;
    unitId: string;
    input: ExplanationSubmitInput;
    revision: number;
    late: boolean;
  } & WriteContext,
) {
  const { cycleId, unitId, input, revision, late, at } = args;
  const saved = await tx.explanation.update({
    where: { cycleId_unitId: { cycleId, unitId } },
    data: {
      status: 'SUBMITTED',
      content: input.content,
      revision,
      submittedAt: new Date(at),
      submittedById: input.actor.userId,
      late,
    },
  });
  const evidenceIds = (input.evidence ?? []).map((ref) => ref.evidenceId);
  if (evidenceIds.length > 0) {
    await tx.evidenceFile.updateMany({
      where: { id: { in: evidenceIds }, cycleId, unitId },
      data: { explanationId: saved.id },
    });
  }
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'explanation.submit',
    targetType: 'Explanation',
    targetId: saved.id,
    after: { revision, late, content: input.content },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

/** Checks a review and returns the explanation's next state: accepted, or returned with a fresh deadline. */
export async function checkExplanationReview(
  tx: Tx,
  gate: CycleGate,
  input: ExplanationReviewInput,
  now: Date,
) {
  requireRole(input.actor, ['OFFICE'], 'explanation review (Art. 21)');
  const row = await owedExplanation(tx, gate, input.unitId);
  if (row.status !== 'SUBMITTED')
    refuse(RefusalReason.WRONG_STAGE, `nothing to review: the explanation is ${row.status}`);
  if (input.decision !== 'ACCEPT' && input.decision !== 'RETURN')
    refuse(RefusalReason.INVALID, 'decision must be ACCEPT or RETURN');
  if (input.decision === 'RETURN' && !input.comment?.trim())
    refuse(RefusalReason.INVALID, 'comment: say what must be revised');
  return input.decision === 'ACCEPT'
    ? statusOf({ ...row, status: 'ACCEPTED' })
    : // Returned for revision (Art. 21): a fresh deadline of the same length.
      statusOf({
        ...row,
        status: 'RETURNED',
        dueAt: new Date(explanationDueAt(now.getTime(), gate.explanationDays)),
      });
}

export async function writeExplanationReview(
  tx: Tx,
  args: { cycleId: string; unitId: string; input: ExplanationReviewInput; newDueAt: string } & WriteContext,
) {
  const { cycleId, unitId, input, newDueAt, at } = args;
  const saved = await tx.explanation.update({
    where: { cycleId_unitId: { cycleId, unitId } },
    data: {
      status: input.decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED',
      reviewComment: input.comment ?? '',
      reviewedById: input.actor.userId,
      reviewedAt: new Date(at),
      dueAt: new Date(newDueAt),
    },
  });
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'explanation.review',
    targetType: 'Explanation',
    targetId: saved.id,
    after: { decision: input.decision, comment: input.comment ?? '', dueAt: newDueAt },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

/**
 * The follow-up is done once every failing unit's explanation is accepted and every unit confirmed its
 * feedback (Art. 19, 21). Asked inside every confirmation's and acceptance's transaction, so it counts
 * in PostgreSQL rather than reading the federation's rows each time (quadratic over a year's follow-up).
 */
export async function followUpDone(
  tx: Pick<
    Tx,
    | 'unit'
    | 'feedback'
    | 'explanation'
    | 'cycleStructure'
    | 'cycleUnit'
    | 'cycleRanker'
    | 'user'
    | 'department'
    | '$queryRaw'
  >,
  cycleId: string,
): Promise<boolean> {
  const open = await tx.explanation.count({ where: { cycleId, status: { not: 'ACCEPTED' } } });
  if (open > 0) return false;
  if (await hasStructureRecord(tx, cycleId)) {
    // The units of the year as published (Art. 6 per year) without a confirmed feedback.
    const [{ missing }] = await tx.$queryRaw<{ missing: bigint }[]>`
      SELECT count(*) AS "missing" FROM "CycleUnit" AS u
       WHERE u."cycleId" = ${cycleId}
         AND NOT EXISTS (SELECT 1 FROM "Feedback" AS f
                          WHERE f."cycleId" = u."cycleId" AND f."unitId" = u."unitId"
                            AND f."confirmedAt" IS NOT NULL)`;
    return missing === 0n;
  }
  // A cycle published before years kept their structure: its units are the live ones.
  const [units, confirmed] = await Promise.all([
    cycleUnits(tx, cycleId),
    tx.feedback.findMany({ where: { cycleId, confirmedAt: { not: null } }, select: { unitId: true } }),
  ]);
  const confirmedUnits = new Set(confirmed.map((row) => row.unitId));
  return units.every((unit) => confirmedUnits.has(unit.id));
}

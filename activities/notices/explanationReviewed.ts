// Art. 21: the office's review of a failing unit's written explanation, told to its principal leader —
// accepted, or returned for revision with the office's comment and the new deadline. One notice per
// revision reviewed. An accepted explanation is also forwarded to the unit's same-level party
// committee (Art. 21: the principal leader explains in writing to the committee and the federation):
// the event EXPLANATION_ACCEPTED drafts both emails, so the workflow sends one event.
import { noticeProblem } from './noticeProblem';
import type { Explanation } from '../../prisma/generated/client';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import type { NoticeDraft } from './noticeDraft';
import { partyCommitteeOf, principalLeaderOf } from './noticeRecipients';
import { explanationOf } from './explanationRecord';
import { attachedUnderCap, explanationFiles } from '../../mail/noticeAttachments';

function explanationReviewed(
  template: 'EXPLANATION_ACCEPTED' | 'EXPLANATION_RETURNED',
  reviewData: (explanation: Explanation) => Record<string, unknown>,
  forward = false,
): NoticeBuilder {
  return async (context) => {
    const { db, cycleId, at, publicUrl, params } = context;
    const { header } = await cycleHeader(db, cycleId, at);
    const { unit, explanation } = await explanationOf(db, cycleId, params.unitId);
    if (!explanation) throw noticeProblem(`unit ${unit.code} owes no explanation in this cycle`);
    const revision = Math.max(
      1,
      params.revision === undefined ? explanation.revision : intParam(params, 'revision', 0),
    );
    const leader = await principalLeaderOf(db, unit);
    const drafts: NoticeDraft[] = [];
    if (forward) {
      // The committee has no login (SPEC §1): the text itself and its files attached (up to the size
      // cap, mail/noticeAttachments.ts; the outbox attaches the same files when it delivers), no link.
      const committee = partyCommitteeOf(unit);
      const files = attachedUnderCap(await explanationFiles(db, cycleId, unit.id));
      if (committee && explanation.content.trim())
        drafts.push(
          draftNotice({
            cycleId,
            template: 'EXPLANATION_FORWARDED',
            recipient: committee,
            unitId: unit.id,
            // Exactly once per accepted revision; one committee may oversee more than one union.
            repeat: [unit.code, `revision-${revision}`],
            data: {
              ...header,
              unitName: unit.name,
              principalLeaderName: unit.principalLeaderName?.trim() || `${unit.name}主要负责人`,
              revision,
              submittedAt: (explanation.submittedAt ?? explanation.reviewedAt ?? new Date(at)).toISOString(),
              content: explanation.content,
              files: files.map((file) => ({
                name: file.originalName,
                mimeType: file.mimeType,
                sizeBytes: file.sizeBytes,
                sha256: file.sha256,
                attached: file.attached,
              })),
            },
          }),
        );
    }
    if (!leader) return drafts; // flagged by mail/recipientCheck.ts before publication
    return [
      draftNotice({
        cycleId,
        template,
        recipient: leader,
        unitId: unit.id,
        repeat: [unit.code, `revision-${revision}`],
        data: {
          ...header,
          unitName: unit.name,
          portalUrl: portalUrl(publicUrl, 'unitFollowUp'),
          revision,
          ...reviewData(explanation),
        },
      }),
      ...drafts,
    ];
  };
}

export const explanationAccepted = explanationReviewed(
  'EXPLANATION_ACCEPTED',
  (explanation) => ({ comment: explanation.reviewComment }),
  true,
);

export const explanationReturned = explanationReviewed('EXPLANATION_RETURNED', (explanation) => ({
  comment: explanation.reviewComment.trim() || '请按要求修改完善后重新提交。',
  dueAt: explanation.dueAt.toISOString(),
}));

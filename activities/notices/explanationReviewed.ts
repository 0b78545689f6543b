// Art. 21: the office's review of a failing unit's written explanation, told to its principal leader —
// accepted, or returned for revision with the office's comment and the new deadline. One notice per
// revision reviewed.
import { noticeProblem } from './noticeProblem';
import type { Explanation } from '../../prisma/generated/client';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { principalLeaderOf } from './noticeRecipients';
import { explanationOf } from './explanationRecord';

function explanationReviewed(
  template: 'EXPLANATION_ACCEPTED' | 'EXPLANATION_RETURNED',
  reviewData: (explanation: Explanation) => Record<string, unknown>,
): NoticeBuilder {
  return async ({ db, cycleId, at, publicUrl, params }) => {
    const { header } = await cycleHeader(db, cycleId, at);
    const { unit, explanation } = await explanationOf(db, cycleId, params.unitId);
    if (!explanation) throw noticeProblem(`unit ${unit.code} owes no explanation in this cycle`);
    const revision = Math.max(
      1,
      params.revision === undefined ? explanation.revision : intParam(params, 'revision', 0),
    );
    const leader = await principalLeaderOf(db, unit);
    if (!leader) return []; // flagged by mail/recipientCheck.ts before publication
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
    ];
  };
}

export const explanationAccepted = explanationReviewed('EXPLANATION_ACCEPTED', (explanation) => ({
  comment: explanation.reviewComment,
}));

export const explanationReturned = explanationReviewed('EXPLANATION_RETURNED', (explanation) => ({
  comment: explanation.reviewComment.trim() || '请按要求修改完善后重新提交。',
  dueAt: explanation.dueAt.toISOString(),
}));

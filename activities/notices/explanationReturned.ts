// Art. 21: the office returned the written explanation for revision, with its comment and a new deadline.
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { principalLeaderOf } from './noticeRecipients';
import { explanationOf } from './explanationRecord';

export const explanationReturned: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const { header } = await cycleHeader(db, cycleId, at);
  const { unit, explanation } = await explanationOf(db, cycleId, params.unitId);
  if (!explanation) throw new Error(`unit ${unit.code} owes no explanation in this cycle`);
  const revision = Math.max(
    1,
    params.revision === undefined ? explanation.revision : intParam(params, 'revision', 0),
  );
  const leader = await principalLeaderOf(db, unit);
  if (!leader) return []; // flagged by mail/recipientCheck.ts before publication
  return [
    draftNotice({
      cycleId,
      template: 'EXPLANATION_RETURNED',
      recipient: leader,
      unitId: unit.id,
      repeat: [unit.code, `revision-${revision}`],
      data: {
        ...header,
        unitName: unit.name,
        portalUrl: portalUrl(publicUrl, 'unitFollowUp'),
        revision,
        comment: explanation.reviewComment.trim() || '请按要求修改完善后重新提交。',
        dueAt: explanation.dueAt.toISOString(),
      },
    }),
  ];
};

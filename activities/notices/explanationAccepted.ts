// Art. 21: the office accepted the written explanation (of this revision).
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { principalLeaderOf } from './noticeRecipients';
import { explanationOf } from './explanationRecord';

export const explanationAccepted: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
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
      template: 'EXPLANATION_ACCEPTED',
      recipient: leader,
      unitId: unit.id,
      repeat: [unit.code, `revision-${revision}`],
      data: {
        ...header,
        unitName: unit.name,
        portalUrl: portalUrl(publicUrl, 'unitFollowUp'),
        revision,
        comment: explanation.reviewComment,
      },
    }),
  ];
};

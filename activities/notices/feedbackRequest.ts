// Art. 19: 考核结果由考核领导小组向各区市县总工会主要负责人反馈 — the feedback, with the request to
// relay it to the unit's staff and confirm.
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { principalLeaderOf } from './noticeRecipients';
import { feedbackOf } from './feedbackRecord';

export const feedbackRequest: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const { header } = await cycleHeader(db, cycleId, at);
  const { unit, feedback } = await feedbackOf(db, cycleId, params.unitId);
  const leader = await principalLeaderOf(db, unit);
  if (!leader) return []; // flagged by mail/recipientCheck.ts before publication
  return [
    draftNotice({
      cycleId,
      template: 'FEEDBACK_REQUEST',
      recipient: leader,
      unitId: unit.id,
      repeat: [unit.code],
      data: {
        ...header,
        unitName: unit.name,
        portalUrl: portalUrl(publicUrl, 'unitFollowUp'),
        feedback: feedback.content,
      },
    }),
  ];
};

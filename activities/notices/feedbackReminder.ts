// Art. 19: the relay of the feedback is not yet confirmed; reminder n (weekly) is a new email each time.
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { principalLeaderOf } from './noticeRecipients';
import { feedbackOf } from './feedbackRecord';

export const feedbackReminder: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const reminder = intParam(params, 'reminder', 1);
  const { header } = await cycleHeader(db, cycleId, at);
  const { unit, feedback } = await feedbackOf(db, cycleId, params.unitId);
  if (feedback.confirmedAt) return []; // confirmed meanwhile: nothing to chase
  const leader = await principalLeaderOf(db, unit);
  if (!leader) return []; // flagged by mail/recipientCheck.ts before publication
  return [
    draftNotice({
      cycleId,
      template: 'FEEDBACK_REMINDER',
      recipient: leader,
      unitId: unit.id,
      repeat: [unit.code, `reminder-${reminder}`],
      data: {
        ...header,
        unitName: unit.name,
        portalUrl: portalUrl(publicUrl, 'unitFollowUp'),
        reminder,
        requestedAt: feedback.recordedAt.toISOString(),
      },
    }),
  ];
};

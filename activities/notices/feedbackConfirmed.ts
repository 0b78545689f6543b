// Art. 19: the principal leader confirmed relaying the feedback to the unit's staff; the office is told.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { usersWithRoles } from './noticeRecipients';
import { feedbackOf } from './feedbackRecord';

export const feedbackConfirmed: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const { header } = await cycleHeader(db, cycleId, at);
  const { unit, feedback } = await feedbackOf(db, cycleId, params.unitId);
  if (!feedback.confirmedAt) throw noticeProblem(`the feedback to unit ${unit.code} is not confirmed yet`);
  const confirmer = feedback.confirmedById
    ? await db.user.findUnique({ where: { id: feedback.confirmedById }, select: { displayName: true } })
    : null;
  const data = {
    ...header,
    portalUrl: portalUrl(publicUrl, 'followUp'),
    unitName: unit.name,
    confirmedAt: feedback.confirmedAt.toISOString(),
    confirmedBy: confirmer?.displayName || unit.principalLeaderName?.trim() || `${unit.name}主要负责人`,
    note: feedback.confirmationNote,
  };
  return (await usersWithRoles(db, ['OFFICE'])).map((officer) =>
    draftNotice({
      cycleId,
      template: 'FEEDBACK_CONFIRMED',
      recipient: officer,
      unitId: unit.id,
      repeat: [unit.code],
      data,
    }),
  );
};

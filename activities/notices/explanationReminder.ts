// Art. 21: reminders before the written explanation is due (e.g. 3 days and 1 day before). Each belongs
// to one revision's deadline: a return or an extension sets a new deadline and new reminders.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { partyCommitteeName, principalLeaderOf } from './noticeRecipients';
import { DAY_MS, explanationOf } from './explanationRecord';

export const explanationReminder: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const daysBefore = intParam(params, 'daysBefore', 0);
  const revision = params.revision === undefined ? 0 : intParam(params, 'revision', 0);
  const { header } = await cycleHeader(db, cycleId, at);
  const { unit, explanation } = await explanationOf(db, cycleId, params.unitId);
  if (!explanation) throw noticeProblem(`unit ${unit.code} owes no explanation in this cycle`);
  if (explanation.status === 'SUBMITTED' || explanation.status === 'ACCEPTED') return []; // nothing to chase
  const leader = await principalLeaderOf(db, unit);
  if (!leader) return []; // flagged by mail/recipientCheck.ts before publication
  const daysLeft = Math.max(0, Math.ceil((explanation.dueAt.getTime() - Date.parse(at)) / DAY_MS));
  return [
    draftNotice({
      cycleId,
      template: 'EXPLANATION_REMINDER',
      recipient: leader,
      unitId: unit.id,
      repeat: [
        unit.code,
        `revision-${revision}`,
        `due-${explanation.dueAt.toISOString()}`,
        `days-${daysBefore}`,
      ],
      data: {
        ...header,
        unitName: unit.name,
        portalUrl: portalUrl(publicUrl, 'unitFollowUp'),
        partyCommitteeName: partyCommitteeName(unit),
        dueAt: explanation.dueAt.toISOString(),
        daysLeft,
        status: explanation.status === 'RETURNED' ? 'RETURNED' : 'PENDING',
      },
    }),
  ];
};

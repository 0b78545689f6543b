// Art. 21: the written explanation is overdue; the leadership group (leader, party-group members and
// office) is told now and weekly until it arrives. Escalation #2 is a new email; a retry of #1 is not.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { leadershipGroup } from './noticeRecipients';
import { DAY_MS, explanationOf } from './explanationRecord';

export const explanationOverdueEscalation: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const escalation = intParam(params, 'escalation', 1);
  const { header } = await cycleHeader(db, cycleId, at);
  const { unit, explanation } = await explanationOf(db, cycleId, params.unitId);
  if (!explanation) throw noticeProblem(`unit ${unit.code} owes no explanation in this cycle`);
  const daysOverdue = Math.max(1, Math.ceil((Date.parse(at) - explanation.dueAt.getTime()) / DAY_MS));
  const data = {
    ...header,
    portalUrl: portalUrl(publicUrl, 'followUp'),
    unitName: unit.name,
    principalLeaderName: unit.principalLeaderName?.trim() || `${unit.name}主要负责人`,
    dueAt: explanation.dueAt.toISOString(),
    daysOverdue,
    escalation,
  };
  return (await leadershipGroup(db)).map((member) =>
    draftNotice({
      cycleId,
      template: 'EXPLANATION_OVERDUE_ESCALATION',
      recipient: member,
      unitId: unit.id,
      repeat: [unit.code, `escalation-${escalation}`],
      data,
    }),
  );
};

// A failing unit's written explanation (Art. 21: 通报批评, 责令主要负责人向同级党委和市总工会做出书面说明):
// the criticism notice, reminders before the deadline, and weekly escalation to the leadership group
// while it is overdue. The annual-cycle workflow takes the submissions and the office's reviews (its
// validators know the grades) and tells this child every change; the child ends once it is accepted.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { explanationChangedSignal, explanationStatusQuery, type ExplanationStatus } from './contract';
import { notices, records } from './activityProxies';
import { waitUntil } from './waitUntil';
import { DAY_MS } from '../domain/cycle/deadlines';

export interface ExplanationInput {
  cycleId: string;
  unitId: string;
  /** Set by the cycle: criticism notice + explanationDays (default 15, SPEC §2.12). */
  dueAt: string;
  reminderDaysBefore: number[]; // e.g. [3, 1]
  escalationEveryDays: number; // weekly
}

export async function explanationWorkflow(input: ExplanationInput): Promise<void> {
  let state: ExplanationStatus = {
    unitId: input.unitId,
    dueAt: input.dueAt,
    status: 'PENDING',
    revision: 0,
    late: false,
  };
  let escalations = 0;
  setHandler(explanationStatusQuery, () => ({ ...state, escalations }));
  setHandler(explanationChangedSignal, async ({ notify, ...changed }) => {
    state = changed;
    // Engine 2: the API reviewed it; this workflow sends the notice (the legacy parent sent its own).
    if (notify) {
      await notices.sendNotices({
        cycleId: input.cycleId,
        event: notify,
        at: new Date().toISOString(),
        params: { unitId: input.unitId, revision: changed.revision },
      });
    }
  });
  const dueAt = () => Date.parse(state.dueAt);
  const awaitingUnit = () => state.status === 'PENDING' || state.status === 'RETURNED';
  const accepted = () => state.status === 'ACCEPTED';

  await notices.sendNotices({
    cycleId: input.cycleId,
    event: 'CRITICISM_NOTICE',
    at: new Date().toISOString(),
    params: { unitId: input.unitId },
  });

  while (!accepted()) {
    if (!awaitingUnit()) {
      // Submitted: the office reviews; nothing to chase meanwhile.
      await condition(() => awaitingUnit() || accepted());
      continue;
    }
    // Reminders belong to one revision's deadline: a return sets a new deadline and new reminders.
    const revision = state.revision;
    for (const days of [...input.reminderDaysBefore].sort((a, b) => b - a)) {
      const remindAt = () => dueAt() - days * DAY_MS;
      if (remindAt() <= Date.now()) continue;
      if ((await waitUntil(remindAt, () => !awaitingUnit())) === 'deadline') {
        await notices.sendNotices({
          cycleId: input.cycleId,
          event: 'EXPLANATION_REMINDER',
          at: new Date().toISOString(),
          params: { unitId: input.unitId, daysBefore: days, revision },
        });
      }
    }
    if ((await waitUntil(dueAt, () => !awaitingUnit())) === 'done') continue;
    // Overdue: escalate to the leadership group now and every week until the unit submits (Art. 21).
    while (awaitingUnit() && Date.now() >= dueAt()) {
      escalations += 1;
      await records.recordExplanationEscalation({
        cycleId: input.cycleId,
        unitId: input.unitId,
        escalations,
      });
      await notices.sendNotices({
        cycleId: input.cycleId,
        event: 'EXPLANATION_OVERDUE_ESCALATION',
        at: new Date().toISOString(),
        params: { unitId: input.unitId, escalation: escalations },
      });
      // An extension moves the deadline back into the future: stop escalating and remind again.
      const escalatedAt = state.dueAt;
      await condition(
        () => !awaitingUnit() || state.dueAt !== escalatedAt,
        input.escalationEveryDays * DAY_MS,
      );
    }
  }
  await condition(allHandlersFinished);
}

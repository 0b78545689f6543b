// Feedback to a unit's principal leader (Art. 19: 向被考核单位主要负责人反馈, 主要负责人向本单位干部职工反馈):
// the request goes out, and reminders follow weekly until the principal leader confirms it was relayed.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { confirmFeedbackUpdate, feedbackConfirmedSignal, RefusalReason, type Actor } from './contract';
import { notices, records } from './activityProxies';
import { refuse, requireOwnUnit, requireRole } from './refuse';
import { DAY_MS } from '../domain/cycle/deadlines';

export interface FeedbackWorkflowInput {
  cycleId: string;
  unitId: string;
  reminderEveryDays: number;
}

export async function feedbackWorkflow(input: FeedbackWorkflowInput): Promise<void> {
  let confirmed = false;
  // Engine 2: the API stored the confirmation and says so; engine 1 confirms through the update below.
  let confirmedByApi = false;
  setHandler(feedbackConfirmedSignal, () => {
    confirmedByApi = true;
  });
  setHandler(
    confirmFeedbackUpdate,
    async ({ actor, note }: { actor: Actor; note?: string }) => {
      confirmed = true;
      await records.confirmFeedback({
        cycleId: input.cycleId,
        unitId: input.unitId,
        actor,
        note: note ?? '',
        at: new Date().toISOString(),
      });
      await notices.sendNotices({
        cycleId: input.cycleId,
        event: 'FEEDBACK_CONFIRMED',
        at: new Date().toISOString(),
        params: { unitId: input.unitId },
      });
    },
    {
      validator: ({ actor }: { actor: Actor }) => {
        requireRole(actor, ['UNIT'], 'feedback confirmation');
        requireOwnUnit(actor, input.unitId);
        if (confirmed) refuse(RefusalReason.CLOSED, 'feedback was already confirmed');
      },
    },
  );

  await notices.sendNotices({
    cycleId: input.cycleId,
    event: 'FEEDBACK_REQUEST',
    at: new Date().toISOString(),
    params: { unitId: input.unitId },
  });
  let reminder = 0;
  while (!(await condition(() => confirmed || confirmedByApi, input.reminderEveryDays * DAY_MS))) {
    reminder += 1;
    await notices.sendNotices({
      cycleId: input.cycleId,
      event: 'FEEDBACK_REMINDER',
      at: new Date().toISOString(),
      params: { unitId: input.unitId, reminder },
    });
  }
  if (confirmedByApi && !confirmed) {
    await notices.sendNotices({
      cycleId: input.cycleId,
      event: 'FEEDBACK_CONFIRMED',
      at: new Date().toISOString(),
      params: { unitId: input.unitId },
    });
  }
  await condition(allHandlersFinished);
}

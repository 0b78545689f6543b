// One checkpoint round (Art. 8: 节点): remind before the due date, close at it, keep accepting late
// submissions (flagged) until the cycle leaves the checkpoint stage.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  closeRoundNowSignal,
  endRoundSignal,
  extendRoundSignal,
  roundStatusQuery,
  submitCheckpointUpdate,
  RefusalReason,
  type CheckpointSubmissionInput,
} from './contract';
import { notices, records } from './activityProxies';
import { refuse, requireOwnUnit, requireRole } from './refuse';
import { waitUntil } from './waitUntil';
import { DAY_MS } from '../domain/cycle/deadlines';

export interface CheckpointRoundInput {
  cycleId: string;
  roundKey: string;
  dueAt: string;
  reminderLeadDays: number;
  checkpoints: { id: string; code: string; notUndertakenBy: string[] }[];
  unitIds: string[];
}

export async function checkpointRoundWorkflow(input: CheckpointRoundInput): Promise<void> {
  let dueAt = Date.parse(input.dueAt);
  let closed = false;
  let ended = false;
  let closeNow = false;

  setHandler(roundStatusQuery, () => ({ key: input.roundKey, dueAt: new Date(dueAt).toISOString(), closed }));
  setHandler(extendRoundSignal, ({ newDueAt }) => {
    if (!closed) dueAt = Date.parse(newDueAt);
  });
  setHandler(closeRoundNowSignal, () => {
    closeNow = true;
  });
  setHandler(endRoundSignal, () => {
    ended = true;
  });
  setHandler(
    submitCheckpointUpdate,
    async (submission: CheckpointSubmissionInput) =>
      records.recordCheckpointSubmission({
        cycleId: input.cycleId,
        input: submission,
        at: new Date().toISOString(),
        late: closed || Date.now() > dueAt, // late ones are kept and flagged (SPEC §2.2)
      }),
    {
      validator: (submission: CheckpointSubmissionInput) => {
        requireRole(submission.actor, ['UNIT'], 'checkpoint evidence');
        requireOwnUnit(submission.actor, submission.unitId);
        if (ended)
          refuse(
            RefusalReason.WRONG_STAGE,
            `checkpoint round ${input.roundKey} no longer accepts submissions`,
          );
        const checkpoint = input.checkpoints.find((candidate) => candidate.id === submission.checkpointId);
        if (!checkpoint)
          refuse(
            RefusalReason.NOT_FOUND,
            `checkpoint ${submission.checkpointId} is not in round ${input.roundKey}`,
          );
        if (!input.unitIds.includes(submission.unitId))
          refuse(RefusalReason.NOT_FOUND, `unit ${submission.unitId} is not assessed`);
        if (checkpoint.notUndertakenBy.includes(submission.unitId)) {
          refuse(
            RefusalReason.INVALID,
            `unit ${submission.unitId} does not undertake checkpoint ${checkpoint.code} (Art. 12)`,
          );
        }
      },
    },
  );

  const reminderAt = () => dueAt - input.reminderLeadDays * DAY_MS;
  const checkpointIds = input.checkpoints.map((checkpoint) => checkpoint.id);
  if (reminderAt() > Date.now()) {
    if ((await waitUntil(reminderAt, () => closeNow || ended)) === 'deadline') {
      await notices.sendNotices({
        cycleId: input.cycleId,
        event: 'CHECKPOINT_REMINDER',
        at: new Date().toISOString(),
        params: { roundKey: input.roundKey, checkpointIds },
      });
    }
  }
  await waitUntil(
    () => dueAt,
    () => closeNow || ended,
  );
  closed = true;
  await notices.sendNotices({
    cycleId: input.cycleId,
    event: 'CHECKPOINT_OVERDUE',
    at: new Date().toISOString(),
    params: { roundKey: input.roundKey, checkpointIds },
  });
  await condition(() => ended);
  await condition(allHandlersFinished);
}

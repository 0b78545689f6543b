// Whether a checkpoint round is closed (Art. 8: 节点), decided in one place for every reader (the
// status route and the dashboard): closed once the cycle has left CHECKPOINTS (the office may close
// the stage by hand, Art. 8), once its (possibly extended) due date has passed, or once a submission
// of the round was flagged late, which proves the round closed even if this clock lags the workflow's.
import { groupCheckpointRounds, type CheckpointRef, type CheckpointRound } from './checkpointRounds';
import { isStageAtOrAfter, type CycleStage } from './stages';

export interface CheckpointRoundState extends CheckpointRound {
  closed: boolean;
}

export function checkpointRoundStates(input: {
  stage: CycleStage;
  checkpoints: CheckpointRef[];
  /** Round key → extended due date (ms), the latest extension of each round. */
  extendedDue: Map<string, number>;
  /** Checkpoints with at least one submission flagged late. */
  lateCheckpointIds: Set<string>;
  now: number;
}): CheckpointRoundState[] {
  return groupCheckpointRounds(input.checkpoints).map((round) => {
    const due = input.extendedDue.get(round.key) ?? Date.parse(round.dueAt);
    const closed =
      isStageAtOrAfter(input.stage, 'SELF_CHECK') ||
      input.now >= due ||
      round.checkpoints.some((checkpoint) => input.lateCheckpointIds.has(checkpoint.id));
    return { ...round, dueAt: new Date(due).toISOString(), closed };
  });
}

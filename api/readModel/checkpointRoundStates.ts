// The checkpoint rounds of a cycle and whether each is closed, read from PostgreSQL (checkpoints,
// round deadline extensions, late submissions, the stage): the one source of `GET /cycles/{year}/status`
// and of the dashboard (domain/cycle/checkpointRoundState.ts decides).
import type { Db } from '../../prisma/client';
import type { CycleStage } from '../../domain/cycle/stages';
import { checkpointRoundStates, type CheckpointRoundState } from '../../domain/cycle/checkpointRoundState';

export async function loadCheckpointRoundStates(
  db: Db,
  cycle: { id: string; stage: string },
  now = Date.now(),
): Promise<CheckpointRoundState[]> {
  const [checkpoints, extensions, late] = await Promise.all([
    db.checkpoint.findMany({ where: { cycleId: cycle.id }, select: { id: true, code: true, dueAt: true } }),
    db.deadlineExtension.findMany({
      where: { cycleId: cycle.id, target: { startsWith: 'CHECKPOINT_ROUND:' } },
      orderBy: { createdAt: 'asc' },
      select: { target: true, newDueAt: true },
    }),
    db.checkpointSubmission.findMany({
      where: { checkpoint: { cycleId: cycle.id }, late: true },
      distinct: ['checkpointId'],
      select: { checkpointId: true },
    }),
  ]);
  return checkpointRoundStates({
    stage: cycle.stage as CycleStage,
    checkpoints: checkpoints.map((checkpoint) => ({
      id: checkpoint.id,
      code: checkpoint.code,
      dueAt: checkpoint.dueAt.toISOString(),
    })),
    extendedDue: roundExtensions(extensions),
    lateCheckpointIds: new Set(late.map((row) => row.checkpointId)),
    now,
  });
}

/** Round key → the latest extended due date (ms), from extensions in the order they were made. */
export function roundExtensions(extensions: { target: string; newDueAt: Date }[]): Map<string, number> {
  return new Map(
    extensions.map((row) => [row.target.slice('CHECKPOINT_ROUND:'.length), row.newDueAt.getTime()]),
  );
}

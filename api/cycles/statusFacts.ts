// The cycle's status as the workflow reports it, completed with the facts that live in PostgreSQL
// (engine 2): rankings received, explanations and feedback.
import type { Db } from '../../prisma/client';
import type { CycleStatus } from '../../workflows/contract';

export async function withFacts(
  db: Db,
  cycle: { id: string; engine: number },
  status: CycleStatus,
): Promise<CycleStatus> {
  if (cycle.engine === 1) return status;
  const [rankings, explanations, feedback, checkpoints] = await Promise.all([
    db.ranking.findMany({
      where: { cycleId: cycle.id },
      select: { kind: true, evaluatorKey: true, categoryId: true },
    }),
    db.explanation.findMany({ where: { cycleId: cycle.id }, orderBy: { dueAt: 'asc' } }),
    db.feedback.findMany({ where: { cycleId: cycle.id }, select: { unitId: true, confirmedAt: true } }),
    db.checkpoint.findMany({ where: { cycleId: cycle.id, closedAt: { not: null } }, select: { id: true } }),
  ]);
  const closed = new Set(checkpoints.map((checkpoint) => checkpoint.id));
  return {
    ...status,
    rounds: status.rounds.map((round) => ({
      ...round,
      closed:
        round.closed || (round.checkpointIds.length > 0 && round.checkpointIds.every((id) => closed.has(id))),
    })),
    rankingsReceived: rankings.map(
      (ranking) => `${ranking.kind}:${ranking.evaluatorKey}:${ranking.categoryId}`,
    ),
    explanations: explanations.map((row) => ({
      unitId: row.unitId,
      dueAt: row.dueAt.toISOString(),
      status: row.status,
      revision: row.revision,
      late: row.late,
    })),
    explanationsAccepted: explanations.filter((row) => row.status === 'ACCEPTED').map((row) => row.unitId),
    feedbackConfirmed: feedback.filter((row) => row.confirmedAt).map((row) => row.unitId),
    feedbackRecorded: feedback.map((row) => row.unitId),
  };
}

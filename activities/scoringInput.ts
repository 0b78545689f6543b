// Builds the scoring file of SPEC §5 from the cycle's stored data, so the cycle is scored by exactly
// the calculation the office can run by hand (`npm run score`) and the approval snapshot freezes it.
import type { Db } from '../prisma/client';
import { cycleUnits } from '../db/cycleStructure';

export interface StoredScoringFile {
  config: unknown;
  units: { id: string; name: string; category: string }[];
  indicators: {
    id: string;
    name: string;
    group: string;
    weight: number;
    checkpoints: { id: string; share: number }[];
    notUndertakenBy: string[];
  }[];
  results: Record<string, Record<string, { checkpoints: Record<string, number>; yearEnd?: number }>>;
  rankings: { leaders: RankingEntry[]; departments: RankingEntry[] };
  thirdParty?: Record<string, number>;
  adjustments: { unit: string; kind: string; count: number; note: string }[];
  downgrades: { unit: string; levels: number; reason: string; note: string }[];
}
interface RankingEntry {
  evaluator: string;
  order: Record<string, string[]>;
}

export async function loadScoringInput(db: Db, cycleId: string): Promise<StoredScoringFile> {
  const cycle = await db.cycle.findUniqueOrThrow({
    where: { id: cycleId },
    include: {
      indicators: {
        include: { checkpoints: { orderBy: { code: 'asc' } }, notUndertaken: true },
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
      },
      rankings: { orderBy: [{ kind: 'asc' }, { evaluatorKey: 'asc' }] },
      thirdParty: true,
      adjustments: { orderBy: { createdAt: 'asc' } },
      downgrades: { orderBy: { createdAt: 'asc' } },
      yearEnds: true,
    },
  });
  // The units the cycle was published with (db/cycleStructure.ts, Art. 6 per year).
  const units = await cycleUnits(db, cycleId);
  const categoryCode = new Map(units.map((unit) => [unit.categoryId, unit.category.code]));
  const checkpointVerifications = await db.checkpointVerification.findMany({
    where: { checkpoint: { cycleId } },
  });

  const results: StoredScoringFile['results'] = {};
  const cell = (unitId: string, indicatorId: string) => {
    results[unitId] ??= {};
    return (results[unitId][indicatorId] ??= { checkpoints: {} });
  };
  const indicatorOfCheckpoint = new Map(
    cycle.indicators.flatMap((indicator) =>
      indicator.checkpoints.map((cp) => [cp.id, indicator.id] as const),
    ),
  );
  for (const verification of checkpointVerifications) {
    cell(verification.unitId, indicatorOfCheckpoint.get(verification.checkpointId)!).checkpoints[
      verification.checkpointId
    ] = Number(verification.fraction);
  }
  for (const yearEnd of cycle.yearEnds)
    cell(yearEnd.unitId, yearEnd.indicatorId).yearEnd = Number(yearEnd.fraction);

  const rankingsOf = (kind: 'LEADER' | 'DEPARTMENT'): RankingEntry[] => {
    const byEvaluator = new Map<string, RankingEntry>();
    for (const ranking of cycle.rankings.filter((row) => row.kind === kind)) {
      const entry = byEvaluator.get(ranking.evaluatorKey) ?? { evaluator: ranking.evaluatorKey, order: {} };
      entry.order[categoryCode.get(ranking.categoryId) ?? ranking.categoryId] = ranking.unitOrder as string[];
      byEvaluator.set(ranking.evaluatorKey, entry);
    }
    return [...byEvaluator.values()];
  };

  return {
    config: cycle.scoringConfig,
    units: units.map((unit) => ({ id: unit.id, name: unit.name, category: unit.category.code })),
    indicators: cycle.indicators.map((indicator) => ({
      id: indicator.id,
      name: indicator.name,
      group: indicator.group,
      weight: Number(indicator.weight),
      checkpoints: indicator.checkpoints.map((checkpoint) => ({
        id: checkpoint.id,
        share: Number(checkpoint.share),
      })),
      notUndertakenBy: indicator.notUndertaken.map((row) => row.unitId).sort(),
    })),
    results,
    rankings: { leaders: rankingsOf('LEADER'), departments: rankingsOf('DEPARTMENT') },
    ...(cycle.useThirdParty
      ? { thirdParty: Object.fromEntries(cycle.thirdParty.map((row) => [row.unitId, Number(row.score)])) }
      : {}),
    adjustments: cycle.adjustments.map((row) => ({
      unit: row.unitId,
      kind: row.kind,
      count: row.count,
      note: row.note,
    })),
    downgrades: cycle.downgrades.map((row) => ({
      unit: row.unitId,
      levels: row.levels,
      reason: row.reason,
      note: row.note,
    })),
  };
}

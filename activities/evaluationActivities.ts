// Comprehensive evaluation (Art. 9, 13), commendations and criticisms (Art. 14, 15), downgrades (Art. 17):
// the writes of engine-1 cycles (facts/evaluationFacts.ts), and where the evaluation stands for engine 2.
import type { ActivityDeps } from './deps';
import { activityAuditKey } from './audit';
import {
  evaluationProgress,
  writeAdjustment,
  writeDowngrade,
  writeRanking,
  writeThirdPartyScores,
} from '../facts/evaluationFacts';
import type {
  AdjustmentInput,
  DowngradeInput,
  RankingInput,
  ThirdPartyScoresInput,
} from '../workflows/contract';

export function evaluationActivities({ db }: ActivityDeps) {
  return {
    recordRanking: (args: { cycleId: string; input: RankingInput; evaluatorKey: string; at: string }) =>
      db.$transaction((tx) => writeRanking(tx, { ...args, auditKey: activityAuditKey() })),

    recordThirdPartyScores: (args: { cycleId: string; input: ThirdPartyScoresInput; at: string }) =>
      db.$transaction((tx) => writeThirdPartyScores(tx, { ...args, auditKey: activityAuditKey() })),

    recordAdjustment: (args: { cycleId: string; id: string; input: AdjustmentInput; at: string }) =>
      db.$transaction((tx) => writeAdjustment(tx, { ...args, auditKey: activityAuditKey() })),

    recordDowngrade: (args: { cycleId: string; id: string; input: DowngradeInput; at: string }) =>
      db.$transaction((tx) => writeDowngrade(tx, { ...args, auditKey: activityAuditKey() })),

    /** Art. 9, 13: the minimum for scoring, and whether every ranker has ranked. */
    async evaluationProgress({ cycleId }: { cycleId: string }) {
      const cycle = await db.cycle.findUniqueOrThrow({
        where: { id: cycleId },
        select: { id: true, useThirdParty: true },
      });
      return evaluationProgress(db, cycle);
    },
  };
}

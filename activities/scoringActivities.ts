// Scoring (Art. 10-17): the same calculation as `npm run score`, on the cycle's stored inputs; results
// and draft opinions (评价意见, Art. 10) are stored for the office to review before approval.
import type { ActivityDeps } from './deps';
import { activityAuditKey, writeAudit } from './audit';
import { writeOpinion } from '../facts/followUpFacts';
import { loadScoringInput } from './scoringInput';
import { parseScoringInput, scoreUnits } from '../domain/scoring';
import { draftOpinion } from '../domain/scoring/draftOpinion';
import type { Actor, OpinionInput } from '../workflows/contract';

import type { Grade } from '../domain/scoring/scoringOutput';

export function scoringActivities({ db }: ActivityDeps) {
  return {
    /** `actor`: the office member whose rescore or submission asked for it; none when the stage itself scores. */
    async scoreCycle({
      cycleId,
      at,
      actor,
    }: {
      cycleId: string;
      at: string;
      actor?: Actor;
    }): Promise<{ grades: Record<string, Grade> }> {
      const file = await loadScoringInput(db, cycleId);
      const output = scoreUnits(parseScoringInput(file));
      const units = new Map(file.units.map((unit) => [unit.id, unit]));
      const categorySizes = new Map<string, number>();
      for (const unit of file.units)
        categorySizes.set(unit.category, (categorySizes.get(unit.category) ?? 0) + 1);
      await db.$transaction(
        async (tx) => {
          // Whose opinion the office edited, read once for the federation (not once per unit).
          const edited = new Set(
            (
              await tx.unitResult.findMany({
                where: { cycleId, opinionEditedById: { not: null } },
                select: { unitId: true },
              })
            ).map((row) => row.unitId),
          );
          for (const result of output.units) {
            const unit = units.get(result.id)!;
            const data = {
              indicatorScore: result.indicatorScore,
              indicatorPoints: result.indicatorPoints,
              leaderScore: result.leaderScore,
              departmentScore: result.departmentScore,
              thirdPartyScore: result.thirdPartyScore,
              comprehensivePoints: result.comprehensivePoints,
              bonus: result.bonus,
              deduction: result.deduction,
              downgradeLevels: result.downgradeLevels,
              total: result.total,
              scoreGrade: result.scoreGrade,
              finalGrade: result.finalGrade,
              categoryRank: result.categoryRank,
              breakdown: JSON.parse(JSON.stringify(result.breakdown)),
              scoredAt: new Date(at),
              // An opinion the office edited survives rescoring; a draft is redrafted from the new figures.
              ...(edited.has(result.id)
                ? {}
                : {
                    opinion: draftOpinion({
                      unitName: unit.name,
                      result,
                      categorySize: categorySizes.get(unit.category) ?? 1,
                    }),
                  }),
            };
            await tx.unitResult.upsert({
              where: { cycleId_unitId: { cycleId, unitId: result.id } },
              create: { cycleId, unitId: result.id, ...data, opinion: data.opinion ?? '' },
              update: data,
            });
          }
          await writeAudit(tx, {
            cycleId,
            actor: actor ?? null,
            action: 'cycle.score',
            targetType: 'Cycle',
            targetId: cycleId,
            after: {
              units: output.units.map((result) => ({
                unitId: result.id,
                total: result.total,
                finalGrade: result.finalGrade,
                rank: result.categoryRank,
              })),
            },
            at,
          });
        },
        { timeout: 240_000, maxWait: 30_000 },
      );
      return {
        grades: Object.fromEntries(output.units.map((result) => [result.id, result.finalGrade as Grade])),
      };
    },

    /** Engine 1: the office's edit of an evaluation opinion (Art. 10); the write is the fact's own. */
    recordOpinion: (args: { cycleId: string; input: OpinionInput; at: string }) =>
      db.$transaction((tx) => writeOpinion(tx, { ...args, auditKey: activityAuditKey() })),
  };
}

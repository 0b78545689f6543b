// Comprehensive evaluation (Art. 9, 13), commendations and criticisms (Art. 14, 15), downgrades (Art. 17).
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { AdjustmentInput, DowngradeInput, RankingInput, ThirdPartyScoresInput } from '../workflows/contract';

export function evaluationActivities({ db }: ActivityDeps) {
  return {
    async recordRanking(args: { cycleId: string; input: RankingInput; evaluatorKey: string; at: string }) {
      const { cycleId, input, evaluatorKey, at } = args;
      const where = { cycleId_kind_evaluatorKey_categoryId: { cycleId, kind: input.kind, evaluatorKey, categoryId: input.categoryId } };
      await db.$transaction(async (tx) => {
        const previous = await tx.ranking.findUnique({ where });
        const data = { unitOrder: input.unitOrder, submittedById: input.actor.userId, submittedAt: new Date(at) };
        const saved = await tx.ranking.upsert({
          where,
          create: { cycleId, kind: input.kind, evaluatorKey, categoryId: input.categoryId, ...data },
          update: data,
        });
        await writeAudit(tx, {
          cycleId,
          actor: input.actor,
          action: 'ranking.submit',
          targetType: 'Ranking',
          targetId: saved.id,
          before: previous ? { unitOrder: previous.unitOrder } : null,
          after: { kind: input.kind, categoryId: input.categoryId, unitOrder: input.unitOrder },
          at,
        });
      });
    },

    async recordThirdPartyScores(args: { cycleId: string; input: ThirdPartyScoresInput; at: string }) {
      const { cycleId, input, at } = args;
      return db.$transaction(async (tx) => {
        for (const { unitId, score } of input.scores) {
          const data = { score, enteredById: input.actor.userId, enteredAt: new Date(at) };
          await tx.thirdPartyScore.upsert({ where: { cycleId_unitId: { cycleId, unitId } }, create: { cycleId, unitId, ...data }, update: data });
        }
        await writeAudit(tx, { cycleId, actor: input.actor, action: 'thirdparty.enter', targetType: 'Cycle', targetId: cycleId, after: { scores: input.scores }, at });
        return input.scores.length;
      });
    },

    async recordAdjustment(args: { cycleId: string; id: string; input: AdjustmentInput; at: string }) {
      const { cycleId, id, input, at } = args;
      return db.$transaction(async (tx) => {
        const data = {
          cycleId,
          unitId: input.unitId,
          kind: input.kind,
          count: input.count,
          issuedBy: input.issuedBy,
          issuedOn: input.issuedOn ? new Date(input.issuedOn) : null,
          note: input.note,
          recordedById: input.actor.userId,
          createdAt: new Date(at),
        };
        await tx.adjustment.upsert({ where: { id }, create: { id, ...data }, update: {} });
        const evidenceIds = (input.evidence ?? []).map((ref) => ref.evidenceId);
        if (evidenceIds.length > 0) {
          await tx.evidenceFile.updateMany({ where: { id: { in: evidenceIds }, cycleId }, data: { adjustmentId: id } });
        }
        await writeAudit(tx, { cycleId, actor: input.actor, action: 'adjustment.record', targetType: 'Adjustment', targetId: id, after: data, at });
        return id;
      });
    },

    async recordDowngrade(args: { cycleId: string; id: string; input: DowngradeInput; at: string }) {
      const { cycleId, id, input, at } = args;
      return db.$transaction(async (tx) => {
        const data = {
          cycleId,
          unitId: input.unitId,
          levels: input.levels,
          reason: input.reason,
          note: input.note,
          recordedById: input.actor.userId,
          createdAt: new Date(at),
        };
        await tx.downgrade.upsert({ where: { id }, create: { id, ...data }, update: {} });
        await writeAudit(tx, { cycleId, actor: input.actor, action: 'downgrade.record', targetType: 'Downgrade', targetId: id, after: data, at });
        return id;
      });
    },
  };
}

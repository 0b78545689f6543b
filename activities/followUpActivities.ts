// After publication: feedback (Art. 19), incentives (Art. 20), failing units' explanations (Art. 21).
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { Actor, ExplanationReviewInput, ExplanationSubmitInput, FeedbackInput, IncentiveInput } from '../workflows/contract';

export function followUpActivities({ db }: ActivityDeps) {
  return {
    async recordFeedback({ cycleId, input, at }: { cycleId: string; input: FeedbackInput; at: string }) {
      await db.$transaction(async (tx) => {
        const saved = await tx.feedback.upsert({
          where: { cycleId_unitId: { cycleId, unitId: input.unitId } },
          create: { cycleId, unitId: input.unitId, content: input.content, recordedById: input.actor.userId, recordedAt: new Date(at) },
          update: {},
        });
        await writeAudit(tx, { cycleId, actor: input.actor, action: 'feedback.record', targetType: 'Feedback', targetId: saved.id, after: { unitId: input.unitId, content: input.content }, at });
      });
    },

    async confirmFeedback({ cycleId, unitId, actor, note, at }: { cycleId: string; unitId: string; actor: Actor; note: string; at: string }) {
      await db.$transaction(async (tx) => {
        const saved = await tx.feedback.update({
          where: { cycleId_unitId: { cycleId, unitId } },
          data: { confirmedAt: new Date(at), confirmedById: actor.userId, confirmationNote: note },
        });
        await writeAudit(tx, { cycleId, actor, action: 'feedback.confirm', targetType: 'Feedback', targetId: saved.id, after: { note }, at });
      });
    },

    /** Every GOOD unit gets a recognition record (Art. 20); the office may turn it into recognition plus reward. */
    async recordDefaultIncentives({ cycleId, at }: { cycleId: string; at: string }) {
      const good = await db.unitResult.findMany({ where: { cycleId, finalGrade: 'GOOD' }, select: { unitId: true } });
      for (const { unitId } of good) {
        await db.incentive.upsert({
          where: { cycleId_unitId: { cycleId, unitId } },
          create: { cycleId, unitId, kind: 'RECOGNITION', note: '年度工作实绩考核“好”等次 (Art. 20)', createdAt: new Date(at) },
          update: {},
        });
      }
      return good.length;
    },

    async recordIncentive({ cycleId, input, at }: { cycleId: string; input: IncentiveInput; at: string }) {
      await db.$transaction(async (tx) => {
        const previous = await tx.incentive.findUnique({ where: { cycleId_unitId: { cycleId, unitId: input.unitId } } });
        const data = { kind: input.kind, amount: input.amount ?? null, note: input.note ?? '', recordedById: input.actor.userId };
        const saved = await tx.incentive.upsert({
          where: { cycleId_unitId: { cycleId, unitId: input.unitId } },
          create: { cycleId, unitId: input.unitId, ...data, createdAt: new Date(at) },
          update: data,
        });
        await writeAudit(tx, {
          cycleId,
          actor: input.actor,
          action: 'incentive.record',
          targetType: 'Incentive',
          targetId: saved.id,
          before: previous ? { kind: previous.kind, amount: previous.amount?.toString() ?? null } : null,
          after: { kind: input.kind, amount: input.amount ?? null, note: input.note ?? '' },
          at,
        });
      });
    },

    async openExplanation({ cycleId, unitId, dueAt }: { cycleId: string; unitId: string; dueAt: string }) {
      await db.explanation.upsert({
        where: { cycleId_unitId: { cycleId, unitId } },
        create: { cycleId, unitId, dueAt: new Date(dueAt) },
        update: {},
      });
    },

    async recordExplanationSubmission(args: {
      cycleId: string;
      unitId: string;
      input: ExplanationSubmitInput;
      revision: number;
      late: boolean;
      at: string;
    }) {
      const { cycleId, unitId, input, revision, late, at } = args;
      await db.$transaction(async (tx) => {
        const saved = await tx.explanation.update({
          where: { cycleId_unitId: { cycleId, unitId } },
          data: { status: 'SUBMITTED', content: input.content, revision, submittedAt: new Date(at), submittedById: input.actor.userId, late },
        });
        const evidenceIds = (input.evidence ?? []).map((ref) => ref.evidenceId);
        if (evidenceIds.length > 0) {
          await tx.evidenceFile.updateMany({ where: { id: { in: evidenceIds }, cycleId, unitId }, data: { explanationId: saved.id } });
        }
        await writeAudit(tx, { cycleId, actor: input.actor, action: 'explanation.submit', targetType: 'Explanation', targetId: saved.id, after: { revision, late, content: input.content }, at });
      });
    },

    async recordExplanationReview(args: { cycleId: string; unitId: string; input: ExplanationReviewInput; newDueAt: string; at: string }) {
      const { cycleId, unitId, input, newDueAt, at } = args;
      await db.$transaction(async (tx) => {
        const saved = await tx.explanation.update({
          where: { cycleId_unitId: { cycleId, unitId } },
          data: {
            status: input.decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED',
            reviewComment: input.comment ?? '',
            reviewedById: input.actor.userId,
            reviewedAt: new Date(at),
            dueAt: new Date(newDueAt),
          },
        });
        await writeAudit(tx, { cycleId, actor: input.actor, action: 'explanation.review', targetType: 'Explanation', targetId: saved.id, after: { decision: input.decision, comment: input.comment ?? '', dueAt: newDueAt }, at });
      });
    },

    async recordExplanationEscalation({ cycleId, unitId, escalations }: { cycleId: string; unitId: string; escalations: number }) {
      await db.explanation.update({ where: { cycleId_unitId: { cycleId, unitId } }, data: { escalations } });
    },
  };
}

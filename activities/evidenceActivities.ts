// Units' evidence (证明材料, Art. 8): checkpoint submissions and the year-end self-check.
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { CheckpointSubmissionInput, SelfCheckInput } from '../workflows/contract';

export function evidenceActivities({ db }: ActivityDeps) {
  return {
    async recordCheckpointSubmission(args: { cycleId: string; input: CheckpointSubmissionInput; at: string; late: boolean }) {
      const { cycleId, input, at } = args;
      return db.$transaction(async (tx) => {
        const previous = await tx.checkpointSubmission.findUnique({
          where: { checkpointId_unitId: { checkpointId: input.checkpointId, unitId: input.unitId } },
        });
        const submission = await tx.checkpointSubmission.upsert({
          where: { checkpointId_unitId: { checkpointId: input.checkpointId, unitId: input.unitId } },
          create: {
            checkpointId: input.checkpointId,
            unitId: input.unitId,
            text: input.text,
            submittedAt: new Date(at),
            late: args.late,
            submittedById: input.actor.userId,
          },
          update:
            previous && previous.submittedAt.toISOString() === at
              ? {} // the same submission retried
              : { text: input.text, submittedAt: new Date(at), late: args.late, revision: { increment: 1 }, submittedById: input.actor.userId },
        });
        const evidenceIds = (input.evidence ?? []).map((ref) => ref.evidenceId);
        if (evidenceIds.length > 0) {
          await tx.evidenceFile.updateMany({
            where: { id: { in: evidenceIds }, cycleId, unitId: input.unitId, deletedAt: null },
            data: { submissionId: submission.id },
          });
        }
        await writeAudit(tx, {
          cycleId,
          actor: input.actor,
          action: 'checkpoint.submit',
          targetType: 'CheckpointSubmission',
          targetId: submission.id,
          before: previous ? { text: previous.text, submittedAt: previous.submittedAt, late: previous.late } : null,
          after: { text: input.text, submittedAt: at, late: args.late, evidenceIds },
          at,
        });
        return { submissionId: submission.id, late: submission.late };
      });
    },

    async recordSelfCheck(args: { cycleId: string; input: SelfCheckInput; at: string }) {
      const { cycleId, input, at } = args;
      return db.$transaction(async (tx) => {
        for (const item of input.items) {
          const selfCheck = await tx.selfCheck.upsert({
            where: { indicatorId_unitId: { indicatorId: item.indicatorId, unitId: input.unitId } },
            create: {
              cycleId,
              indicatorId: item.indicatorId,
              unitId: input.unitId,
              selfFraction: item.selfFraction ?? null,
              text: item.text,
              submittedAt: new Date(at),
              submittedById: input.actor.userId,
            },
            update: { selfFraction: item.selfFraction ?? null, text: item.text, submittedAt: new Date(at), submittedById: input.actor.userId },
          });
          const evidenceIds = (item.evidence ?? []).map((ref) => ref.evidenceId);
          if (evidenceIds.length > 0) {
            await tx.evidenceFile.updateMany({
              where: { id: { in: evidenceIds }, cycleId, unitId: input.unitId, deletedAt: null },
              data: { selfCheckId: selfCheck.id },
            });
          }
        }
        await writeAudit(tx, {
          cycleId,
          actor: input.actor,
          action: 'selfcheck.submit',
          targetType: 'Unit',
          targetId: input.unitId,
          after: { items: input.items },
          at,
        });
        return input.items.length;
      });
    },
  };
}

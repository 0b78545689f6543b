// Stage changes of the annual cycle as the read model sees them (SPEC §2).
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { CycleStage } from '../domain/cycle/stages';
import type { Actor, ExtendDeadlineInput } from '../workflows/contract';

export function stageActivities({ db }: ActivityDeps) {
  return {
    async enterStage(args: { cycleId: string; stage: CycleStage; at: string; manual: boolean; actorId?: string; note?: string }) {
      const before = await db.cycle.findUniqueOrThrow({ where: { id: args.cycleId }, select: { stage: true } });
      await db.$transaction(async (tx) => {
        await tx.stageTransition.upsert({
          where: { cycleId_stage: { cycleId: args.cycleId, stage: args.stage } },
          create: { cycleId: args.cycleId, stage: args.stage, enteredAt: new Date(args.at), manual: args.manual, note: args.note },
          // A stage entered again (scoring after a rejected round) records its latest entry.
          update: { enteredAt: new Date(args.at), manual: args.manual, note: args.note },
        });
        await tx.cycle.update({
          where: { id: args.cycleId },
          data: { stage: args.stage },
        });
        await writeAudit(tx, {
          cycleId: args.cycleId,
          action: 'stage.enter',
          targetType: 'Cycle',
          targetId: args.cycleId,
          before: { stage: before.stage },
          after: { stage: args.stage, manual: args.manual, note: args.note ?? null },
          at: args.at,
        });
      });
    },

    async recordDeadlineExtension(args: {
      cycleId: string;
      actor: Actor;
      target: ExtendDeadlineInput['target'];
      previousDueAt: string;
      newDueAt: string;
      reason: string;
      at: string;
    }) {
      const { cycleId, target } = args;
      await db.$transaction(async (tx) => {
        const existing = await tx.deadlineExtension.findFirst({ where: { cycleId, target, newDueAt: new Date(args.newDueAt) } });
        if (!existing) {
          await tx.deadlineExtension.create({
            data: {
              cycleId,
              target,
              previousDueAt: new Date(args.previousDueAt),
              newDueAt: new Date(args.newDueAt),
              reason: args.reason,
              actorId: args.actor.userId,
              createdAt: new Date(args.at),
            },
          });
        }
        const field = { SELF_CHECK: 'selfCheckDueAt', VERIFICATION: 'verificationDueAt', EVALUATION: 'evaluationDueAt' }[target as string];
        if (field) await tx.cycle.update({ where: { id: cycleId }, data: { [field]: new Date(args.newDueAt) } });
        if (target.startsWith('CHECKPOINT_ROUND:')) {
          await tx.checkpoint.updateMany({ where: { cycleId, dueAt: new Date(args.previousDueAt) }, data: { dueAt: new Date(args.newDueAt) } });
        }
        if (target.startsWith('EXPLANATION:')) {
          await tx.explanation.updateMany({ where: { cycleId, unitId: target.slice('EXPLANATION:'.length) }, data: { dueAt: new Date(args.newDueAt) } });
        }
        await writeAudit(tx, {
          cycleId,
          actor: args.actor,
          action: 'deadline.extend',
          targetType: 'Deadline',
          targetId: target,
          before: { dueAt: args.previousDueAt },
          after: { dueAt: args.newDueAt, reason: args.reason },
          at: args.at,
        });
      });
    },

    async closeCycle({ cycleId, at }: { cycleId: string; at: string }) {
      await db.$transaction(async (tx) => {
        await tx.cycle.update({ where: { id: cycleId }, data: { closedAt: new Date(at) } });
        await writeAudit(tx, { cycleId, action: 'cycle.close', targetType: 'Cycle', targetId: cycleId, after: { closedAt: at }, at });
      });
    },

    async audit(entry: Parameters<typeof writeAudit>[1]) {
      await writeAudit(db, entry);
    },
  };
}

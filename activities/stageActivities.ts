// Stage changes of the annual cycle as the read model sees them (SPEC §2).
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { CycleStage } from '../domain/cycle/stages';
import type { Actor, ExplanationChange, ExtendDeadlineInput } from '../workflows/contract';
import { lockCycleGate } from '../facts/cycleGate';

export function stageActivities({ db }: ActivityDeps) {
  return {
    async enterStage(args: {
      cycleId: string;
      stage: CycleStage;
      at: string;
      manual: boolean;
      actorId?: string;
      note?: string;
    }) {
      await db.$transaction(async (tx) => {
        // FOR UPDATE: a fact the API is writing under the old stage commits first, or waits for the new one.
        const before = await lockCycleGate(tx, args.cycleId, 'update');
        await tx.stageTransition.upsert({
          where: { cycleId_stage: { cycleId: args.cycleId, stage: args.stage } },
          create: {
            cycleId: args.cycleId,
            stage: args.stage,
            enteredAt: new Date(args.at),
            manual: args.manual,
            note: args.note,
          },
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
      /** Null for an explanation's deadline, read here from PostgreSQL (engine 2). */
      previousDueAt: string | null;
      newDueAt: string;
      reason: string;
      at: string;
    }): Promise<{ explanation?: ExplanationChange }> {
      const { cycleId, target } = args;
      return db.$transaction(async (tx) => {
        await lockCycleGate(tx, cycleId, 'update');
        const explanationUnit = target.startsWith('EXPLANATION:')
          ? target.slice('EXPLANATION:'.length)
          : null;
        const explanationBefore = explanationUnit
          ? await tx.explanation.findUnique({
              where: { cycleId_unitId: { cycleId, unitId: explanationUnit } },
            })
          : null;
        const previousDueAt = args.previousDueAt ?? explanationBefore?.dueAt.toISOString() ?? args.newDueAt;
        const existing = await tx.deadlineExtension.findFirst({
          where: { cycleId, target, newDueAt: new Date(args.newDueAt) },
        });
        if (!existing) {
          await tx.deadlineExtension.create({
            data: {
              cycleId,
              target,
              previousDueAt: new Date(previousDueAt),
              newDueAt: new Date(args.newDueAt),
              reason: args.reason,
              actorId: args.actor.userId,
              createdAt: new Date(args.at),
            },
          });
        }
        const field = {
          SELF_CHECK: 'selfCheckDueAt',
          VERIFICATION: 'verificationDueAt',
          EVALUATION: 'evaluationDueAt',
        }[target as string];
        if (field)
          await tx.cycle.update({ where: { id: cycleId }, data: { [field]: new Date(args.newDueAt) } });
        if (target.startsWith('CHECKPOINT_ROUND:')) {
          await tx.checkpoint.updateMany({
            where: { cycleId, dueAt: new Date(previousDueAt) },
            data: { dueAt: new Date(args.newDueAt) },
          });
        }
        if (target.startsWith('EXPLANATION:')) {
          await tx.explanation.updateMany({
            where: { cycleId, unitId: target.slice('EXPLANATION:'.length) },
            data: { dueAt: new Date(args.newDueAt) },
          });
        }
        await writeAudit(tx, {
          cycleId,
          actor: args.actor,
          action: 'deadline.extend',
          targetType: 'Deadline',
          targetId: target,
          before: { dueAt: previousDueAt },
          after: { dueAt: args.newDueAt, reason: args.reason },
          at: args.at,
        });
        if (!explanationBefore) return {};
        const { unitId, status, revision, late } = explanationBefore;
        return { explanation: { unitId, status, revision, late, dueAt: args.newDueAt } };
      });
    },

    /** A checkpoint round closed, at its due date or by hand: later submissions are late (SPEC §2.2). */
    async closeCheckpointRound({
      cycleId,
      checkpointIds,
      at,
    }: {
      cycleId: string;
      checkpointIds: string[];
      at: string;
    }) {
      await db.$transaction(async (tx) => {
        await lockCycleGate(tx, cycleId, 'update');
        await tx.checkpoint.updateMany({
          where: { cycleId, id: { in: checkpointIds }, closedAt: null },
          data: { closedAt: new Date(at) },
        });
      });
    },

    /** Art. 18: submitted for approval, the scoring inputs are frozen until the round's outcome. */
    async freezeScoringInputs({ cycleId, at }: { cycleId: string; at: string }) {
      await db.$transaction(async (tx) => {
        await lockCycleGate(tx, cycleId, 'update');
        await tx.cycle.update({ where: { id: cycleId }, data: { frozenAt: new Date(at) } });
      });
    },

    /** A rejected round (Art. 18) returns the results to scoring: the office may revise again. */
    async unfreezeScoringInputs({ cycleId }: { cycleId: string; at: string }) {
      await db.$transaction(async (tx) => {
        await lockCycleGate(tx, cycleId, 'update');
        await tx.cycle.update({ where: { id: cycleId }, data: { frozenAt: null } });
      });
    },

    async closeCycle({ cycleId, at }: { cycleId: string; at: string }) {
      await db.$transaction(async (tx) => {
        await tx.cycle.update({ where: { id: cycleId }, data: { closedAt: new Date(at) } });
        await writeAudit(tx, {
          cycleId,
          action: 'cycle.close',
          targetType: 'Cycle',
          targetId: cycleId,
          after: { closedAt: at },
          at,
        });
      });
    },

    async audit(entry: Parameters<typeof writeAudit>[1]) {
      await writeAudit(db, entry);
    },
  };
}

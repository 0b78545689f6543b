// Units' evidence (证明材料, Art. 8): checkpoint submissions and the year-end self-check. The checks run
// in the API's transaction against the cycle's gate; the writes are shared with the activities of
// cycles started before facts moved to PostgreSQL.
import { writeAudit } from '../db/audit';
import { RefusalReason } from '../domain/cycle/refusalReason';
import type { CheckpointSubmissionInput, SelfCheckInput } from '../workflows/contract';
import { requireOpen, type CycleGate, type Tx } from './cycleGate';
import { refuse, requireOwnUnit, requireRole } from './refusal';
import { requireAssessedUnit, requireFraction } from './unitChecks';

export interface WriteContext {
  at: string;
  /** Audit idempotency (db/audit.ts): the activity's, or the request's Idempotency-Key. */
  auditKey?: string | null;
}

/** Round key of a due date, as domain/cycle/checkpointRounds.ts names rounds. */
const roundKeyOf = (dueAt: Date) => dueAt.toISOString().replace(/[:.]/g, '-');

export async function checkCheckpointSubmission(
  tx: Tx,
  gate: CycleGate,
  input: CheckpointSubmissionInput,
  now: Date,
) {
  requireRole(input.actor, ['UNIT'], 'checkpoint evidence');
  requireOwnUnit(input.actor, input.unitId);
  const checkpoint = await tx.checkpoint.findFirst({
    where: { id: input.checkpointId, cycleId: gate.id },
    include: { indicator: { include: { notUndertaken: { where: { unitId: input.unitId } } } } },
  });
  if (!checkpoint) refuse(RefusalReason.NOT_FOUND, `checkpoint ${input.checkpointId} is not in this cycle`);
  if (gate.stage === 'TARGET_SETTING' || !gate.publishedAt)
    refuse(RefusalReason.WRONG_STAGE, 'the targets are not published yet');
  requireOpen(gate, 'checkpointSubmission', `checkpoint round ${roundKeyOf(checkpoint.dueAt)}`);
  await requireAssessedUnit(tx, gate.id, input.unitId);
  if (checkpoint.indicator.notUndertaken.length > 0)
    refuse(
      RefusalReason.INVALID,
      `unit ${input.unitId} does not undertake checkpoint ${checkpoint.code} (Art. 12)`,
    );
  // Late ones are kept and flagged (SPEC §2.2): after the due date, or once the round was closed by hand.
  const late = checkpoint.closedAt !== null || now.getTime() > checkpoint.dueAt.getTime();
  return { late, roundKey: roundKeyOf(checkpoint.dueAt) };
}

export async function writeCheckpointSubmission(
  tx: Tx,
  args: { cycleId: string; input: CheckpointSubmissionInput; late: boolean } & WriteContext,
) {
  const { cycleId, input, at } = args;
  const key = { checkpointId_unitId: { checkpointId: input.checkpointId, unitId: input.unitId } };
  const previous = await tx.checkpointSubmission.findUnique({ where: key });
  const submission = await tx.checkpointSubmission.upsert({
    where: key,
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
        : {
            text: input.text,
            submittedAt: new Date(at),
            late: args.late,
            revision: { increment: 1 },
            submittedById: input.actor.userId,
          },
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
    eventKeyPrefix: args.auditKey,
  });
  return { submissionId: submission.id, late: submission.late };
}

export async function checkSelfCheck(tx: Tx, gate: CycleGate, input: SelfCheckInput) {
  requireRole(input.actor, ['UNIT'], 'self-check');
  requireOwnUnit(input.actor, input.unitId);
  await requireAssessedUnit(tx, gate.id, input.unitId);
  requireOpen(gate, 'selfCheck', 'self-check (Art. 8)');
  const indicators = await tx.indicator.findMany({
    where: { cycleId: gate.id, id: { in: input.items.map((item) => item.indicatorId) } },
    include: { notUndertaken: { where: { unitId: input.unitId } } },
  });
  for (const item of input.items) {
    const indicator = indicators.find((candidate) => candidate.id === item.indicatorId);
    if (!indicator) refuse(RefusalReason.NOT_FOUND, `indicator ${item.indicatorId} is not in this cycle`);
    if (indicator.notUndertaken.length > 0)
      refuse(RefusalReason.INVALID, `unit does not undertake indicator ${item.indicatorId} (Art. 12)`);
    if (item.selfFraction !== undefined && item.selfFraction !== null)
      requireFraction(`items[${item.indicatorId}].selfFraction`, item.selfFraction);
  }
}

export async function writeSelfCheck(
  tx: Tx,
  args: { cycleId: string; input: SelfCheckInput } & WriteContext,
) {
  const { cycleId, input, at } = args;
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
      update: {
        selfFraction: item.selfFraction ?? null,
        text: item.text,
        submittedAt: new Date(at),
        submittedById: input.actor.userId,
      },
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
    eventKeyPrefix: args.auditKey,
  });
  return input.items.length;
}

// Verification by the leadership group (Art. 8: 察访核验): completion fractions per checkpoint and per
// indicator at year end, recording which evidence versions were judged.
import { writeAudit } from '../db/audit';
import { RefusalReason } from '../domain/cycle/refusalReason';
import type { CheckpointVerificationInput, YearEndVerificationInput } from '../workflows/contract';
import { requireOpen, requireRevisable, type CycleGate, type Tx } from './cycleGate';
import { refuse, requireRole } from './refusal';
import { requireAssessedUnits, requireFraction } from './unitChecks';
import type { WriteContext } from './submissionFacts';

export async function checkCheckpointVerifications(
  tx: Tx,
  gate: CycleGate,
  input: CheckpointVerificationInput,
  now: Date,
) {
  requireRole(input.actor, ['OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'], 'checkpoint verification');
  requireOpen(gate, 'checkpointVerification', 'checkpoint verification (Art. 8)');
  requireRevisable(gate, 'checkpoint verification');
  await requireAssessedUnits(
    tx,
    gate.id,
    input.entries.map((entry) => entry.unitId),
  );
  const checkpoints = await tx.checkpoint.findMany({
    where: { cycleId: gate.id, id: { in: input.entries.map((entry) => entry.checkpointId) } },
    include: { indicator: { include: { notUndertaken: true } } },
  });
  for (const entry of input.entries) {
    const checkpoint = checkpoints.find((candidate) => candidate.id === entry.checkpointId);
    if (!checkpoint) refuse(RefusalReason.NOT_FOUND, `checkpoint ${entry.checkpointId} is not in this cycle`);
    const open = checkpoint.closedAt === null && now.getTime() < checkpoint.dueAt.getTime();
    if (open && gate.stage === 'CHECKPOINTS')
      refuse(RefusalReason.WRONG_STAGE, `checkpoint ${checkpoint.code} is verified after its due date`);
    if (checkpoint.indicator.notUndertaken.some((row) => row.unitId === entry.unitId))
      refuse(
        RefusalReason.INVALID,
        `unit ${entry.unitId} does not undertake checkpoint ${checkpoint.code} (Art. 12)`,
      );
    requireFraction(`entries[${checkpoint.code}/${entry.unitId}].fraction`, entry.fraction);
  }
}

export async function writeCheckpointVerifications(
  tx: Tx,
  args: { cycleId: string; input: CheckpointVerificationInput } & WriteContext,
) {
  const { cycleId, input, at } = args;
  for (const entry of input.entries) {
    const key = { checkpointId_unitId: { checkpointId: entry.checkpointId, unitId: entry.unitId } };
    const previous = await tx.checkpointVerification.findUnique({ where: key });
    const submission = await tx.checkpointSubmission.findUnique({
      where: key,
      include: { evidence: { where: { deletedAt: null } } },
    });
    const evidenceJudged = (submission?.evidence ?? []).map((file) => ({
      id: file.id,
      sha256: file.sha256,
      name: file.originalName,
    }));
    const data = {
      fraction: entry.fraction,
      method: entry.method,
      note: entry.note ?? '',
      evidenceJudged,
      verifiedById: input.actor.userId,
      verifiedAt: new Date(at),
    };
    const saved = await tx.checkpointVerification.upsert({
      where: key,
      create: { checkpointId: entry.checkpointId, unitId: entry.unitId, ...data },
      update: data,
    });
    await writeAudit(tx, {
      cycleId,
      actor: input.actor,
      action: 'checkpoint.verify',
      targetType: 'CheckpointVerification',
      targetId: saved.id,
      before: previous
        ? { fraction: previous.fraction.toString(), method: previous.method, note: previous.note }
        : null,
      after: { fraction: entry.fraction, method: entry.method, note: entry.note ?? '', evidenceJudged },
      at,
      eventKeyPrefix: args.auditKey,
    });
  }
  return input.entries.length;
}

export async function checkYearEndVerifications(tx: Tx, gate: CycleGate, input: YearEndVerificationInput) {
  requireRole(input.actor, ['OFFICE', 'LEADER', 'PARTY_MEMBER'], 'year-end verification');
  requireOpen(gate, 'yearEndVerification', 'year-end verification (Art. 8)');
  requireRevisable(gate, 'year-end verification');
  await requireAssessedUnits(
    tx,
    gate.id,
    input.entries.map((entry) => entry.unitId),
  );
  const indicators = await tx.indicator.findMany({
    where: { cycleId: gate.id, id: { in: input.entries.map((entry) => entry.indicatorId) } },
    include: { notUndertaken: true },
  });
  for (const entry of input.entries) {
    const indicator = indicators.find((candidate) => candidate.id === entry.indicatorId);
    if (!indicator) refuse(RefusalReason.NOT_FOUND, `indicator ${entry.indicatorId} is not in this cycle`);
    if (indicator.notUndertaken.some((row) => row.unitId === entry.unitId))
      refuse(
        RefusalReason.INVALID,
        `unit ${entry.unitId} does not undertake indicator ${entry.indicatorId} (Art. 12)`,
      );
    requireFraction(`entries[${entry.indicatorId}/${entry.unitId}].fraction`, entry.fraction);
  }
}

export async function writeYearEndVerifications(
  tx: Tx,
  args: { cycleId: string; input: YearEndVerificationInput } & WriteContext,
) {
  const { cycleId, input, at } = args;
  for (const entry of input.entries) {
    const key = { indicatorId_unitId: { indicatorId: entry.indicatorId, unitId: entry.unitId } };
    const previous = await tx.yearEndVerification.findUnique({ where: key });
    const data = {
      fraction: entry.fraction,
      method: entry.method,
      note: entry.note ?? '',
      verifiedById: input.actor.userId,
      verifiedAt: new Date(at),
    };
    const saved = await tx.yearEndVerification.upsert({
      where: key,
      create: { cycleId, indicatorId: entry.indicatorId, unitId: entry.unitId, ...data },
      update: data,
    });
    await writeAudit(tx, {
      cycleId,
      actor: input.actor,
      action: 'yearend.verify',
      targetType: 'YearEndVerification',
      targetId: saved.id,
      before: previous
        ? { fraction: previous.fraction.toString(), method: previous.method, note: previous.note }
        : null,
      after: { fraction: entry.fraction, method: entry.method, note: entry.note ?? '' },
      at,
      eventKeyPrefix: args.auditKey,
    });
  }
  return input.entries.length;
}

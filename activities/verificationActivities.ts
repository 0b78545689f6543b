// Verification by the leadership group (Art. 8: 察访核验): completion fractions per checkpoint and per
// indicator at year end, recording which evidence versions were judged.
import type { ActivityDeps } from './deps';
import { writeAudit } from './audit';
import type { CheckpointVerificationInput, YearEndVerificationInput } from '../workflows/contract';

export function verificationActivities({ db }: ActivityDeps) {
  return {
    async recordCheckpointVerifications(args: { cycleId: string; input: CheckpointVerificationInput; at: string }) {
      const { cycleId, input, at } = args;
      return db.$transaction(async (tx) => {
        for (const entry of input.entries) {
          const key = { checkpointId_unitId: { checkpointId: entry.checkpointId, unitId: entry.unitId } };
          const previous = await tx.checkpointVerification.findUnique({ where: key });
          const submission = await tx.checkpointSubmission.findUnique({ where: key, include: { evidence: { where: { deletedAt: null } } } });
          const evidenceJudged = (submission?.evidence ?? []).map((file) => ({ id: file.id, sha256: file.sha256, name: file.originalName }));
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
            before: previous ? { fraction: previous.fraction.toString(), method: previous.method, note: previous.note } : null,
            after: { fraction: entry.fraction, method: entry.method, note: entry.note ?? '', evidenceJudged },
            at,
          });
        }
        return input.entries.length;
      });
    },

    async recordYearEndVerifications(args: { cycleId: string; input: YearEndVerificationInput; at: string }) {
      const { cycleId, input, at } = args;
      return db.$transaction(async (tx) => {
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
            before: previous ? { fraction: previous.fraction.toString(), method: previous.method, note: previous.note } : null,
            after: { fraction: entry.fraction, method: entry.method, note: entry.note ?? '' },
            at,
          });
        }
        return input.entries.length;
      });
    },
  };
}

// Replaces a cycle's targets with a checked plan in ONE transaction (Art. 5, 8, 12): every indicator,
// checkpoint and non-undertaking row goes and the plan's come, or nothing changes. The claim on the
// cycle row inside the transaction refuses a cycle published meanwhile (Art. 8: published targets are
// fixed) and makes a concurrent publication wait for the commit.
import type { Actor } from '../../workflows/contract';
import type { Db } from '../../prisma/client';
import type { PlannedIndicator } from '../../domain/targets/parseTargetWorkbook';
import { writeAudit } from '../../db/audit';
import { HttpError } from '../errors';

export async function replaceTargets(
  db: Db,
  args: {
    cycle: { id: string; year: number };
    indicators: PlannedIndicator[];
    before: PlannedIndicator[];
    actor: Actor;
    ip?: string;
    action: string;
  },
): Promise<void> {
  const { cycle, indicators } = args;
  const [units, departments] = await Promise.all([db.unit.findMany(), db.department.findMany()]);
  const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
  const departmentId = (code?: string) =>
    code ? departments.find((department) => department.code === code)!.id : null;
  await db.$transaction(
    async (tx) => {
      const claimed = await tx.cycle.updateMany({
        where: { id: cycle.id, publishedAt: null },
        data: { updatedAt: new Date() },
      });
      if (claimed.count === 0)
        throw new HttpError(409, 'WRONG_STAGE', 'targets are published; they can no longer change (Art. 8)');
      await tx.indicator.deleteMany({ where: { cycleId: cycle.id } });
      for (const [sortOrder, indicator] of indicators.entries()) {
        await tx.indicator.create({
          data: {
            cycleId: cycle.id,
            code: indicator.code,
            name: indicator.name,
            nameEn: indicator.nameEn ?? null,
            group: indicator.group,
            weight: indicator.weight,
            standard: indicator.standard,
            departmentId: departmentId(indicator.departmentCode),
            sortOrder,
            checkpoints: {
              create: indicator.checkpoints.map((checkpoint) => ({
                cycleId: cycle.id,
                code: checkpoint.code,
                name: checkpoint.name,
                dueAt: new Date(checkpoint.dueAt),
                share: checkpoint.share,
                standard: checkpoint.standard,
              })),
            },
            notUndertaken: {
              create: indicator.notUndertaken.map((entry) => ({
                unitId: unitId(entry.unitCode),
                reason: entry.reason,
              })),
            },
          },
        });
      }
      await writeAudit(tx, {
        cycleId: cycle.id,
        actor: args.actor,
        action: args.action,
        targetType: 'Cycle',
        targetId: cycle.id,
        before: { indicators: args.before },
        after: { indicators },
        ip: args.ip,
      });
    },
    { timeout: 60_000 },
  );
}

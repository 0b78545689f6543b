// Replaces a cycle's targets with a checked plan in ONE transaction (Art. 5, 8, 12): every indicator,
// checkpoint and non-undertaking row goes and the plan's come, or nothing changes. The lock on the
// cycle row inside the transaction refuses a cycle published meanwhile (Art. 8: published targets are
// fixed) and makes a concurrent publication wait for the commit (editUnpublished: the cycle row FOR
// SHARE, as every target edit holds it).
import type { Actor } from '../../workflows/contract';
import type { Db } from '../../prisma/client';
import type { PlannedIndicator } from '../../domain/targets/parseTargetWorkbook';
import { writeAudit } from '../../db/audit';
import { editUnpublished } from '../cycles/shared';

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
  await editUnpublished(db, cycle.id, 'the targets', async (tx) => {
    await tx.indicator.deleteMany({ where: { cycleId: cycle.id } });
    // Three statements whatever the size (a workbook of hundreds of indicators stays well inside the
    // transaction's time limit).
    const created = await tx.indicator.createManyAndReturn({
      data: indicators.map((indicator, sortOrder) => ({
        cycleId: cycle.id,
        code: indicator.code,
        name: indicator.name,
        nameEn: indicator.nameEn ?? null,
        group: indicator.group,
        weight: indicator.weight,
        standard: indicator.standard,
        departmentId: departmentId(indicator.departmentCode),
        sortOrder,
      })),
      select: { id: true, code: true },
    });
    const indicatorId = new Map(created.map((row) => [row.code, row.id]));
    await tx.checkpoint.createMany({
      data: indicators.flatMap((indicator) =>
        indicator.checkpoints.map((checkpoint) => ({
          cycleId: cycle.id,
          indicatorId: indicatorId.get(indicator.code)!,
          code: checkpoint.code,
          name: checkpoint.name,
          dueAt: new Date(checkpoint.dueAt),
          share: checkpoint.share,
          standard: checkpoint.standard,
        })),
      ),
    });
    await tx.nonUndertaking.createMany({
      data: indicators.flatMap((indicator) =>
        indicator.notUndertaken.map((entry) => ({
          indicatorId: indicatorId.get(indicator.code)!,
          unitId: unitId(entry.unitCode),
          reason: entry.reason,
        })),
      ),
    });
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
  });
}

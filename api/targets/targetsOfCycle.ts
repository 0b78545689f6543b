// What the targets workbook is read against and written from: the cycle's lists (departments, the
// units assessed), its group weights (Art. 12) and self-check date (Art. 8), and its current targets.
import type { Db } from '../../prisma/client';
import { scoringConfigSchema } from '../../domain/scoring/scoringConfig';
import type { ImportContext, PlannedIndicator } from '../../domain/targets/parseTargetWorkbook';
import { cycleWindow, type ScheduledCycle } from '../cycles/plausibleInput';

export async function importContextOf(
  db: Db,
  cycle: ScheduledCycle & { scoringConfig: unknown },
): Promise<ImportContext> {
  const [departments, units] = await Promise.all([
    db.department.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] }),
    db.unit.findMany({ where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] }),
  ]);
  return {
    departments: departments.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
    units: units.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
    groupWeights: scoringConfigSchema.parse(cycle.scoringConfig).groupWeights,
    selfCheckOpensAt: cycle.selfCheckOpensAt.toISOString(),
    // The window a typed checkpoint date is held to (issue 16), the same for a workbook's.
    dueWindow: cycleWindow(cycle),
  };
}

/** The cycle's indicators, checkpoints and non-undertaking in the import's own form (round trip). */
export async function currentTargets(db: Db, cycleId: string): Promise<PlannedIndicator[]> {
  const indicators = await db.indicator.findMany({
    where: { cycleId },
    include: {
      checkpoints: { orderBy: [{ dueAt: 'asc' }, { code: 'asc' }] },
      notUndertaken: { include: { unit: { select: { code: true, sortOrder: true } } } },
      department: { select: { code: true } },
    },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  return indicators.map((indicator) => ({
    code: indicator.code,
    name: indicator.name,
    ...(indicator.nameEn ? { nameEn: indicator.nameEn } : {}),
    group: indicator.group,
    weight: Number(indicator.weight),
    standard: indicator.standard,
    ...(indicator.department ? { departmentCode: indicator.department.code } : {}),
    checkpoints: indicator.checkpoints.map((checkpoint) => ({
      code: checkpoint.code,
      name: checkpoint.name,
      dueAt: checkpoint.dueAt.toISOString(),
      share: Number(checkpoint.share),
      standard: checkpoint.standard,
    })),
    notUndertaken: indicator.notUndertaken
      .sort((a, b) => a.unit.sortOrder - b.unit.sortOrder || a.unit.code.localeCompare(b.unit.code))
      .map((row) => ({ unitCode: row.unit.code, reason: row.reason })),
  }));
}

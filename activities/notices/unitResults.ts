// The published results of a cycle as the notices print them: each unit's figures and breakdown
// (UnitResult, written by the scoring engine in domain/scoring) and its category's ranking table.
import { cycleUnits } from '../../db/cycleStructure';
import type { Db } from '../../prisma/client';

/** Indicator codes and checkpoint names for the breakdown lines: the engine knows ids only. */
async function breakdownNames(db: Db, cycleId: string) {
  const [indicators, checkpoints] = await Promise.all([
    db.indicator.findMany({ where: { cycleId }, select: { id: true, code: true } }),
    db.checkpoint.findMany({ where: { cycleId }, select: { id: true, code: true, name: true } }),
  ]);
  return {
    indicatorCode: new Map(indicators.map((row) => [row.id, row.code])),
    checkpointName: new Map(checkpoints.map((row) => [row.id, `${row.code} ${row.name}`])),
  };
}

/** The breakdown with names (mail/scoreBreakdown.ts), from names read once for the whole batch. */
function nameBreakdown(
  { indicatorCode, checkpointName }: Awaited<ReturnType<typeof breakdownNames>>,
  breakdown: unknown,
): unknown {
  const lines = (breakdown as { indicators?: unknown } | null)?.indicators;
  if (!Array.isArray(lines)) return breakdown;
  return {
    ...(breakdown as object),
    indicators: lines.map((line: Record<string, unknown>) => {
      const code = indicatorCode.get(line.indicatorId as string);
      const name =
        typeof line.name === 'string' && code && !line.name.startsWith(code)
          ? `${code} ${line.name}`
          : line.name;
      const rows = Array.isArray(line.checkpoints)
        ? (line.checkpoints as Record<string, unknown>[])
        : line.checkpoints;
      return {
        ...line,
        name,
        checkpoints: Array.isArray(rows)
          ? rows.map((row) => ({ ...row, name: row.name ?? checkpointName.get(row.checkpointId as string) }))
          : rows,
      };
    }),
  };
}

export async function loadUnitResults(db: Db, cycleId: string) {
  // Read once per batch, not once per unit: a federation's result notices are thousands (Art. 18).
  const names = await breakdownNames(db, cycleId);
  // Named as the cycle was published (Art. 6 per year), addressed through the current contacts.
  const recorded = new Map((await cycleUnits(db, cycleId)).map((unit) => [unit.id, unit]));
  const results = (
    await db.unitResult.findMany({
      where: { cycleId },
      include: { unit: { include: { category: true } } },
    })
  ).map((result) => {
    const unit = recorded.get(result.unitId);
    if (!unit) return result;
    return {
      ...result,
      unit: {
        ...result.unit,
        code: unit.code,
        name: unit.name,
        nameEn: unit.nameEn,
        categoryId: unit.categoryId,
        sortOrder: unit.sortOrder,
        category: { ...result.unit.category, ...unit.category },
      },
    };
  });
  const byCategory = new Map<string, typeof results>();
  for (const result of results) {
    const rows = byCategory.get(result.unit.categoryId) ?? [];
    rows.push(result);
    byCategory.set(result.unit.categoryId, rows);
  }
  for (const rows of byCategory.values()) {
    rows.sort(
      (a, b) =>
        a.categoryRank - b.categoryRank || b.total.comparedTo(a.total) || a.unit.sortOrder - b.unit.sortOrder,
    );
  }
  const ordered = [...results].sort(
    (a, b) =>
      a.unit.category.sortOrder - b.unit.category.sortOrder ||
      a.unit.sortOrder - b.unit.sortOrder ||
      a.unit.code.localeCompare(b.unit.code),
  );
  return {
    results: ordered,
    async noticeData(result: (typeof results)[number]) {
      const category = byCategory.get(result.unit.categoryId)!;
      return {
        unitName: result.unit.name,
        categoryName: result.unit.category.name,
        categoryRank: result.categoryRank,
        categorySize: category.length,
        // Decimal strings keep the exact figures (86.245, not 86.24499…).
        total: result.total.toFixed(2),
        scoreGrade: result.scoreGrade,
        finalGrade: result.finalGrade,
        indicatorScore: result.indicatorScore.toString(),
        indicatorPoints: result.indicatorPoints.toString(),
        comprehensivePoints: result.comprehensivePoints.toString(),
        bonus: result.bonus.toString(),
        deduction: result.deduction.toString(),
        breakdown: nameBreakdown(names, result.breakdown) as never,
        categoryTable: category.map((row) => ({
          rank: row.categoryRank,
          unitName: row.unit.name,
          total: row.total.toFixed(2),
          finalGrade: row.finalGrade,
        })),
        opinion: result.opinion,
      };
    },
  };
}

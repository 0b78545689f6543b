// What the result exports need, read once from PostgreSQL: the cycle, its scored units by category
// (Art. 6: ranking is within a category) and whether the party group approved the results (Art. 18).
import { cycleUnits } from '../../db/cycleStructure';
import type { Db } from '../../prisma/client';
import federation from '../../runtime/seed/federation.json';
import type { Grade } from '../../domain/scoring/scoringOutput';
import { formatChineseDate } from '../../format/beijingDate';
import { formatPoints } from '../../format/numbers';

export type { Grade };

export interface ExportUnitResult {
  unitCode: string;
  unitName: string;
  categoryCode: string;
  categoryName: string;
  categorySort: number;
  indicatorScore: string;
  indicatorPoints: string;
  leaderScore: string;
  departmentScore: string;
  thirdPartyScore: string | null;
  comprehensivePoints: string;
  bonus: string;
  deduction: string;
  downgradeLevels: number;
  total: string;
  scoreGrade: Grade;
  finalGrade: Grade;
  categoryRank: number;
  opinion: string;
  breakdown: unknown;
}

export interface ResultExportData {
  federationName: string;
  year: number;
  title: string;
  docNumber: string | null;
  /** The approved round's decision time; null while the results are not approved (a draft). */
  approvedAt: Date | null;
  useThirdParty: boolean;
  results: ExportUnitResult[];
}

export async function loadResultExportData(db: Db, year: number): Promise<ResultExportData | null> {
  const cycle = await db.cycle.findUnique({ where: { year } });
  if (!cycle) return null;
  const [rows, approved] = await Promise.all([
    db.unitResult.findMany({
      where: { cycleId: cycle.id },
      include: { unit: { include: { category: true } } },
    }),
    db.approvalRound.findFirst({
      where: { cycleId: cycle.id, status: 'APPROVED' },
      orderBy: { number: 'desc' },
    }),
  ]);
  const text = (value: { toString(): string } | null) => (value === null ? null : value.toString());
  // Units named as the cycle was published (Art. 6 per year; db/cycleStructure.ts).
  const recorded = new Map((await cycleUnits(db, cycle.id)).map((unit) => [unit.id, unit]));
  const results = rows
    .map((row) => ({ ...row, unit: recorded.get(row.unitId) ?? row.unit }))
    .map((row) => ({
      unitCode: row.unit.code,
      unitName: row.unit.name,
      categoryCode: row.unit.category.code,
      categoryName: row.unit.category.name,
      categorySort: row.unit.category.sortOrder,
      indicatorScore: row.indicatorScore.toString(),
      indicatorPoints: row.indicatorPoints.toString(),
      leaderScore: row.leaderScore.toString(),
      departmentScore: row.departmentScore.toString(),
      thirdPartyScore: text(row.thirdPartyScore),
      comprehensivePoints: row.comprehensivePoints.toString(),
      bonus: row.bonus.toString(),
      deduction: row.deduction.toString(),
      downgradeLevels: row.downgradeLevels,
      total: row.total.toString(),
      scoreGrade: row.scoreGrade as Grade,
      finalGrade: row.finalGrade as Grade,
      categoryRank: row.categoryRank,
      opinion: row.opinion,
      breakdown: row.breakdown,
    }))
    .sort(
      (a, b) =>
        a.categorySort - b.categorySort ||
        a.categoryCode.localeCompare(b.categoryCode) ||
        a.categoryRank - b.categoryRank ||
        a.unitCode.localeCompare(b.unitCode),
    );
  return {
    federationName: federation.federation.name,
    year: cycle.year,
    title: cycle.title,
    docNumber: cycle.docNumber,
    approvedAt: approved?.decidedAt ?? null,
    useThirdParty: cycle.useThirdParty,
    results,
  };
}

export const GRADE_LABELS: Record<Grade, string> = {
  GOOD: '好',
  FAIRLY_GOOD: '较好',
  PASS: '合格',
  FAIL: '不合格',
};

/** Two decimals, half away from zero (SPEC §4: display only), as on notices and screens. */
export function displayPoints(value: string | null): string {
  if (value === null || value === '') return '';
  return formatPoints(value);
}

/** 2026年3月31日, the Beijing day (the server runs in UTC). */
export const chineseDate = (date: Date) => formatChineseDate(date);

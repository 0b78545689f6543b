// A result row as the results pages use it, from GET /cycles/:year/results whatever nesting the server
// chose (flat unitName/categoryName, or unit: {name, category: {name}}).
import type { Grade } from './resultStats';

export interface ResultRow {
  unitId: string;
  unitName: string;
  unitNameEn?: string;
  categoryId: string;
  categoryName: string;
  categoryNameEn?: string;
  total: number;
  indicatorPoints: number;
  comprehensivePoints: number;
  bonus: number;
  deduction: number;
  downgradeLevels: number;
  scoreGrade: Grade;
  finalGrade: Grade;
  categoryRank: number;
  opinion: string;
  breakdown?: unknown;
}

const num = (value: unknown) => (value === null || value === undefined || value === '' ? 0 : Number(value));

export function toResultRow(raw: Record<string, unknown>): ResultRow {
  const unit = (raw.unit ?? {}) as Record<string, unknown>;
  const category = (unit.category ?? raw.category ?? {}) as Record<string, unknown>;
  return {
    unitId: String(raw.unitId ?? unit.id ?? raw.id ?? ''),
    unitName: String(raw.unitName ?? unit.name ?? raw.unitId ?? ''),
    unitNameEn: (raw.unitNameEn ?? unit.nameEn ?? undefined) as string | undefined,
    categoryId: String(raw.categoryId ?? category.id ?? unit.categoryId ?? ''),
    categoryName: String(raw.categoryName ?? category.name ?? ''),
    categoryNameEn: (raw.categoryNameEn ?? category.nameEn ?? undefined) as string | undefined,
    total: num(raw.total),
    indicatorPoints: num(raw.indicatorPoints),
    comprehensivePoints: num(raw.comprehensivePoints),
    bonus: num(raw.bonus),
    deduction: num(raw.deduction),
    downgradeLevels: num(raw.downgradeLevels),
    scoreGrade: String(raw.scoreGrade ?? raw.finalGrade ?? 'PASS') as Grade,
    finalGrade: String(raw.finalGrade ?? 'PASS') as Grade,
    categoryRank: num(raw.categoryRank),
    opinion: String(raw.opinion ?? ''),
    breakdown: raw.breakdown,
  };
}

export function toResultRows(body: unknown): ResultRow[] {
  const list = (body as { results?: unknown[] } | null)?.results;
  return Array.isArray(list) ? list.map((item) => toResultRow(item as Record<string, unknown>)) : [];
}

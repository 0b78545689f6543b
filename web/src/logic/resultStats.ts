// Figures for the results charts: grade counts (Art. 16, 17) and a score histogram.

import { gradesInOrder, type Grade } from '../../../domain/scoring/scoringOutput';

export type { Grade };
export const GRADES = gradesInOrder;

export function gradeCounts(results: readonly { finalGrade: string }[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { GOOD: 0, FAIRLY_GOOD: 0, PASS: 0, FAIL: 0 };
  for (const result of results) if (result.finalGrade in counts) counts[result.finalGrade as Grade] += 1;
  return counts;
}

/** Bins of `width` points, from the lowest bin holding a total up to 100+ (bonuses can pass 100). */
export function scoreHistogram(
  totals: readonly number[],
  width = 5,
): { label: string; from: number; count: number }[] {
  if (totals.length === 0) return [];
  const low = Math.floor(Math.min(...totals) / width) * width;
  const high = Math.floor(Math.max(...totals) / width) * width;
  const bins: { label: string; from: number; count: number }[] = [];
  for (let from = low; from <= high; from += width)
    bins.push({ label: `${from}–${from + width}`, from, count: 0 });
  for (const total of totals) bins[Math.floor(total / width) - low / width].count += 1;
  return bins;
}

/** Results of one category, by rank then name, as the result notice lists them. */
export function byCategory<T extends { categoryRank: number; unitName: string; categoryName: string }>(
  results: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const result of results) {
    if (!groups.has(result.categoryName)) groups.set(result.categoryName, []);
    groups.get(result.categoryName)!.push(result);
  }
  for (const list of groups.values())
    list.sort((a, b) => a.categoryRank - b.categoryRank || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  return groups;
}

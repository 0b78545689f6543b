// Grades (Art. 16, 17; SPEC §3) and shared category ranks (SPEC §4).
import type { ScoringConfig } from './scoringConfig';
import { gradesInOrder, type Grade } from './scoringOutput';

/** The grade of a rounded total: below `pass` (never below 60, Art. 16) is FAIL. */
export function gradeOfTotal(total: number, thresholds: ScoringConfig['grades']): Grade {
  if (total >= thresholds.good) return 'GOOD';
  if (total >= thresholds.fairlyGood) return 'FAIRLY_GOOD';
  if (total >= thresholds.pass) return 'PASS';
  return 'FAIL';
}

/** Art. 17: lowered by the decided levels, at most 2 in total, never below FAIL. */
export function downgradeGrade(grade: Grade, levels: number): Grade {
  const applied = Math.min(2, Math.max(0, levels));
  return gradesInOrder[Math.min(gradesInOrder.length - 1, gradesInOrder.indexOf(grade) + applied)];
}

/**
 * Competition ranks by total, highest first: equal totals share a rank and the next rank skips
 * (1, 2, 2, 4). Totals are compared as given (the caller passes rounded hundredths).
 */
export function sharedRanks(totals: readonly number[]): number[] {
  const sorted = [...totals].sort((a, b) => b - a);
  const firstPosition = new Map<number, number>();
  sorted.forEach((total, index) => {
    if (!firstPosition.has(total)) firstPosition.set(total, index + 1);
  });
  return totals.map((total) => firstPosition.get(total)!);
}

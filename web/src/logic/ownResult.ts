// A unit's own result card (issue 13): the checkpoint and year-end parts of its indicator points, summed
// from the breakdown's lines (Art. 8, 11: each indicator's checkpoints and year-end share), and what a
// failing unit must do next (Art. 21).
import Decimal from 'decimal.js';

interface BreakdownLines {
  indicators?: {
    checkpoints?: { points: string | number }[];
    yearEnd?: { points: string | number } | null;
  }[];
}

/** Sums exactly (decimal strings from the API), so the parts add up to what the breakdown lists. */
export function breakdownParts(data: BreakdownLines | undefined): { checkpoints: string; yearEnd: string } {
  let checkpoints = new Decimal(0);
  let yearEnd = new Decimal(0);
  for (const line of data?.indicators ?? []) {
    for (const checkpoint of line.checkpoints ?? []) checkpoints = checkpoints.plus(checkpoint.points || 0);
    if (line.yearEnd) yearEnd = yearEnd.plus(line.yearEnd.points || 0);
  }
  return { checkpoints: checkpoints.toString(), yearEnd: yearEnd.toString() };
}

/** Units ranked in the same category (the denominator of "第 3 名 / 5"). */
export function categorySize(rows: { categoryId: string }[], categoryId: string): number {
  return rows.filter((row) => row.categoryId === categoryId).length;
}

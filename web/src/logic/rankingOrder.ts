// Ranking a category's units (Art. 13): a complete order, every unit exactly once. Reordering is the
// same for drag-and-drop and for the keyboard's up/down buttons.

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export const moveUp = <T>(list: readonly T[], index: number) => moveItem(list, index, index - 1);
export const moveDown = <T>(list: readonly T[], index: number) => moveItem(list, index, index + 1);

/** Problems that would make the API refuse the ranking: a missing, repeated or foreign unit. */
export function rankingProblems(
  order: readonly string[],
  unitIds: readonly string[],
): { missing: string[]; repeated: string[]; unknown: string[] } {
  const expected = new Set(unitIds);
  const seen = new Set<string>();
  const repeated: string[] = [];
  const unknown: string[] = [];
  for (const id of order) {
    if (seen.has(id)) repeated.push(id);
    seen.add(id);
    if (!expected.has(id)) unknown.push(id);
  }
  return { missing: unitIds.filter((id) => !seen.has(id)), repeated, unknown };
}

export function isCompleteRanking(order: readonly string[], unitIds: readonly string[]): boolean {
  const problems = rankingProblems(order, unitIds);
  return problems.missing.length === 0 && problems.repeated.length === 0 && problems.unknown.length === 0;
}

/** Rank → score as SPEC §4 converts it (top 100 … bottom 60, linear), shown beside the list. */
export function rankScore(rank: number, count: number, top = 100, bottom = 60): number {
  if (count <= 1) return top;
  return Math.round((top - ((rank - 1) * (top - bottom)) / (count - 1)) * 100) / 100;
}

// Third-party scores (Art. 9, 11): one 0–100 score per unit, typed into a table. Each cell is checked
// where it is typed; only filled cells are sent; the API's per-row errors go back to their unit's cell.

export type ScoreProblem = 'notNumber' | 'outOfRange';

/** Empty is allowed (the unit is simply not sent); otherwise a number within 0–100. */
export function scoreProblem(value: unknown): ScoreProblem | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return 'notNumber';
  if (number < 0 || number > 100) return 'outOfRange';
  return undefined;
}

/** Problems per unit id, for the cells that have one. */
export function scoreProblems(drafts: Record<string, unknown>): Record<string, ScoreProblem> {
  const problems: Record<string, ScoreProblem> = {};
  for (const [unitId, value] of Object.entries(drafts)) {
    const problem = scoreProblem(value);
    if (problem) problems[unitId] = problem;
  }
  return problems;
}

/** The request body {scores:[{unitId, score}]} in the order of `unitIds`, filled cells only. */
export function thirdPartyBody(
  unitIds: readonly string[],
  drafts: Record<string, unknown>,
): { scores: { unitId: string; score: number }[] } {
  const scores: { unitId: string; score: number }[] = [];
  for (const unitId of unitIds) {
    const value = drafts[unitId];
    if (value === undefined || value === null || value === '') continue;
    scores.push({ unitId, score: Number(value) });
  }
  return { scores };
}

/**
 * The API names a bad row by its index ("scores.3.score" or "scores[3].score"); this turns those into
 * messages per unit id of the body that was sent. Errors that name no row are returned as `other`.
 */
export function scoreErrorsByUnit(
  fields: Record<string, string>,
  sent: { scores: { unitId: string }[] },
): { byUnit: Record<string, string>; other: Record<string, string> } {
  const byUnit: Record<string, string> = {};
  const other: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const match = /^scores(?:\.|\[)(\d+)/.exec(path);
    const row = match ? sent.scores[Number(match[1])] : undefined;
    if (row) byUnit[row.unitId] = message;
    else other[path] = message;
  }
  return { byUnit, other };
}

// How a problem of an imported targets workbook reads on screen (issue 14): where it is (the cell, e.g.
// "E5（权重）", or the whole sheet) and what is wrong, from its code and parameters in the user's language.
import { translate, type Locale, type MessageKey } from '../i18n/messages';
import { formatDate } from './format';

export interface ImportProblem {
  sheet: 'indicators' | 'checkpoints' | 'nonUndertaking';
  row: number | null;
  column: string | null;
  cell: string | null;
  code: string;
  params: Record<string, string | number>;
}

const columnName = (locale: Locale, problem: ImportProblem) =>
  problem.column
    ? translate(locale, `targetImport.column.${problem.sheet}.${problem.column}` as MessageKey)
    : null;

export function problemSheet(locale: Locale, problem: ImportProblem): string {
  return translate(locale, `targetImport.sheet.${problem.sheet}` as MessageKey);
}

export function problemPlace(locale: Locale, problem: ImportProblem): string {
  const column = columnName(locale, problem);
  const where =
    problem.row === null
      ? translate(locale, 'targetImport.wholeSheet')
      : problem.cell
        ? `${problem.cell}${problem.row}`
        : translate(locale, 'targetImport.row', { row: problem.row });
  if (!column) return where;
  return locale === 'en' ? `${where} (${column})` : `${where}（${column}）`;
}

export function problemText(locale: Locale, problem: ImportProblem): string {
  const params = { ...problem.params };
  if (problem.code === 'groupWeightTotal')
    params.group = translate(locale, `group.${params.group}` as MessageKey);
  if (problem.code === 'checkpointAfterSelfCheck')
    params.selfCheckOpensAt = formatDate(String(params.selfCheckOpensAt), locale, true);
  return translate(locale, `targetImport.problem.${problem.code}` as MessageKey, params);
}

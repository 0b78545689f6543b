// A problem of an imported targets workbook, at its sheet, row and column, as a code with parameters
// the web renders in the user's language (web/src/i18n/messages.ts, targetImport.problem.*).
import type { TargetRule } from '../cycle/targetRules';
import type { SheetKey } from './workbookLayout';

export type ImportProblemCode =
  | TargetRule
  | 'missingSheet'
  | 'missingColumn'
  | 'required'
  | 'notANumber'
  | 'notADate'
  | 'implausibleDate'
  | 'unknownGroup'
  | 'unknownDepartment'
  | 'unknownIndicator'
  | 'duplicateNonUndertaking'
  | 'codeFormat'
  | 'tooSmall'
  | 'tooBig'
  | 'precision'
  | 'yearRange'
  | 'tooMany'
  | 'invalid';

export interface ImportProblem {
  sheet: SheetKey;
  /** The Excel row number (1 = the header row); null for a rule over the whole sheet. */
  row: number | null;
  /** The column's key in the layout (domain/targets/workbookLayout.ts); null for a whole row or sheet. */
  column: string | null;
  /** The column's letter in the uploaded sheet (E), when it has one. */
  cell: string | null;
  code: ImportProblemCode;
  params: Record<string, string | number>;
}

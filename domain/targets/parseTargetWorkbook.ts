// Reads a targets workbook (already turned into plain cell values) into the indicators it would store
// and every problem it has, each at its sheet, row and column, in one pass (Art. 5, 8, 12). The rules
// are the ones a typed indicator meets — its shape (domain/cycle/indicatorShape.ts, with the precision
// policy of domain/precision.ts) and the publication rules (domain/cycle/targetRules.ts: weights per
// group, Art. 12; shares, Art. 8, 11; checkpoint dates before the self-check, Art. 8; duplicate codes)
// — applied here, not rewritten; this file only adds what a workbook brings: names to look up, cells
// to read.
import type { z } from 'zod';
import { indicatorBody } from '../cycle/indicatorShape';
import { targetProblems, type TargetProblem } from '../cycle/targetRules';
import { DECIMAL_PLACES } from '../precision';
import { implausibleDates, windowDays, type PlausibleWindow } from '../cycle/plausibleDates';
import { parseBeijingText, fromBeijingWallClock } from './beijingTime';
import type { ImportProblem } from './importProblem';
import {
  EXAMPLE_MARKS,
  GROUP_LABELS,
  TARGET_SHEETS,
  columnLetter,
  type SheetDefinition,
  type SheetKey,
} from './workbookLayout';

export type CellValue = string | number | boolean | Date | null;

export interface WorkbookSheet {
  name: string;
  /** Every row as read, with its Excel row number; the first is the header row. */
  rows: { number: number; cells: CellValue[] }[];
}

export interface NamedItem {
  code: string;
  name: string;
  nameEn?: string | null;
}

export interface ImportContext {
  departments: NamedItem[];
  /** The units that can be assessed (active). */
  units: NamedItem[];
  groupWeights: Record<string, number>;
  selfCheckOpensAt: string;
  /** Where a checkpoint may fall due: the cycle's year and the next (domain/cycle/plausibleDates.ts). */
  dueWindow?: PlausibleWindow;
}

export interface PlannedIndicator {
  code: string;
  name: string;
  nameEn?: string;
  group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
  weight: number;
  standard: string;
  departmentCode?: string;
  checkpoints: { code: string; name: string; dueAt: string; share: number; standard: string }[];
  notUndertaken: { unitCode: string; reason: string }[];
}

export interface TargetImport {
  indicators: PlannedIndicator[];
  problems: ImportProblem[];
}

interface ReadRow {
  number: number;
  get(key: string): CellValue;
  letter(key: string): string | null;
}

const text = (value: CellValue): string =>
  value === null || value === undefined
    ? ''
    : value instanceof Date
      ? value.toISOString()
      : String(value).trim();

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function findSheet(sheets: WorkbookSheet[], definition: SheetDefinition, position: number) {
  return (
    sheets.find((sheet) => [definition.zh, definition.en].includes(sheet.name.trim())) ??
    // A renamed sheet still counts where the template put it.
    (sheets[position] && !TARGET_SHEETS.some((other) => [other.zh, other.en].includes(sheets[position].name))
      ? sheets[position]
      : undefined)
  );
}

export function parseTargetWorkbook(sheets: WorkbookSheet[], context: ImportContext): TargetImport {
  const problems: ImportProblem[] = [];
  const add = (
    sheet: SheetKey,
    row: ReadRow | number | null,
    column: string | null,
    code: ImportProblem['code'],
    params: ImportProblem['params'] = {},
  ) => {
    const number = typeof row === 'number' || row === null ? row : row.number;
    const cell = !column
      ? null
      : row && typeof row === 'object'
        ? row.letter(column)
        : (columnLetters.get(sheet)?.(column) ?? null);
    problems.push({ sheet, row: number, column, cell, code, params });
  };

  const columnLetters = new Map<SheetKey, (column: string) => string | null>();
  const read = (key: SheetKey): ReadRow[] => {
    const position = TARGET_SHEETS.findIndex((sheet) => sheet.key === key);
    const definition = TARGET_SHEETS[position];
    const sheet = findSheet(sheets, definition, position);
    if (!sheet) {
      add(key, null, null, 'missingSheet', { sheet: definition.zh });
      return [];
    }
    const [header, ...body] = sheet.rows;
    const positions = new Map<string, number>();
    (header?.cells ?? []).forEach((cell, index) => {
      const label = text(cell);
      const column = definition.columns.find((candidate) =>
        [candidate.zh, candidate.en, candidate.key].includes(label),
      );
      if (column && !positions.has(column.key)) positions.set(column.key, index);
    });
    columnLetters.set(key, (column) => {
      const index = positions.get(column);
      return index === undefined ? null : columnLetter(index);
    });
    for (const column of definition.columns)
      if (column.required && !positions.has(column.key))
        add(key, header?.number ?? 1, column.key, 'missingColumn', { column: column.zh });
    return body
      .filter((row) => row.cells.some((cell) => text(cell) !== ''))
      .filter((row) => !EXAMPLE_MARKS.some((mark) => text(row.cells[0] ?? null).startsWith(mark)))
      .map((row) => ({
        number: row.number,
        get: (column) => {
          const index = positions.get(column);
          return index === undefined ? null : (row.cells[index] ?? null);
        },
        letter: (column) => {
          const index = positions.get(column);
          return index === undefined ? null : columnLetter(index);
        },
      }));
  };

  const required = (sheet: SheetKey, row: ReadRow, column: string): string | null => {
    const value = text(row.get(column));
    if (value === '') {
      add(sheet, row, column, 'required');
      return null;
    }
    return value;
  };
  const number = (sheet: SheetKey, row: ReadRow, column: string): number | null => {
    const value = row.get(column);
    if (value === null || text(value) === '') return (add(sheet, row, column, 'required'), null);
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) return Number(value.trim());
    add(sheet, row, column, 'notANumber', { value: text(value) });
    return null;
  };
  const date = (sheet: SheetKey, row: ReadRow, column: string): string | null => {
    const value = row.get(column);
    if (value === null || text(value) === '') return (add(sheet, row, column, 'required'), null);
    const instant = value instanceof Date ? fromBeijingWallClock(value) : parseBeijingText(String(value));
    if (!instant || Number.isNaN(instant.getTime()))
      return (add(sheet, row, column, 'notADate', { value: text(value) }), null);
    const iso = instant.toISOString();
    // The rule a typed checkpoint date is refused by (api/cycles/plausibleInput.ts requirePlausible), with
    // its words as `rule` and its first and last day for the web's own sentence (issue 16).
    const rule = context.dueWindow && implausibleDates({ [column]: iso }, context.dueWindow)[column];
    if (rule) {
      add(sheet, row, column, 'implausibleDate', { ...windowDays(context.dueWindow!), rule });
      return null;
    }
    return iso;
  };
  const lookUp = (items: NamedItem[], value: string) =>
    items.find((item) => [item.name, item.nameEn, item.code].includes(value));

  // Indicators.
  const indicatorRows = read('indicators');
  const indicators: { row: ReadRow; plan: PlannedIndicator; weightRead: boolean }[] = [];
  for (const row of indicatorRows) {
    const code = required('indicators', row, 'code');
    const name = required('indicators', row, 'name');
    const groupText = required('indicators', row, 'group');
    const group = groupText
      ? (Object.entries(GROUP_LABELS).find(([key, labels]) =>
          [key, labels.zh, labels.en].includes(groupText),
        )?.[0] as PlannedIndicator['group'] | undefined)
      : undefined;
    if (groupText && !group) add('indicators', row, 'group', 'unknownGroup', { value: groupText });
    const weight = number('indicators', row, 'weight');
    const departmentText = text(row.get('department'));
    const department = departmentText ? lookUp(context.departments, departmentText) : undefined;
    if (departmentText && !department)
      add('indicators', row, 'department', 'unknownDepartment', { value: departmentText });
    const nameEn = text(row.get('nameEn'));
    indicators.push({
      row,
      weightRead: weight !== null,
      plan: {
        code: code ?? '',
        name: name ?? '',
        ...(nameEn ? { nameEn } : {}),
        group: group ?? 'KEY_TASK',
        weight: weight ?? 0,
        standard: text(row.get('standard')),
        ...(department ? { departmentCode: department.code } : {}),
        checkpoints: [],
        notUndertaken: [],
      },
    });
  }
  const indicatorOf = (sheet: SheetKey, row: ReadRow) => {
    const code = required(sheet, row, 'indicatorCode');
    if (code === null) return undefined;
    const found = indicators.find((indicator) => indicator.plan.code === code);
    if (!found) add(sheet, row, 'indicatorCode', 'unknownIndicator', { value: code });
    return found;
  };

  // Checkpoints, each under its indicator (by code).
  const checkpointRows = new Map<PlannedIndicator, ReadRow[]>();
  for (const row of read('checkpoints')) {
    const indicator = indicatorOf('checkpoints', row);
    const code = required('checkpoints', row, 'code');
    const name = required('checkpoints', row, 'name');
    const dueAt = date('checkpoints', row, 'dueAt');
    const share = number('checkpoints', row, 'share');
    if (!indicator) continue;
    indicator.plan.checkpoints.push({
      code: code ?? '',
      name: name ?? '',
      dueAt: dueAt ?? '',
      share: share ?? 0,
      standard: text(row.get('standard')),
    });
    checkpointRows.set(indicator.plan, [...(checkpointRows.get(indicator.plan) ?? []), row]);
  }

  // Units that do not undertake an indicator (Art. 12), by name or code.
  const nonUndertakingRows = new Map<PlannedIndicator, ReadRow[]>();
  for (const row of read('nonUndertaking')) {
    const indicator = indicatorOf('nonUndertaking', row);
    const unitText = required('nonUndertaking', row, 'unit');
    const unit = unitText ? lookUp(context.units, unitText) : undefined;
    if (unitText && !unit) add('nonUndertaking', row, 'unit', 'unknownUnit', { unit: unitText });
    if (!indicator || !unit) continue;
    if (indicator.plan.notUndertaken.some((entry) => entry.unitCode === unit.code)) {
      add('nonUndertaking', row, 'unit', 'duplicateNonUndertaking', {
        unit: unit.name,
        indicator: indicator.plan.code,
      });
      continue;
    }
    indicator.plan.notUndertaken.push({ unitCode: unit.code, reason: text(row.get('reason')) });
    nonUndertakingRows.set(indicator.plan, [...(nonUndertakingRows.get(indicator.plan) ?? []), row]);
  }

  // The shape of each indicator, by the API's own schema; a cell already reported is not reported again.
  const reported = new Set(problems.map((problem) => `${problem.sheet}:${problem.row}:${problem.column}`));
  const addOnce = (...args: Parameters<typeof add>) => {
    const [sheet, row, column, code, params] = args;
    // One problem per cell; a rule over a whole sheet (no row) is told apart by its parameters.
    const key = row
      ? `${sheet}:${typeof row === 'object' ? row.number : row}:${column}`
      : `${sheet}:null:${column}:${code}:${JSON.stringify(params)}`;
    if (reported.has(key)) return;
    reported.add(key);
    add(...args);
  };
  for (const { row, plan } of indicators) {
    const parsed = indicatorBody.safeParse({
      ...plan,
      departmentCode: plan.departmentCode,
      notUndertakenBy: plan.notUndertaken.map((entry) => entry.unitCode),
    });
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const [first, index, field] = issue.path as (string | number)[];
      const onCheckpoint = first === 'checkpoints' && typeof index === 'number';
      const sheet: SheetKey = onCheckpoint ? 'checkpoints' : 'indicators';
      const at = onCheckpoint ? (checkpointRows.get(plan)?.[index] ?? row) : row;
      const column = onCheckpoint ? String(field ?? 'code') : String(first);
      if (first === 'checkpoints' && !onCheckpoint) {
        addOnce('checkpoints', checkpointRows.get(plan)?.[0] ?? null, null, 'tooMany', {
          indicator: plan.code,
          maximum: 100,
        });
        continue;
      }
      const problem = zodProblem(issue, column);
      if (problem) addOnce(sheet, at, column, ...problem);
    }
  }

  // The publication rules over the whole set (Art. 8, 11, 12).
  const everyWeightRead = indicators.every((indicator) => indicator.weightRead);
  const ruleProblems = targetProblems({
    indicators: indicators.map(({ plan }) => ({
      code: plan.code,
      group: plan.group,
      weight: plan.weight,
      checkpoints: plan.checkpoints,
      notUndertakenBy: plan.notUndertaken.map((entry) => entry.unitCode),
    })),
    unitCodes: context.units.map((unit) => unit.code),
    groupWeights: context.groupWeights,
    selfCheckOpensAt: context.selfCheckOpensAt,
  });
  for (const problem of ruleProblems) {
    const place = placeOf(problem);
    if (!place) continue;
    const [sheet, row, column] = place;
    addOnce(sheet, row, column, problem.rule, problem.params);
  }
  function placeOf(problem: TargetProblem): [SheetKey, ReadRow | null, string | null] | null {
    const indicator = problem.at.indicator === undefined ? undefined : indicators[problem.at.indicator];
    switch (problem.rule) {
      case 'weightTotal':
      case 'groupWeightTotal':
        // An unreadable weight is reported at its cell; a sum over it would only mislead.
        return everyWeightRead ? ['indicators', null, 'weight'] : null;
      case 'noIndicators':
        return ['indicators', null, null];
      case 'duplicateIndicatorCode':
        return ['indicators', indicator!.row, 'code'];
      case 'shareTotal': {
        const rows = checkpointRows.get(indicator!.plan) ?? [];
        return ['checkpoints', rows[rows.length - 1] ?? null, 'share'];
      }
      case 'duplicateCheckpointCode':
      case 'checkpointAfterSelfCheck':
        return [
          'checkpoints',
          checkpointRows.get(indicator!.plan)?.[problem.at.checkpoint!] ?? null,
          problem.rule === 'checkpointAfterSelfCheck' ? 'dueAt' : 'code',
        ];
      case 'unknownUnit':
        return [
          'nonUndertaking',
          nonUndertakingRows.get(indicator!.plan)?.[problem.at.notUndertaken!] ?? null,
          'unit',
        ];
      case 'unitUndertakesNothing': {
        const unit = context.units.find((candidate) => candidate.code === problem.params.unit);
        problem.params.unit = unit?.name ?? String(problem.params.unit);
        return ['nonUndertaking', null, 'unit'];
      }
    }
  }

  problems.sort(
    (a, b) =>
      TARGET_SHEETS.findIndex((sheet) => sheet.key === a.sheet) -
        TARGET_SHEETS.findIndex((sheet) => sheet.key === b.sheet) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      String(a.cell ?? '').localeCompare(String(b.cell ?? '')),
  );
  return { indicators: indicators.map((indicator) => indicator.plan), problems };
}

/** A schema issue as a problem code with its parameters. */
function zodProblem(
  issue: z.core.$ZodIssue,
  column: string,
): [ImportProblem['code'], ImportProblem['params']] | null {
  switch (issue.code) {
    case 'too_small':
      return ['tooSmall', { minimum: Number(issue.minimum), inclusive: issue.inclusive ? 1 : 0 }];
    case 'too_big':
      return [
        'tooBig',
        { maximum: Number(issue.maximum), ...(issue.origin === 'string' ? { length: 1 } : {}) },
      ];
    case 'invalid_format':
      return ['codeFormat', {}];
    case 'custom':
      if (column === 'weight' || column === 'share') return ['precision', { places: DECIMAL_PLACES[column] }];
      if (column === 'dueAt') return ['yearRange', { minimum: 2000, maximum: 2101 }];
      // A checkpoint code listed twice: the publication rules report it, with the code.
      if (column === 'code') return null;
      return ['invalid', { message: issue.message }];
    default:
      return ['invalid', { message: issue.message }];
  }
}

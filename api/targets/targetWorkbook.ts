// The targets workbook as a file (exceljs): written from indicators (the template with its example row,
// or the export of a cycle's targets) in the layout of domain/targets/workbookLayout.ts, and read back
// into plain cell values for domain/targets/parseTargetWorkbook.ts. Groups, departments and units come
// from lists on a hidden sheet, offered in the cells by data validation.
import ExcelJS from 'exceljs';
import type {
  CellValue,
  NamedItem,
  PlannedIndicator,
  WorkbookSheet,
} from '../../domain/targets/parseTargetWorkbook';
import { toBeijingWallClock } from '../../domain/targets/beijingTime';
import {
  GROUP_LABELS,
  LIST_SHEET,
  TARGET_SHEETS,
  columnLetter,
  sheetByKey,
  type SheetKey,
  type WorkbookLocale,
} from '../../domain/targets/workbookLayout';
import { badRequest } from '../errors';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows offered a drop-down list below the header (the workbook itself takes any number of rows). */
const VALIDATED_ROWS = 1000;

export interface TargetWorkbookInput {
  locale: WorkbookLocale;
  indicators: PlannedIndicator[];
  departments: NamedItem[];
  units: NamedItem[];
  /** The template: one example row per sheet, which the import skips. */
  example?: boolean;
}

export async function buildTargetWorkbook(input: TargetWorkbookInput): Promise<Buffer> {
  const en = input.locale === 'en';
  const label = (item: { zh: string; en: string }) => (en ? item.en : item.zh);
  const name = (item: NamedItem) => (en && item.nameEn ? item.nameEn : item.name);
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();

  const sheets = new Map<SheetKey, ExcelJS.Worksheet>();
  for (const definition of TARGET_SHEETS) {
    const sheet = workbook.addWorksheet(label(definition), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = definition.columns.map((column) => ({
      header: label(column),
      key: column.key,
      width: column.width ?? 16,
    }));
    sheet.getRow(1).font = { bold: true };
    definition.columns.forEach((column, index) => {
      if (column.required) sheet.getRow(1).getCell(index + 1).note = en ? 'required' : '必填';
    });
    sheets.set(definition.key, sheet);
  }

  // The lists behind the drop-downs, on a hidden sheet (a list of names can be longer than the
  // 255 characters an inline list allows).
  const lists = workbook.addWorksheet(label(LIST_SHEET), { state: 'hidden' });
  const groupNames = Object.values(GROUP_LABELS).map(label);
  const departmentNames = input.departments.map(name);
  const unitNames = input.units.map(name);
  [groupNames, departmentNames, unitNames].forEach((values, column) =>
    values.forEach((value, row) => (lists.getCell(row + 1, column + 1).value = value)),
  );
  const listRange = (column: number, count: number) =>
    `'${label(LIST_SHEET)}'!$${columnLetter(column)}$1:$${columnLetter(column)}$${Math.max(count, 1)}`;
  const validate = (key: SheetKey, columnKey: string, formula: string) => {
    const index = sheetByKey(key).columns.findIndex((column) => column.key === columnKey);
    const letter = columnLetter(index);
    // exceljs keeps range validations in worksheet.dataValidations (not in its typings).
    const sheet = sheets.get(key)! as unknown as {
      dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void };
    };
    sheet.dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorTitle: en ? 'Not in the list' : '不在列表中',
      error: en ? 'Choose a value from the list' : '请从下拉列表中选择',
    });
  };
  validate('indicators', 'group', listRange(0, groupNames.length));
  validate('indicators', 'department', listRange(1, departmentNames.length));
  validate('nonUndertaking', 'unit', listRange(2, unitNames.length));

  const departmentName = (code?: string) => {
    const department = input.departments.find((candidate) => candidate.code === code);
    return department ? name(department) : null;
  };
  const unitName = (code: string) => {
    const unit = input.units.find((candidate) => candidate.code === code);
    return unit ? name(unit) : code;
  };
  const indicatorSheet = sheets.get('indicators')!;
  const checkpointSheet = sheets.get('checkpoints')!;
  const nonSheet = sheets.get('nonUndertaking')!;
  if (input.example) {
    const mark = en ? 'Example:' : '示例:';
    const rows = [
      indicatorSheet.addRow({
        code: `${mark}K1`,
        name: en ? 'Key task of the annual work report' : '落实年度工作报告重点任务',
        group: label(GROUP_LABELS.KEY_TASK),
        weight: 10,
        department: departmentNames[0] ?? null,
        standard: en ? 'Targets met, records complete' : '完成年度目标任务，资料齐全，成效明显',
      }),
      checkpointSheet.addRow({
        indicatorCode: `${mark}K1`,
        code: 'K1-R1',
        name: en ? 'First half' : '上半年节点',
        dueAt: toBeijingWallClock(new Date(Date.UTC(new Date().getUTCFullYear(), 5, 30, 9))),
        share: 0.2,
        standard: en ? 'Evidence uploaded' : '按进度完成并上传证明材料',
      }),
      nonSheet.addRow({
        indicatorCode: `${mark}K1`,
        unit: unitNames[0] ?? null,
        reason: en ? 'No such work in the unit' : '该单位无此项工作',
      }),
    ];
    for (const row of rows) row.font = { italic: true, color: { argb: 'FF8C8C8C' } };
  }
  for (const indicator of input.indicators) {
    indicatorSheet.addRow({
      code: indicator.code,
      name: indicator.name,
      nameEn: indicator.nameEn ?? null,
      group: label(GROUP_LABELS[indicator.group]),
      weight: indicator.weight,
      department: departmentName(indicator.departmentCode),
      standard: indicator.standard,
    });
    for (const checkpoint of indicator.checkpoints)
      checkpointSheet.addRow({
        indicatorCode: indicator.code,
        code: checkpoint.code,
        name: checkpoint.name,
        dueAt: toBeijingWallClock(new Date(checkpoint.dueAt)),
        share: checkpoint.share,
        standard: checkpoint.standard,
      });
    for (const entry of indicator.notUndertaken)
      nonSheet.addRow({
        indicatorCode: indicator.code,
        unit: unitName(entry.unitCode),
        reason: entry.reason,
      });
  }
  checkpointSheet.getColumn('dueAt').numFmt = 'yyyy-mm-dd hh:mm';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A cell as a plain value: formulas by their result, rich text as its text, hyperlinks by their text. */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value as CellValue;
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return plain(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

/** The sheets of an uploaded workbook as plain rows; a file that is not an .xlsx workbook is refused. */
export async function readTargetWorkbook(buffer: Buffer): Promise<WorkbookSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw badRequest('file: not an Excel workbook (.xlsx)', { file: 'not an Excel workbook (.xlsx)' });
  }
  return workbook.worksheets
    .filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden')
    .map((sheet) => {
      const rows: WorkbookSheet['rows'] = [];
      sheet.eachRow({ includeEmpty: false }, (row, number) => {
        const cells: CellValue[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = plain(cell.value)));
        for (let index = 0; index < cells.length; index++) cells[index] ??= null;
        rows.push({ number, cells });
      });
      return { name: sheet.name, rows };
    });
}

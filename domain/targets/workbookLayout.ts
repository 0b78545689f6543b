// The layout of the targets workbook (指标体系, Art. 5, 8, 12): three sheets — indicators, checkpoints,
// units that do not undertake an indicator — each with a header row in Chinese (or English) and one
// row per item. The template, the import and the export share this one definition, so an exported
// workbook imports back to the same targets.
export type SheetKey = 'indicators' | 'checkpoints' | 'nonUndertaking';
export type WorkbookLocale = 'zh-CN' | 'en';

export interface ColumnDefinition {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
  width?: number;
}

export interface SheetDefinition {
  key: SheetKey;
  zh: string;
  en: string;
  columns: ColumnDefinition[];
}

export const TARGET_SHEETS: SheetDefinition[] = [
  {
    key: 'indicators',
    zh: '指标',
    en: 'Indicators',
    columns: [
      { key: 'code', zh: '指标编码', en: 'Indicator code', required: true, width: 14 },
      { key: 'name', zh: '指标名称', en: 'Name', required: true, width: 36 },
      { key: 'nameEn', zh: '英文名称', en: 'English name', width: 30 },
      { key: 'group', zh: '指标类别', en: 'Group', required: true, width: 18 },
      { key: 'weight', zh: '权重（分）', en: 'Weight (points)', required: true, width: 12 },
      { key: 'department', zh: '责任部门', en: 'Department', width: 22 },
      { key: 'standard', zh: '考核标准', en: 'Assessment standard', width: 50 },
    ],
  },
  {
    key: 'checkpoints',
    zh: '节点',
    en: 'Checkpoints',
    columns: [
      { key: 'indicatorCode', zh: '指标编码', en: 'Indicator code', required: true, width: 14 },
      { key: 'code', zh: '节点编码', en: 'Checkpoint code', required: true, width: 14 },
      { key: 'name', zh: '节点名称', en: 'Name', required: true, width: 36 },
      { key: 'dueAt', zh: '截止时间（北京时间）', en: 'Due (Beijing time)', required: true, width: 20 },
      {
        key: 'share',
        zh: '占指标分值比例（0–1）',
        en: 'Share of the indicator (0–1)',
        required: true,
        width: 16,
      },
      { key: 'standard', zh: '完成标准', en: 'Completion standard', width: 50 },
    ],
  },
  {
    key: 'nonUndertaking',
    zh: '不承担单位',
    en: 'Not undertaken',
    columns: [
      { key: 'indicatorCode', zh: '指标编码', en: 'Indicator code', required: true, width: 14 },
      { key: 'unit', zh: '单位', en: 'Unit', required: true, width: 30 },
      { key: 'reason', zh: '原因', en: 'Reason', width: 40 },
    ],
  },
];

/** The hidden sheet holding the data-validation lists (groups, departments, units). */
export const LIST_SHEET = { zh: '选项', en: 'Lists' };

/** The three groups of Art. 12, as a workbook writes them. */
export const GROUP_LABELS: Record<'KEY_TASK' | 'INSTRUCTION' | 'MEETING', { zh: string; en: string }> = {
  KEY_TASK: { zh: '重点工作任务', en: 'Key tasks' },
  INSTRUCTION: { zh: '指示批示落实', en: 'Instructions' },
  MEETING: { zh: '会议议定事项落实', en: 'Meeting decisions' },
};

/** A row whose first cell starts with this is the template's example and is never imported. */
export const EXAMPLE_MARKS = ['示例:', '示例：', 'Example:'];

export const sheetByKey = (key: SheetKey): SheetDefinition =>
  TARGET_SHEETS.find((sheet) => sheet.key === key)!;

/** Excel's column letter of a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

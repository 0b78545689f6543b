// The results as an Excel workbook (exceljs): one sheet of totals by category and rank, and one sheet
// of per-indicator lines from each unit's breakdown, citing the articles they apply.
import ExcelJS from 'exceljs';
import { displayPoints, GRADE_LABELS, type ResultExportData } from './resultExportData';

interface BreakdownLine {
  name?: string;
  group?: string;
  baseWeight?: string | number;
  effectiveWeight?: string | number;
  undertaken?: boolean;
  completion?: string | number;
  points?: string | number;
  article?: string | number;
}

const GROUP_LABELS: Record<string, string> = {
  KEY_TASK: '重点工作任务',
  INSTRUCTION: '指示批示落实',
  MEETING: '会议议定事项落实',
};
const asText = (value: unknown) => (value === undefined || value === null ? null : String(value));

export async function buildResultsWorkbook(data: ResultExportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = data.federationName;
  workbook.created = new Date();

  const totals = workbook.addWorksheet('考核结果', { views: [{ state: 'frozen', ySplit: 2 }] });
  const headers = [
    '类别',
    '名次',
    '单位',
    '指标考核得分',
    '指标得分（85%，第十一条）',
    '党组成员评价',
    '成员部门评价',
    ...(data.useThirdParty ? ['第三方评价'] : []),
    '综合评价得分（第十三条）',
    '加分（第十四条）',
    '减分（第十五条）',
    '降档（第十七条）',
    '总分',
    '按分等次（第十六条）',
    '最终等次',
    '评价意见',
  ];
  totals.mergeCells(1, 1, 1, headers.length);
  totals.getCell(1, 1).value =
    `${data.federationName} ${data.title}结果${data.approvedAt ? '' : '（草稿，未经党组审定）'}`;
  totals.getCell(1, 1).font = { bold: true, size: 14 };
  totals.getCell(1, 1).alignment = { horizontal: 'center' };
  const headerRow = totals.addRow(headers);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const result of data.results) {
    totals.addRow([
      result.categoryName,
      result.categoryRank,
      result.unitName,
      Number(displayPoints(result.indicatorScore)),
      Number(displayPoints(result.indicatorPoints)),
      Number(displayPoints(result.leaderScore)),
      Number(displayPoints(result.departmentScore)),
      ...(data.useThirdParty
        ? [result.thirdPartyScore === null ? null : Number(displayPoints(result.thirdPartyScore))]
        : []),
      Number(displayPoints(result.comprehensivePoints)),
      Number(displayPoints(result.bonus)),
      Number(displayPoints(result.deduction)),
      result.downgradeLevels,
      Number(displayPoints(result.total)),
      GRADE_LABELS[result.scoreGrade],
      GRADE_LABELS[result.finalGrade],
      result.opinion,
    ]);
  }
  totals.columns.forEach((column, index) => {
    column.width = index === headers.length - 1 ? 48 : index === 2 ? 20 : 12;
    if (index >= 3 && index < headers.length - 3) column.numFmt = '0.00';
  });

  const lines = workbook.addWorksheet('指标明细');
  lines.addRow(['单位', '指标', '类别', '权重', '折算权重（第十二条）', '完成度', '得分', '依据']).font = {
    bold: true,
  };
  for (const result of data.results) {
    const indicators = ((result.breakdown as { indicators?: BreakdownLine[] } | null)?.indicators ??
      []) as BreakdownLine[];
    for (const line of indicators) {
      lines.addRow([
        result.unitName,
        line.undertaken === false ? `${line.name ?? ''}（不承担）` : (line.name ?? ''),
        GROUP_LABELS[line.group ?? ''] ?? line.group ?? '',
        Number(displayPoints(asText(line.baseWeight))),
        Number(displayPoints(asText(line.effectiveWeight))),
        line.completion === undefined ? null : Number(line.completion),
        Number(displayPoints(asText(line.points))),
        asText(line.article) ?? '第十一条',
      ]);
    }
  }
  lines.columns.forEach((column, index) => {
    column.width = [20, 36, 16, 10, 14, 10, 10, 16][index];
  });
  lines.getColumn(6).numFmt = '0.00%';

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

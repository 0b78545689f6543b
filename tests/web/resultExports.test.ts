// The result exports built from stored results: the Excel workbook read back with exceljs, the Word
// notice (通报) unzipped and its text checked for the federation heading, tables and Art. 20/21 lines.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildResultsWorkbook } from '../../api/export/resultsWorkbook';
import { buildResultNotice, noticeTitle } from '../../api/export/resultNotice';
import {
  displayPoints,
  type ExportUnitResult,
  type ResultExportData,
} from '../../api/export/resultExportData';

const unit = (overrides: Partial<ExportUnitResult>): ExportUnitResult => ({
  unitCode: 'x',
  unitName: 'x',
  categoryCode: 'URBAN',
  categoryName: '城区',
  categorySort: 0,
  indicatorScore: '90',
  indicatorPoints: '76.5',
  leaderScore: '100',
  departmentScore: '90',
  thirdPartyScore: null,
  comprehensivePoints: '14.5',
  bonus: '0',
  deduction: '0',
  downgradeLevels: 0,
  total: '91',
  scoreGrade: 'GOOD',
  finalGrade: 'GOOD',
  categoryRank: 1,
  opinion: '',
  breakdown: null,
  ...overrides,
});

const data = (approvedAt: Date | null): ResultExportData => ({
  federationName: '大连市总工会',
  year: 2026,
  title: '2026年度各区市县（开放先导区）总工会工作实绩考核',
  docNumber: '大工考〔2026〕1号',
  approvedAt,
  useThirdParty: false,
  results: [
    unit({
      unitCode: 'zhongshan',
      unitName: '中山区总工会',
      total: '91.125',
      opinion: '工作扎实',
      breakdown: {
        indicators: [
          {
            name: '建会入会',
            group: 'KEY_TASK',
            baseWeight: '20',
            effectiveWeight: '22.5',
            undertaken: true,
            completion: '0.9',
            points: '20.25',
            article: 'Art. 11, 12',
          },
          {
            name: '农民工工作',
            group: 'KEY_TASK',
            baseWeight: '10',
            effectiveWeight: '0',
            undertaken: false,
            completion: '0',
            points: '0',
          },
        ],
      },
    }),
    unit({
      unitCode: 'xigang',
      unitName: '西岗区总工会',
      total: '58.4',
      scoreGrade: 'FAIL',
      finalGrade: 'FAIL',
      categoryRank: 2,
    }),
    unit({
      unitCode: 'changhai',
      unitName: '长海县总工会',
      categoryCode: 'COUNTY',
      categoryName: '县域',
      categorySort: 1,
      total: '84',
      scoreGrade: 'GOOD',
      finalGrade: 'FAIRLY_GOOD',
      downgradeLevels: 1,
    }),
  ],
});

async function documentText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
}

test('rounding for output is half away from zero on the decimal string (SPEC §4)', () => {
  expect(displayPoints('91.125')).toBe('91.13');
  expect(displayPoints('91.124999')).toBe('91.12');
  expect(displayPoints('-2.005')).toBe('-2.01');
  expect(displayPoints('0.004')).toBe('0.00');
  expect(displayPoints('7')).toBe('7.00');
});

test('the workbook lists every unit by category and rank with grades in Chinese, and the breakdown lines', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildResultsWorkbook(data(new Date('2026-12-20T02:00:00Z')))) as never);
  const totals = workbook.getWorksheet('考核结果')!;
  expect(String(totals.getCell(1, 1).value)).toBe(
    '大连市总工会 2026年度各区市县（开放先导区）总工会工作实绩考核结果',
  );
  const header = totals.getRow(2).values as unknown[];
  expect(header).toContain('最终等次');
  const rows = [3, 4, 5].map((number) => totals.getRow(number).values as unknown[]);
  const column = (name: string) => header.indexOf(name);
  expect(
    rows.map((row) => [
      row[column('单位')],
      row[column('名次')],
      row[column('总分')],
      row[column('最终等次')],
    ]),
  ).toEqual([
    ['中山区总工会', 1, 91.13, '好'],
    ['西岗区总工会', 2, 58.4, '不合格'],
    ['长海县总工会', 1, 84, '较好'],
  ]);
  expect(rows[2][column('降档（第十七条）')]).toBe(1);
  const lines = workbook.getWorksheet('指标明细')!;
  expect(lines.rowCount).toBe(3);
  expect(lines.getRow(2).values).toEqual([
    undefined,
    '中山区总工会',
    '建会入会',
    '重点工作任务',
    20,
    22.5,
    0.9,
    20.25,
    'Art. 11, 12',
  ]);
  expect(lines.getRow(3).getCell(2).value).toBe('农民工工作（不承担）');
});

test('an unapproved workbook says it is a draft', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buildResultsWorkbook(data(null))) as never);
  expect(String(workbook.getWorksheet('考核结果')!.getCell(1, 1).value)).toMatch(/草稿，未经党组审定/);
});

test('the notice carries the federation heading, number, title, one table per category and the Art. 20/21 consequences', async () => {
  const buffer = await buildResultNotice(data(new Date(2026, 11, 20, 10)));
  expect(buffer.subarray(0, 2).toString()).toBe('PK');
  const text = await documentText(buffer);
  expect(text.startsWith('大连市总工会文件大工考〔2026〕1号')).toBe(true);
  expect(text).toContain(noticeTitle(data(null)));
  expect(text).toContain('大工发〔2018〕21号');
  expect(text).toMatch(/城区名次单位总分等次1中山区总工会91\.13好2西岗区总工会58\.40不合格/);
  expect(text).toMatch(/县域名次单位总分等次1长海县总工会84\.00较好/);
  expect(text).toContain('对考核等次为“好”的中山区总工会，按照第二十条');
  expect(text).toContain('对考核等次为“不合格”的西岗区总工会予以通报批评');
  expect(text.endsWith('大连市总工会2026年12月20日')).toBe(true);
  expect(text).not.toContain('草稿');
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
  expect(xml).toContain('w:color w:val="C00000"');
});

test('the notice is dated on the Beijing day of the approval, whatever the server’s time zone', async () => {
  // Approved at 00:30 on 2 December in Dalian, which is still 1 December in UTC (and in California).
  const approvedAt = new Date('2026-12-01T16:30:00Z');
  const serverZone = process.env.TZ;
  try {
    for (const zone of ['UTC', 'America/Los_Angeles']) {
      process.env.TZ = zone;
      const text = await documentText(await buildResultNotice(data(approvedAt)));
      expect(text.endsWith('大连市总工会2026年12月2日')).toBe(true);
    }
  } finally {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  }
});

test('before approval the notice is marked as a draft (Art. 18)', async () => {
  expect(await documentText(await buildResultNotice(data(null)))).toMatch(
    /^（草稿：考核结果尚未经党组审定，第十八条）大连市总工会文件/,
  );
});

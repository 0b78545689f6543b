// The targets workbook import (Art. 5, 8, 12): every problem at its sheet, row and column, in one pass.
import {
  parseTargetWorkbook,
  type CellValue,
  type WorkbookSheet,
} from '../../../domain/targets/parseTargetWorkbook';
import { toBeijingWallClock } from '../../../domain/targets/beijingTime';

const context = {
  departments: [{ code: 'falv', name: '法律部', nameEn: 'Legal Department' }],
  units: [
    { code: 'zhongshan', name: '中山区总工会' },
    { code: 'xigang', name: '西岗区总工会' },
  ],
  groupWeights: { KEY_TASK: 80, INSTRUCTION: 10, MEETING: 10 },
  selfCheckOpensAt: '2031-12-01T00:00:00.000Z',
};

const sheet = (name: string, rows: CellValue[][]): WorkbookSheet => ({
  name,
  rows: rows.map((cells, index) => ({ number: index + 1, cells })),
});
const INDICATOR_HEADER = [
  '指标编码',
  '指标名称',
  '英文名称',
  '指标类别',
  '权重（分）',
  '责任部门',
  '考核标准',
];
const CHECKPOINT_HEADER = [
  '指标编码',
  '节点编码',
  '节点名称',
  '截止时间（北京时间）',
  '占指标分值比例（0–1）',
  '完成标准',
];
const NON_HEADER = ['指标编码', '单位', '原因'];
const june = toBeijingWallClock(new Date('2031-06-30T09:00:00.000Z'));

function workbook(
  indicators: CellValue[][],
  checkpoints: CellValue[][] = [],
  nonUndertaking: CellValue[][] = [],
): WorkbookSheet[] {
  return [
    sheet('指标', [INDICATOR_HEADER, ...indicators]),
    sheet('节点', [CHECKPOINT_HEADER, ...checkpoints]),
    sheet('不承担单位', [NON_HEADER, ...nonUndertaking]),
  ];
}
const valid = (): CellValue[][] => [
  ['K1', '重点任务一', null, '重点工作任务', 80, '法律部', '完成'],
  ['I1', '批示落实', 'Instructions', '指示批示落实', 10, null, ''],
  ['M1', '会议落实', null, '会议议定事项落实', '10', null, ''],
];

describe('parseTargetWorkbook', () => {
  test('a correct workbook gives the indicators with checkpoints and non-undertaking, and no problem', () => {
    const result = parseTargetWorkbook(
      workbook(
        [['示例:K0', '示例行', null, '重点工作任务', 1, null, null], ...valid()],
        [['K1', 'K1-R1', '上半年', june, 0.25, '上传材料']],
        [['M1', '西岗区总工会', '无此项工作']],
      ),
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.indicators.map((indicator) => indicator.code)).toEqual(['K1', 'I1', 'M1']);
    expect(result.indicators[0]).toMatchObject({
      departmentCode: 'falv',
      weight: 80,
      checkpoints: [{ code: 'K1-R1', dueAt: '2031-06-30T09:00:00.000Z', share: 0.25, standard: '上传材料' }],
    });
    expect(result.indicators[2]).toMatchObject({
      weight: 10,
      notUndertaken: [{ unitCode: 'xigang', reason: '无此项工作' }],
    });
  });

  test('every kind of problem is reported at its sheet, row and column in one pass', () => {
    const result = parseTargetWorkbook(
      workbook(
        [
          ['K1', '重点任务一', null, '重点工作任务', 70.12345, '宣传部', ''],
          ['K1', '重复编码', null, '重点工作任务', 9, null, ''],
          ['I1', '批示落实', null, '其他', 10, null, ''],
          ['M1', '', null, '会议议定事项落实', 'ten', null, ''],
        ],
        [
          ['K1', 'R1', '节点一', june, 0.7, ''],
          ['K1', 'R2', '节点二', '2031-12-20', 0.5, ''],
          ['K1', 'R2', '节点三', '2031/02/30', 0.1, ''],
          ['X9', 'R4', '节点四', june, 0.1, ''],
        ],
        [
          ['K1', '金州新区总工会', ''],
          ['I1', '西岗区总工会', ''],
          ['I1', '西岗区总工会', ''],
        ],
      ),
      context,
    );
    const at = (sheet: string, row: number | null, column: string | null) =>
      result.problems
        .filter((problem) => problem.sheet === sheet && problem.row === row && problem.column === column)
        .map((problem) => problem.code);
    expect(at('indicators', 2, 'weight')).toEqual(['precision']);
    expect(at('indicators', 2, 'department')).toEqual(['unknownDepartment']);
    expect(at('indicators', 3, 'code')).toEqual(['duplicateIndicatorCode']);
    expect(at('indicators', 4, 'group')).toEqual(['unknownGroup']);
    expect(at('indicators', 5, 'name')).toEqual(['required']);
    expect(at('indicators', 5, 'weight')).toEqual(['notANumber']);
    expect(at('checkpoints', 3, 'dueAt')).toEqual(['checkpointAfterSelfCheck']);
    expect(at('checkpoints', 4, 'dueAt')).toEqual(['notADate']);
    expect(at('checkpoints', 4, 'code')).toEqual(['duplicateCheckpointCode']);
    expect(at('checkpoints', 4, 'share')).toEqual(['shareTotal']);
    expect(at('checkpoints', 5, 'indicatorCode')).toEqual(['unknownIndicator']);
    expect(at('nonUndertaking', 2, 'unit')).toEqual(['unknownUnit']);
    expect(at('nonUndertaking', 4, 'unit')).toEqual(['duplicateNonUndertaking']);
    // Weight sums are not computed over an unreadable weight (it is reported at its cell instead).
    expect(result.problems.some((problem) => problem.code === 'groupWeightTotal')).toBe(false);
    const precision = result.problems.find((problem) => problem.code === 'precision')!;
    expect(precision).toMatchObject({ cell: 'E', params: { places: 4 } });
  });

  test('the shape rules of a typed indicator hold for a row: code format, ranges, lengths, years', () => {
    const rows = valid();
    rows[0][0] = 'K 1';
    rows[1][1] = '长'.repeat(201);
    const result = parseTargetWorkbook(
      workbook(rows, [
        ['K 1', 'R1', '节点', june, 0, ''],
        ['M1', 'R2', '节点', '1999-06-30', 0.5, ''],
      ]),
      context,
    );
    const found = result.problems.map(
      (problem) => `${problem.sheet}!${problem.cell}${problem.row} ${problem.code}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'indicators!A2 codeFormat',
        'indicators!B3 tooBig',
        'checkpoints!E2 tooSmall',
        'checkpoints!D3 yearRange',
      ]),
    );
  });

  test('a checkpoint date outside the cycle year and the next is refused at its cell (issue 16)', () => {
    const { plausibleWindow } = jest.requireActual('../../../domain/cycle/plausibleDates');
    const result = parseTargetWorkbook(workbook(valid(), [['K1', 'R1', '节点', '2207-06-30', 0.5, '']]), {
      ...context,
      dueWindow: plausibleWindow(2031),
    });
    expect(result.problems).toEqual([
      expect.objectContaining({
        sheet: 'checkpoints',
        row: 2,
        cell: 'D',
        code: 'implausibleDate',
        // The same wording the cycle's forms refuse the date with (domain/cycle/plausibleDates.ts).
        params: {
          from: '2031-01-01',
          until: '2032-12-31',
          rule: "must lie between 2031-01-01 and 2032-12-31 (the cycle's year and the next)",
        },
      }),
    ]);
  });

  test('weights per group (Art. 12) are reported on the weight column with the group and the sums', () => {
    const rows = valid();
    rows[0][4] = 75;
    rows[1][4] = 15;
    const result = parseTargetWorkbook(workbook(rows), context);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sheet: 'indicators',
          row: null,
          column: 'weight',
          code: 'groupWeightTotal',
          params: { group: 'KEY_TASK', expected: 80, actual: 75 },
        }),
        expect.objectContaining({
          code: 'groupWeightTotal',
          params: { group: 'INSTRUCTION', expected: 10, actual: 15 },
        }),
      ]),
    );
  });

  test('a unit that undertakes no indicator (Art. 12), a missing sheet and a missing column are named', () => {
    const everything = parseTargetWorkbook(
      workbook(
        valid(),
        [],
        [
          ['K1', '中山区总工会', ''],
          ['I1', 'zhongshan', ''],
          ['M1', '中山区总工会', ''],
        ],
      ),
      context,
    );
    expect(everything.problems).toEqual([
      expect.objectContaining({
        sheet: 'nonUndertaking',
        row: null,
        code: 'unitUndertakesNothing',
        params: { unit: '中山区总工会' },
      }),
    ]);
    const missing = parseTargetWorkbook(
      [
        sheet('指标', [
          INDICATOR_HEADER.filter((label) => label !== '权重（分）'),
          ['K1', 'x', null, '重点工作任务'],
        ]),
      ],
      context,
    );
    expect(missing.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'indicators', row: 1, column: 'weight', code: 'missingColumn' }),
        expect.objectContaining({ sheet: 'checkpoints', code: 'missingSheet' }),
        expect.objectContaining({ sheet: 'nonUndertaking', code: 'missingSheet' }),
      ]),
    );
  });

  test('English headers and labels are read as well', () => {
    const result = parseTargetWorkbook(
      [
        sheet('Indicators', [
          [
            'Indicator code',
            'Name',
            'English name',
            'Group',
            'Weight (points)',
            'Department',
            'Assessment standard',
          ],
          ['K1', 'a', null, 'Key tasks', 80, 'Legal Department', ''],
          ['I1', 'b', null, 'Instructions', 10, null, ''],
          ['M1', 'c', null, 'Meeting decisions', 10, null, ''],
        ]),
        sheet('Checkpoints', [
          ['Indicator code', 'Checkpoint code', 'Name', 'Due (Beijing time)', 'Share of the indicator (0–1)'],
        ]),
        sheet('Not undertaken', [['Indicator code', 'Unit', 'Reason']]),
      ],
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.indicators[0].departmentCode).toBe('falv');
  });
});

describe('shiftByYears', () => {
  test('the same Beijing day and time a year later; 29 February becomes 28 February', async () => {
    const { shiftByYears } = await import('../../../domain/cycle/shiftYears');
    expect(shiftByYears(new Date('2035-06-30T09:00:00.000Z'), 1).toISOString()).toBe(
      '2036-06-30T09:00:00.000Z',
    );
    // 2028-02-29 00:30 in Beijing is still 28 February in UTC; the Beijing day decides.
    expect(shiftByYears(new Date('2028-02-28T16:30:00.000Z'), 1).toISOString()).toBe(
      '2029-02-27T16:30:00.000Z',
    );
    expect(shiftByYears(new Date('2028-02-29T09:00:00.000Z'), 1).toISOString()).toBe(
      '2029-02-28T09:00:00.000Z',
    );
  });
});

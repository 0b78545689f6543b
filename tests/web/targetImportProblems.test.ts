// A workbook problem on screen (issue 14): its cell and column, or the whole sheet, and its rule in the
// user's language with the parameters filled in.
import { problemPlace, problemText, type ImportProblem } from '../../web/src/logic/targetImportProblems';

const problem = (over: Partial<ImportProblem>): ImportProblem => ({
  sheet: 'indicators',
  row: 5,
  column: 'weight',
  cell: 'E',
  code: 'precision',
  params: { places: 4 },
  ...over,
});

describe('target import problems', () => {
  test('a cell problem names the cell and the column', () => {
    expect(problemPlace('zh-CN', problem({}))).toBe('E5（权重）');
    expect(problemPlace('en', problem({}))).toBe('E5 (Weight)');
    expect(problemText('zh-CN', problem({}))).toBe('最多保留 4 位小数（不作四舍五入）');
  });
  test('a rule over the whole sheet names the group in the user’s language (Art. 12)', () => {
    const sum = problem({
      row: null,
      code: 'groupWeightTotal',
      params: { group: 'KEY_TASK', expected: 80, actual: 75 },
    });
    expect(problemPlace('zh-CN', sum)).toBe('整表（权重）');
    expect(problemText('zh-CN', sum)).toBe('重点工作任务类指标权重合计须为 80，现为 75（第十二条）');
    expect(problemText('en', sum)).toBe(
      'Weights of the group Key tasks must sum to 80; they sum to 75 (Art. 12)',
    );
  });
  test('every problem code the import can give has words in both languages', () => {
    const codes = [
      'missingSheet',
      'missingColumn',
      'required',
      'notANumber',
      'notADate',
      'implausibleDate',
      'unknownGroup',
      'unknownDepartment',
      'unknownUnit',
      'unknownIndicator',
      'duplicateNonUndertaking',
      'codeFormat',
      'tooSmall',
      'tooBig',
      'precision',
      'yearRange',
      'tooMany',
      'invalid',
      'noIndicators',
      'weightTotal',
      'groupWeightTotal',
      'duplicateIndicatorCode',
      'shareTotal',
      'duplicateCheckpointCode',
      'checkpointAfterSelfCheck',
      'unitUndertakesNothing',
    ];
    for (const code of codes)
      for (const locale of ['zh-CN', 'en'] as const)
        expect([code, problemText(locale, problem({ code })).startsWith('targetImport.')]).toEqual([
          code,
          false,
        ]);
  });
});

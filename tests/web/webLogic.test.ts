// Pure logic behind the web pages: weight sums (Art. 11, 12), ranking reorder (Art. 13), API error
// placement next to fields, result figures, formatting.
import { checkpointShareTotal, checkWeights, DEFAULT_GROUP_WEIGHTS } from '../../web/src/logic/weightSums';
import {
  isCompleteRanking,
  moveDown,
  moveItem,
  moveUp,
  rankingProblems,
  rankScore,
} from '../../web/src/logic/rankingOrder';
import { ApiError, apiErrorFrom, fieldPath, formFieldErrors } from '../../web/src/logic/apiError';
import { gradeCounts, scoreHistogram, byCategory } from '../../web/src/logic/resultStats';
import { formatArticle, formatDate, formatPoints } from '../../web/src/logic/format';
import { chineseNumeral } from '../../format/articles';
import { normalizeRounds, roundCounts } from '../../web/src/logic/checkpointProgress';
import { homePath, menuFor } from '../../web/src/logic/roleMenu';
import { toResultRows } from '../../web/src/logic/resultRows';
import { goodUnits, incentiveBody, incentiveProblems } from '../../web/src/logic/incentives';
import {
  scoreErrorsByUnit,
  scoreProblem,
  scoreProblems,
  thirdPartyBody,
} from '../../web/src/logic/thirdPartyScores';
import { configOverride } from '../../web/src/logic/configOverride';
import { indicatorFormValues, indicatorUpdateBody } from '../../web/src/logic/indicatorDraft';

describe('weight sums (Art. 11, 12)', () => {
  const federation = [
    { group: 'KEY_TASK', weight: 33.33 },
    { group: 'KEY_TASK', weight: 33.33 },
    { group: 'KEY_TASK', weight: 13.34 },
    { group: 'INSTRUCTION', weight: 10 },
    { group: 'MEETING', weight: 10 },
  ];

  test('exact in hundredths: 33.33 + 33.33 + 13.34 is 80, the whole is 100', () => {
    const check = checkWeights(federation);
    expect(check.groups.map((group) => [group.group, group.sum, group.ok])).toEqual([
      ['KEY_TASK', 80, true],
      ['INSTRUCTION', 10, true],
      ['MEETING', 10, true],
    ]);
    expect(check.total).toBe(100);
    expect(check.ok).toBe(true);
  });

  test('a group off by 0.01 fails that group and the total, not the others', () => {
    const check = checkWeights([...federation.slice(0, 4), { group: 'MEETING', weight: 9.99 }]);
    expect(check.groups.find((group) => group.group === 'MEETING')).toEqual({
      group: 'MEETING',
      sum: 9.99,
      expected: 10,
      ok: false,
    });
    expect(check.groups.find((group) => group.group === 'KEY_TASK')!.ok).toBe(true);
    expect(check.totalOk).toBe(false);
    expect(check.ok).toBe(false);
  });

  test('configured group totals are checked too, and must themselves sum to 100', () => {
    const custom = { KEY_TASK: 70, INSTRUCTION: 20, MEETING: 10 };
    const check = checkWeights(
      [
        { group: 'KEY_TASK', weight: 70 },
        { group: 'INSTRUCTION', weight: 20 },
        { group: 'MEETING', weight: 10 },
      ],
      custom,
    );
    expect(check.ok).toBe(true);
    expect(checkWeights([], { ...DEFAULT_GROUP_WEIGHTS, KEY_TASK: 90 }).groupWeightsOk).toBe(false);
  });

  test('an empty or half-typed weight is ignored, not NaN', () => {
    const check = checkWeights([
      { group: 'KEY_TASK', weight: null },
      { group: 'KEY_TASK', weight: '' },
      { group: 'KEY_TASK', weight: 5 },
    ]);
    expect(check.groups[0].sum).toBe(5);
  });

  test('checkpoint shares above 1 are refused (Art. 8, 11)', () => {
    expect(checkpointShareTotal([{ share: 0.2 }, { share: 0.1 }])).toEqual({ total: 0.3, ok: true });
    expect(checkpointShareTotal([{ share: 0.7 }, { share: 0.3 }]).ok).toBe(true);
    expect(checkpointShareTotal([{ share: 0.7 }, { share: 0.31 }])).toEqual({ total: 1.01, ok: false });
  });
});

describe('ranking reorder (Art. 13)', () => {
  const units = ['a', 'b', 'c', 'd'];
  test('drag from one place to another keeps every unit once', () => {
    expect(moveItem(units, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(units, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(units).toEqual(['a', 'b', 'c', 'd']);
  });
  test('keyboard up/down stop at the ends', () => {
    expect(moveUp(units, 2)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveDown(units, 0)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveUp(units, 0)).toEqual(units);
    expect(moveDown(units, 3)).toEqual(units);
    expect(moveItem(units, 1, 9)).toEqual(units);
  });
  test('completeness: missing, repeated and foreign units are named', () => {
    expect(isCompleteRanking(['d', 'c', 'b', 'a'], units)).toBe(true);
    expect(rankingProblems(['a', 'a', 'x'], units)).toEqual({
      missing: ['b', 'c', 'd'],
      repeated: ['a'],
      unknown: ['x'],
    });
    expect(isCompleteRanking(['a', 'b', 'c'], units)).toBe(false);
  });
  test('rank converts linearly from 100 to 60; a single unit gets the top', () => {
    expect([1, 2, 3, 4, 5].map((rank) => rankScore(rank, 5))).toEqual([100, 90, 80, 70, 60]);
    expect(rankScore(2, 4)).toBe(86.67);
    expect(rankScore(1, 1)).toBe(100);
  });
});

describe('API errors next to their fields', () => {
  test('the server shape becomes an ApiError; anything else keeps the status', () => {
    const error = apiErrorFrom(400, {
      error: { code: 'BAD_REQUEST', message: 'invalid input', fields: { 'checkpoints.0.share': 'too big' } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message]).toEqual([400, 'BAD_REQUEST', 'invalid input']);
    expect(apiErrorFrom(502, '<html>').code).toBe('HTTP_502');
    expect(apiErrorFrom(0, null).code).toBe('NETWORK');
  });
  test('paths in dot or bracket form become antd name paths', () => {
    expect(fieldPath('checkpoints.0.share')).toEqual(['checkpoints', 0, 'share']);
    expect(fieldPath('units[zhongshan].principalLeaderEmail')).toEqual([
      'units',
      'zhongshan',
      'principalLeaderEmail',
    ]);
  });
  test('fields the form does not have stay on the page, none dropped', () => {
    const error = new ApiError(400, 'BAD_REQUEST', 'x', {
      weight: 'must be > 0',
      'checkpoints.1.dueAt': 'invalid',
      '(body)': 'bad',
    });
    const { fields, unplaced } = formFieldErrors(error, ['weight', 'checkpoints']);
    expect(fields).toEqual([
      { name: ['weight'], errors: ['must be > 0'] },
      { name: ['checkpoints', 1, 'dueAt'], errors: ['invalid'] },
    ]);
    expect(unplaced).toEqual({ '(body)': 'bad' });
  });
});

describe('results figures', () => {
  const rows = toResultRows({
    results: [
      {
        unitId: 'u1',
        unit: { name: '中山区总工会', category: { id: 'c1', name: '城区' } },
        total: '91.234',
        finalGrade: 'GOOD',
        categoryRank: 1,
      },
      {
        unitId: 'u2',
        unit: { name: '西岗区总工会', category: { id: 'c1', name: '城区' } },
        total: '59.994',
        finalGrade: 'FAIL',
        categoryRank: 2,
      },
      {
        unitId: 'u3',
        unitName: '长海县总工会',
        categoryName: '县域',
        total: 84,
        finalGrade: 'FAIRLY_GOOD',
        categoryRank: 1,
      },
    ],
  });
  test('rows read nested or flat result shapes', () => {
    expect(rows.map((row) => [row.unitName, row.categoryName, row.total])).toEqual([
      ['中山区总工会', '城区', 91.234],
      ['西岗区总工会', '城区', 59.994],
      ['长海县总工会', '县域', 84],
    ]);
  });
  test('grade counts and a histogram that covers every total', () => {
    expect(gradeCounts(rows)).toEqual({ GOOD: 1, FAIRLY_GOOD: 1, PASS: 0, FAIL: 1 });
    const bins = scoreHistogram([59.99, 84, 91.23, 101]);
    expect(bins[0]).toEqual({ label: '55–60', from: 55, count: 1 });
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
    expect(bins.at(-1)).toEqual({ label: '100–105', from: 100, count: 1 });
    expect(scoreHistogram([])).toEqual([]);
  });
  test('grouped by category, ranked', () => {
    expect(
      [...byCategory(rows).entries()].map(([name, list]) => [name, list.map((row) => row.categoryRank)]),
    ).toEqual([
      ['城区', [1, 2]],
      ['县域', [1]],
    ]);
  });
});

describe('formatting', () => {
  test('points round half away from zero to 2 decimals (SPEC §4)', () => {
    expect(formatPoints('89.995')).toBe('90.00');
    expect(formatPoints('-1.005')).toBe('-1.01');
    expect(formatPoints(null)).toBe('—');
  });
  test('articles in the reader’s language', () => {
    expect(formatArticle('Art. 12', 'zh-CN')).toBe('第十二条');
    expect(formatArticle('Art. 11, 13', 'zh-CN')).toBe('第十一条、第十三条');
    expect(formatArticle(21, 'en')).toBe('Art. 21');
    expect(chineseNumeral(20)).toBe('二十');
  });
  test('dates are the Beijing day whatever the browser’s time zone, as on notices and the Word export', () => {
    // 16:30 UTC on 1 December is 00:30 on 2 December in Dalian.
    expect(formatDate('2026-12-01T16:30:00Z', 'zh-CN')).toBe('2026年12月2日');
    expect(formatDate('2026-12-01T16:30:00Z', 'zh-CN', true)).toBe('2026年12月2日 00:30');
    expect(formatDate('2026-12-01T16:30:00Z', 'en', true)).toBe('2026-12-02 00:30');
    expect(formatDate('not a date', 'zh-CN')).toBe('—');
    expect(formatDate(null, 'en')).toBe('—');
  });
  test('checkpoint progress counts per round', () => {
    const rounds = normalizeRounds([
      {
        key: 'R1',
        dueAt: '2026-03-31T00:00:00Z',
        closed: true,
        units: [
          { unitId: 'a', unitName: 'A', status: 'ON_TIME' },
          { unitId: 'b', status: 'LATE' },
          { unitId: 'c', status: 'MISSING' },
          { unitId: 'd', status: 'NOT_UNDERTAKEN' },
        ],
      },
    ]);
    expect(roundCounts(rounds[0].units)).toEqual({
      ON_TIME: 1,
      LATE: 1,
      MISSING: 1,
      PENDING: 0,
      NOT_UNDERTAKEN: 1,
    });
    expect(normalizeRounds(undefined)).toEqual([]);
  });
  test('each role lands on a page of its menu (Art. 22)', () => {
    expect(homePath('UNIT')).toBe('/my/targets');
    expect(homePath('PARTY_MEMBER')).toBe('/ranking');
    expect(menuFor('UNIT')).not.toContain('audit');
    expect(menuFor('OFFICE')).toContain('audit');
  });
  test('the third party finds its score page, not results it may not read (Art. 9, 11)', () => {
    expect(menuFor('THIRD_PARTY')).toEqual(['thirdParty']);
    expect(homePath('THIRD_PARTY')).toBe('/third-party');
    expect(menuFor('OFFICE')).toContain('thirdParty');
    expect(menuFor('UNIT')).not.toContain('thirdParty');
  });
});

describe('incentives for GOOD units (Art. 20)', () => {
  const rows = toResultRows({
    results: [
      { unitId: 'u1', finalGrade: 'GOOD', scoreGrade: 'GOOD', total: 95 },
      { unitId: 'u2', finalGrade: 'FAIRLY_GOOD', scoreGrade: 'GOOD', total: 92, downgradeLevels: 1 },
      { unitId: 'u3', finalGrade: 'PASS', total: 70 },
    ],
  });
  test('only the final grade counts: a GOOD score downgraded (Art. 17) is not offered', () => {
    expect(goodUnits(rows).map((row) => row.unitId)).toEqual(['u1']);
  });
  test('a reward needs a positive amount; recognition does not; the unit must be GOOD', () => {
    expect(incentiveProblems({ unitId: 'u1', kind: 'RECOGNITION' }, ['u1'])).toEqual({});
    expect(incentiveProblems({ unitId: 'u1', kind: 'RECOGNITION_AND_REWARD' }, ['u1'])).toEqual({
      amount: 'amountRequired',
    });
    expect(incentiveProblems({ unitId: 'u1', kind: 'RECOGNITION_AND_REWARD', amount: 0 }, ['u1'])).toEqual({
      amount: 'amountRequired',
    });
    expect(incentiveProblems({ unitId: 'u1', kind: 'RECOGNITION_AND_REWARD', amount: 5000 }, ['u1'])).toEqual(
      {},
    );
    expect(incentiveProblems({ unitId: 'u2', kind: 'RECOGNITION' }, ['u1'])).toEqual({
      unitId: 'notGood',
    });
    expect(incentiveProblems({}, ['u1'])).toEqual({ unitId: 'unitRequired', kind: 'kindRequired' });
  });
  test('the body carries an amount only with a reward, and no empty note', () => {
    expect(incentiveBody({ unitId: 'u1', kind: 'RECOGNITION', amount: 300, note: '  ' })).toEqual({
      unitId: 'u1',
      kind: 'RECOGNITION',
    });
    expect(
      incentiveBody({ unitId: 'u1', kind: 'RECOGNITION_AND_REWARD', amount: 300, note: ' 表彰 ' }),
    ).toEqual({ unitId: 'u1', kind: 'RECOGNITION_AND_REWARD', amount: 300, note: '表彰' });
  });
});

describe('third-party scores (Art. 9, 11)', () => {
  test('0 and 100 are allowed, 120 and -1 are not, empty is simply not sent', () => {
    expect(scoreProblem(0)).toBeUndefined();
    expect(scoreProblem(100)).toBeUndefined();
    expect(scoreProblem(87.5)).toBeUndefined();
    expect(scoreProblem(120)).toBe('outOfRange');
    expect(scoreProblem(-1)).toBe('outOfRange');
    expect(scoreProblem('abc')).toBe('notNumber');
    expect(scoreProblem(null)).toBeUndefined();
    expect(scoreProblems({ a: 120, b: 90, c: null })).toEqual({ a: 'outOfRange' });
  });
  test('the body lists filled cells in table order', () => {
    expect(thirdPartyBody(['a', 'b', 'c'], { c: 70, a: 90, b: null })).toEqual({
      scores: [
        { unitId: 'a', score: 90 },
        { unitId: 'c', score: 70 },
      ],
    });
  });
  test("the API's row errors go back to the unit that row was about", () => {
    const sent = { scores: [{ unitId: 'a' }, { unitId: 'c' }] };
    expect(
      scoreErrorsByUnit(
        { 'scores.1.score': 'Too big', 'scores[0].unitId': 'bad id', scores: 'Too small' },
        sent,
      ),
    ).toEqual({ byUnit: { c: 'Too big', a: 'bad id' }, other: { scores: 'Too small' } });
  });
});

describe('scoring preview override (Art. 11, 16)', () => {
  const stored = {
    indicatorShare: 85,
    comprehensive: { leader: 10, department: 5 },
    grades: { good: 90, fairlyGood: 80, pass: 60 },
  };
  test('unchanged figures send nothing', () => {
    expect(configOverride(stored, JSON.parse(JSON.stringify(stored)) as typeof stored)).toEqual({});
    expect(configOverride(stored, {})).toEqual({});
  });
  test('a changed nested figure goes with its stored siblings (the server replaces top-level fields)', () => {
    expect(configOverride(stored, { ...stored, grades: { good: 88, fairlyGood: 80, pass: 60 } })).toEqual({
      grades: { good: 88, fairlyGood: 80, pass: 60 },
    });
    expect(configOverride(stored, { grades: { good: 88 } })).toEqual({
      grades: { good: 88, fairlyGood: 80, pass: 60 },
    });
  });
  test('an emptied field keeps the stored value; a figure missing from the stored config is sent', () => {
    expect(configOverride(stored, { indicatorShare: null, grades: { good: '' } })).toEqual({});
    expect(configOverride({}, { rankToScore: { top: 100, bottom: 50 } })).toEqual({
      rankToScore: { top: 100, bottom: 50 },
    });
  });
});

describe('editing an indicator in place (Art. 8, 12)', () => {
  const stored = {
    code: 'K1',
    name: '重点任务一',
    nameEn: null,
    group: 'KEY_TASK' as const,
    weight: '33.33',
    standard: '',
    department: { code: 'legal' },
    checkpoints: [
      { code: 'K1.1', name: '第一季度', dueAt: '2031-03-31T00:00:00.000Z', share: '0.25', standard: 's' },
    ],
    notUndertaken: [{ unit: { code: 'changhai' } }],
  };
  test('the stored indicator fills the form with numbers and codes the PUT body takes', () => {
    const values = indicatorFormValues(stored);
    expect(values).toEqual({
      code: 'K1',
      name: '重点任务一',
      group: 'KEY_TASK',
      weight: 33.33,
      standard: '',
      departmentCode: 'legal',
      checkpoints: [
        { code: 'K1.1', name: '第一季度', dueAt: '2031-03-31T00:00:00.000Z', share: 0.25, standard: 's' },
      ],
      notUndertakenBy: ['changhai'],
    });
    expect(indicatorFormValues({ ...stored, nameEn: 'Key task 1' }).nameEn).toBe('Key task 1');
  });
  test('the PUT body leaves the code to the URL', () => {
    const body = indicatorUpdateBody(indicatorFormValues(stored));
    expect(body).not.toHaveProperty('code');
    expect(body.weight).toBe(33.33);
  });
});

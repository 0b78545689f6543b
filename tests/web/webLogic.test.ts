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
import {
  comprehensiveAfterToggle,
  comprehensiveDefaults,
  defaultCheckpointDueAt,
  emptyEvidenceDraft,
  evidenceIdsFor,
  isEnterInDatePicker,
} from '../../web/src/logic/formRules';
import { actionWindow, monthDay, rankingWindow, selfCheckWindow } from '../../web/src/logic/stageRules';
import { AUDIT_ACTIONS, auditActionLabel, auditChanges } from '../../web/src/logic/auditLabels';
import { noticeLabel } from '../../mail/noticeLabels';
import { NOTICE_EVENTS } from '../../mail/noticeEvents';
import { fieldErrorText, fieldLabel, localizeError, withoutPaths } from '../../web/src/logic/errorText';
import {
  explanationState,
  lastSaved,
  latestSubmissions,
  queueCounts,
  scoresByUnit,
  selfCheckEvidence,
  selfCheckFormValues,
  submitLabelKey,
  verificationQueue,
} from '../../web/src/logic/savedState';

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
  test('each role lands on its to-do, the first entry of its menu (Art. 22, issue 14)', () => {
    expect(homePath('UNIT')).toBe('/todo');
    expect(homePath('PARTY_MEMBER')).toBe('/todo');
    for (const role of [
      'ADMIN',
      'OFFICE',
      'LEADER',
      'PARTY_MEMBER',
      'DEPARTMENT',
      'UNIT',
      'THIRD_PARTY',
    ] as const)
      expect(menuFor(role)[0]).toBe('todo');
    expect(menuFor('UNIT')).not.toContain('audit');
    expect(menuFor('OFFICE')).toContain('audit');
  });
  test('the third party finds its score page, not results it may not read (Art. 9, 11)', () => {
    expect(menuFor('THIRD_PARTY')).toEqual(['todo', 'thirdParty']);
    expect(homePath('THIRD_PARTY')).toBe('/todo');
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

describe('saved state shown after a reload (issue 13)', () => {
  const submission = (checkpointId: string, unitId: string, submittedAt: string) => ({
    id: `${checkpointId}-${unitId}-${submittedAt}`,
    checkpointId,
    unitId,
    late: false,
    submittedAt,
  });
  test('the latest submission per checkpoint, and 重新提交 once one exists', () => {
    const latest = latestSubmissions([
      submission('c1', 'u1', '2031-03-01T00:00:00Z'),
      submission('c1', 'u1', '2031-03-05T00:00:00Z'),
      submission('c2', 'u1', '2031-03-02T00:00:00Z'),
    ]);
    expect(latest.get('c1')?.submittedAt).toBe('2031-03-05T00:00:00Z');
    expect([...latest.keys()]).toEqual(['c1', 'c2']);
    expect(submitLabelKey(latest.get('c1'))).toBe('unit.resubmitCheckpoint');
    expect(submitLabelKey(latest.get('c3'))).toBe('unit.submitCheckpoint');
  });
  test('the self-check form is refilled with text and fraction; evidence kept per indicator', () => {
    const saved = [
      {
        indicatorId: 'i1',
        text: '已完成',
        selfFraction: 0.85,
        submittedAt: '2031-12-11T02:00:00Z',
        evidence: [{ id: 'e1', originalName: '总结.pdf' }],
      },
      { indicatorId: 'i2', text: '部分完成', selfFraction: null, submittedAt: '2031-12-12T02:00:00Z' },
    ];
    expect(selfCheckFormValues(saved)).toEqual({
      items: { i1: { text: '已完成', fraction: 0.85 }, i2: { text: '部分完成' } },
    });
    expect(selfCheckEvidence(saved)).toEqual({ i1: [{ id: 'e1', originalName: '总结.pdf' }], i2: [] });
    expect(lastSaved(saved)).toBe('2031-12-12T02:00:00Z');
    expect(lastSaved([])).toBeUndefined();
  });
  test('the verification queue: recorded fractions, 待核验/已核验, the filter and its counts', () => {
    const submissions = [
      submission('c1', 'u1', '2031-03-01T00:00:00Z'),
      submission('c1', 'u2', '2031-03-01T00:00:00Z'),
      // Submitted again after it was verified: to verify again.
      submission('c2', 'u1', '2031-03-09T00:00:00Z'),
    ];
    const verifications = [
      {
        checkpointId: 'c1',
        unitId: 'u1',
        fraction: 0.8,
        method: 'ON_SITE' as const,
        verifiedAt: '2031-03-02T00:00:00Z',
        verifiedByName: '考核办一',
      },
      {
        checkpointId: 'c2',
        unitId: 'u1',
        fraction: 1,
        method: 'DOCUMENT_REVIEW' as const,
        verifiedAt: '2031-03-03T00:00:00Z',
      },
    ];
    const all = verificationQueue(submissions, verifications);
    expect(all.map((row) => [row.checkpointId, row.unitId, row.status, row.verification?.fraction])).toEqual([
      ['c1', 'u1', 'VERIFIED', 0.8],
      ['c1', 'u2', 'PENDING', undefined],
      ['c2', 'u1', 'PENDING', 1],
    ]);
    expect(queueCounts(all)).toEqual({ PENDING: 2, VERIFIED: 1 });
    expect(verificationQueue(submissions, verifications, 'PENDING').map((row) => row.unitId)).toEqual([
      'u2',
      'u1',
    ]);
    expect(verificationQueue(submissions, verifications, 'VERIFIED')).toHaveLength(1);
  });
  test('third-party scores by unit', () => {
    const map = scoresByUnit([{ unitId: 'u1', score: 88.5, enteredAt: '2031-12-20T00:00:00Z' }]);
    expect(map.get('u1')?.score).toBe(88.5);
    expect(map.has('u2')).toBe(false);
  });
  test('a unit is told whether its explanation is returned (with the comment) or accepted (Art. 21)', () => {
    expect(
      explanationState({ status: 'RETURNED', reviewComment: ' 请补充整改措施 ', reviewedAt: 'r' }),
    ).toEqual({
      status: 'RETURNED',
      tone: 'error',
      comment: '请补充整改措施',
      at: 'r',
      editable: true,
    });
    expect(explanationState({ status: 'ACCEPTED', reviewComment: '', reviewedAt: 'r' })).toMatchObject({
      status: 'ACCEPTED',
      comment: undefined,
      editable: false,
    });
    expect(explanationState({ status: 'SUBMITTED', submittedAt: 's' })).toMatchObject({
      at: 's',
      editable: true,
    });
    expect(explanationState({ status: 'PENDING' }).status).toBe('PENDING');
  });
});

describe("server refusals in the user's language, without raw paths (issue 13)", () => {
  test('a group-weight refusal: its field as the form labels it and the rule in Chinese', () => {
    const localized = localizeError(
      {
        status: 400,
        code: 'BAD_REQUEST',
        message: 'invalid targets',
        fields: {
          'indicators[group=KEY_TASK].weight':
            'weights of group KEY_TASK must sum to 80, they sum to 85 (Art. 12)',
        },
      },
      'zh-CN',
    );
    expect(localized.title).toBe('填写的内容有误，请按标注修改');
    expect(localized.fields).toEqual([
      {
        path: 'indicators[group=KEY_TASK].weight',
        label: '重点工作任务 · 权重',
        text: '重点工作任务权重合计须为 80，当前为 85（第十二条）',
      },
    ]);
    const english = localizeError(
      {
        code: 'BAD_REQUEST',
        fields: {
          'indicators[group=KEY_TASK].weight':
            'weights of group KEY_TASK must sum to 80, they sum to 85 (Art. 12)',
        },
      },
      'en',
    );
    expect(english.fields[0].label).toBe('Key tasks · Weight');
    expect(english.fields[0].text).toBe('Key tasks weights must sum to 80; they sum to 85 (Art. 12)');
  });
  test('a checkpoint date after the self-check opens reads as the rule it is', () => {
    expect(
      fieldErrorText(
        'checkpoints[K1-R1].dueAt',
        'a checkpoint falls due on or after the day the year-end self-check opens; it must fall due before (Art. 8)',
        'zh-CN',
      ),
    ).toBe('节点截止时间须早于年终自查开始时间（第八条）');
    expect(fieldLabel('checkpoints[K1-R1].dueAt', 'zh-CN')).toBe('K1-R1 · 截止时间');
  });
  test('an implausible date reads as the window it must lie in, in both locales', () => {
    const message = "must lie between 2026-01-01 and 2037-12-31 (the cycle's year and the next)";
    expect(fieldErrorText('schedule.selfCheckDueAt', message, 'zh-CN')).toBe(
      '日期须在 2026-01-01 至 2037-12-31 之间（考核年度及次年）',
    );
    expect(fieldErrorText('schedule.selfCheckDueAt', message, 'en')).toBe(
      'The date must lie between 2026-01-01 and 2037-12-31 (the cycle’s year and the next)',
    );
  });
  test('stale evidence ids: the Chinese screen says to upload again, no uuid', () => {
    const text = fieldErrorText(
      'evidenceIds.0',
      'evidence 3f0e8a52-1111-4a2b-9c3d-0123456789ab belongs to another unit',
      'zh-CN',
    );
    expect(text).toBe('证明材料不属于本单位，请重新上传');
  });
  test('every code has its own text; a stage refusal names the stage rule, in both locales', () => {
    expect(localizeError({ code: 'WRONG_STAGE', message: 'self-check is not open' }, 'zh-CN').title).toBe(
      '当前考核阶段不能进行此操作',
    );
    expect(localizeError({ code: 'FORBIDDEN', message: 'a unit sees only its own data' }, 'en').title).toBe(
      'Your role may not do this',
    );
    expect(localizeError({ code: 'NETWORK', message: 'network error' }, 'zh-CN').title).toBe(
      '无法连接服务器，请检查网络后重试',
    );
  });
  test('an unknown code falls back to 保存失败 without the English sentence on a Chinese screen', () => {
    const zh = localizeError({ code: 'HTTP_502', message: 'HTTP 502' }, 'zh-CN');
    expect(zh.title).toBe('保存失败：此项不符合要求');
    const en = localizeError({ code: 'SOMETHING', message: 'indicators[K1].weight: must be positive' }, 'en');
    expect(en.title).toBe('Could not save: must be positive');
    expect(en.title).not.toMatch(/\[|indicators/);
  });
  test('raw paths and ids are removed from English detail', () => {
    expect(withoutPaths('items.3.text: describe what was done')).toBe('describe what was done');
    expect(withoutPaths('unit 3f0e8a52-1111-4a2b-9c3d-0123456789ab is unknown')).toBe('unit is unknown');
  });
});

describe('audit and notices logs by name (issue 13)', () => {
  test('every audited action has a name in both locales; refusals and unknown codes too', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(auditActionLabel(action, 'zh-CN')).not.toBe(action);
      expect(auditActionLabel(action, 'en')).not.toBe(action);
    }
    expect(auditActionLabel('cycle.publish', 'zh-CN')).toBe('发布目标任务');
    expect(auditActionLabel('cycle.publish', 'en')).toBe('Targets published');
    expect(auditActionLabel('denied:POST /api/cycles/:year/publish', 'zh-CN')).toBe('被拒绝的请求');
    expect(auditActionLabel('some.new.action', 'zh-CN')).toBe('some.new.action');
  });
  test('before/after: only the fields that changed', () => {
    expect(
      auditChanges({ email: 'a@x.org', phone: '1', name: '甲' }, { email: 'b@x.org', phone: '1', note: 'n' }),
    ).toEqual([
      { field: 'email', before: 'a@x.org', after: 'b@x.org' },
      { field: 'name', before: '甲', after: undefined },
      { field: 'note', before: undefined, after: 'n' },
    ]);
    expect(auditChanges(null, { decision: 'APPROVE', count: 2 })).toEqual([
      { field: 'decision', before: undefined, after: 'APPROVE' },
      { field: 'count', before: undefined, after: '2' },
    ]);
    expect(auditChanges(null, null)).toEqual([]);
  });
  test('every notice event and delivery state has a label in both locales (one definition, mail/)', () => {
    for (const event of NOTICE_EVENTS) {
      expect(noticeLabel('zh-CN', 'event', event)).not.toBe(event);
      expect(noticeLabel('en', 'event', event)).not.toBe(event);
    }
    expect(noticeLabel('zh-CN', 'event', 'CRITICISM_NOTICE')).toBe('通报批评通知');
    expect(['QUEUED', 'SENT', 'FAILED'].map((status) => noticeLabel('zh-CN', 'delivery', status))).toEqual([
      '待发送',
      '已发送',
      '发送失败',
    ]);
  });
});

describe('form rules (issue 13)', () => {
  const DAY = 24 * 60 * 60 * 1000;
  test('Enter inside a date picker is recognised (it must not submit the form); elsewhere it is not', () => {
    const inPicker = { closest: (selector: string) => (selector.includes('.ant-picker') ? {} : null) };
    const outside = { closest: () => null };
    expect(isEnterInDatePicker({ key: 'Enter', target: inPicker })).toBe(true);
    expect(isEnterInDatePicker({ key: 'Enter', target: outside })).toBe(false);
    expect(isEnterInDatePicker({ key: 'a', target: inPicker })).toBe(false);
    expect(isEnterInDatePicker({ key: 'Enter', target: null })).toBe(false);
  });
  test('a new checkpoint defaults to 30 days ahead, but before the self-check opens (Art. 8)', () => {
    const now = new Date('2031-11-20T08:00:00Z');
    expect(defaultCheckpointDueAt(now, '2032-03-01T00:00:00Z').toISOString()).toBe(
      '2031-12-20T08:00:00.000Z',
    );
    expect(defaultCheckpointDueAt(now, '2031-12-10T00:00:00Z').toISOString()).toBe(
      '2031-12-09T00:00:00.000Z',
    );
    // Opening tomorrow or sooner: today, never a date in the past.
    expect(defaultCheckpointDueAt(now, new Date(now.getTime() + DAY / 2).toISOString()).getTime()).toBe(
      now.getTime(),
    );
    expect(defaultCheckpointDueAt(now, undefined).getTime()).toBe(now.getTime() + 30 * DAY);
  });
  test('ticking 引入第三方评估 moves 10/5 to 8/4/3 and back; typed figures stay (Art. 11, SPEC §4)', () => {
    expect(comprehensiveDefaults(false)).toEqual({ leader: 10, department: 5 });
    expect(comprehensiveDefaults(true)).toEqual({ leader: 8, department: 4, thirdParty: 3 });
    expect(comprehensiveAfterToggle({ leader: 10, department: 5 }, true)).toEqual({
      leader: 8,
      department: 4,
      thirdParty: 3,
    });
    expect(comprehensiveAfterToggle(undefined, true)).toEqual({ leader: 8, department: 4, thirdParty: 3 });
    expect(comprehensiveAfterToggle({ leader: 8, department: 4, thirdParty: 3 }, false)).toEqual({
      leader: 10,
      department: 5,
    });
    expect(comprehensiveAfterToggle({ leader: 9, department: 5 }, true)).toEqual({
      leader: 9,
      department: 4,
      thirdParty: 3,
    });
  });
  test('evidence chosen for one unit is not sent for another, nor after the record was saved', () => {
    const draft = { unitId: 'u1', ids: ['e1', 'e2'] };
    expect(evidenceIdsFor(draft, 'u1')).toEqual(['e1', 'e2']);
    expect(evidenceIdsFor(draft, 'u2')).toEqual([]);
    expect(evidenceIdsFor(emptyEvidenceDraft(), 'u1')).toEqual([]);
  });
});

describe('stage-aware actions (issue 13)', () => {
  test('the self-check before, during and after its stage (Art. 8)', () => {
    const opens = '2031-12-10T02:00:00.000Z';
    expect(selfCheckWindow({ stage: 'CHECKPOINTS', selfCheckOpensAt: opens })).toEqual({
      open: false,
      reason: 'NOT_YET',
      opensAt: opens,
    });
    expect(selfCheckWindow({ stage: 'SELF_CHECK', selfCheckOpensAt: opens })).toEqual({ open: true });
    expect(selfCheckWindow({ stage: 'VERIFICATION', selfCheckOpensAt: opens })).toEqual({
      open: false,
      reason: 'CLOSED',
    });
  });
  test('rankings only in the comprehensive evaluation (Art. 9, 13); no stage yet means not yet', () => {
    expect(rankingWindow({ stage: 'EVALUATION' }).open).toBe(true);
    expect(rankingWindow({ stage: 'FOLLOW_UP' })).toEqual({ open: false, reason: 'CLOSED' });
    expect(rankingWindow({ stage: 'SELF_CHECK', verificationDueAt: 'v' })).toMatchObject({
      reason: 'NOT_YET',
      opensAt: 'v',
    });
    expect(actionWindow(undefined, ['SELF_CHECK']).open).toBe(false);
  });
  test('the opening day as the reason line says it', () => {
    const iso = new Date(2031, 11, 10, 9, 0).toISOString();
    expect(monthDay(iso, 'zh-CN')).toBe('12月10日');
    expect(monthDay(iso, 'en')).toBe('Dec 10');
  });
});

// One test per rule of SPEC §4 (Art. 10-17), each with its arithmetic worked by hand in a comment.
import {
  downgradeGrade,
  gradeOfTotal,
  parseScoringInput,
  scoreUnits,
  sharedRanks,
} from '../../../domain/scoring';
import { draftOpinion } from '../../../domain/scoring/draftOpinion';
import { baseFile, type ScoringFile } from './scoringFixtures';

function score(file: ScoringFile) {
  const output = scoreUnits(parseScoringInput(file));
  return Object.fromEntries(output.units.map((unit) => [unit.id, unit]));
}

describe('indicator assessment (Art. 8, 11, 12)', () => {
  it('counts checkpoints by their shares and the year-end by what is left ("含过程", Art. 8, 11)', () => {
    const file = baseFile();
    // K1 (weight 50): 0.25 × 1 + 0.25 × 0.5 + (1 − 0.5) × 0.8 = 0.25 + 0.125 + 0.4 = 0.775 → 38.75 points;
    // K2, I1, M1 have no result at all, which counts as 0 (SPEC §5). I = 38.75.
    file.results.A = { K1: { checkpoints: { 'K1-a': 1, 'K1-b': 0.5 }, yearEnd: 0.8 } };
    const a = score(file).A;
    expect(a.indicatorScore).toBe(38.75);
    // 0.85 × 38.75 = 32.9375 → 32.94 (half away from zero, only at output).
    expect(a.indicatorPoints).toBe(32.94);
    const k1 = a.breakdown.indicators[0];
    expect(k1.checkpoints).toEqual([
      { checkpointId: 'K1-a', share: 0.25, fraction: 1, points: 12.5 },
      { checkpointId: 'K1-b', share: 0.25, fraction: 0.5, points: 6.25 },
    ]);
    expect(k1.yearEnd).toEqual({ share: 0.5, fraction: 0.8, points: 20 });
    expect(k1.completion).toBe(0.775);
    expect(a.breakdown.indicators.slice(1).map((line) => line.points)).toEqual([0, 0, 0]);
  });

  it('spreads the weight of an indicator not undertaken evenly over ALL the unit’s other indicators, across groups (Art. 12)', () => {
    const file = baseFile();
    file.indicators[1].notUndertakenBy = ['A']; // K2 (30) → 30 / 3 = +10 each: K1 60, I1 20, M1 20
    delete file.results.A.K2;
    file.results.A.K1 = { checkpoints: { 'K1-a': 0.5, 'K1-b': 0.5 }, yearEnd: 0.5 }; // c = 0.5
    const { A, B } = score(file);
    expect(A.breakdown.indicators.map((line) => [line.indicatorId, line.effectiveWeight])).toEqual([
      ['K1', 60],
      ['K2', 0],
      ['I1', 20],
      ['M1', 20],
    ]);
    // I = 60 × 0.5 + 20 × 1 + 20 × 1 = 70.
    expect(A.indicatorScore).toBe(70);
    // B undertakes everything: weights unchanged.
    expect(B.breakdown.indicators.map((line) => line.effectiveWeight)).toEqual([50, 30, 10, 10]);
  });

  it('keeps a spread weight that does not divide evenly exact until output (Art. 12; SPEC §4)', () => {
    const file = baseFile();
    file.indicators[2].notUndertakenBy = ['A']; // I1 (10) over 3 others: +10/3 each
    file.results.A = { K1: { checkpoints: { 'K1-a': 1, 'K1-b': 1 }, yearEnd: 1 } };
    const { A } = score(file);
    // I = (50 + 10/3) × 1 = 53.333… → 53.33; 0.85 × 53.333… = 45.333… → 45.33.
    expect(A.indicatorScore).toBe(53.33);
    expect(A.indicatorPoints).toBe(45.33);
    expect(A.breakdown.indicators.map((line) => line.effectiveWeight)).toEqual([
      53.3333, 33.3333, 0, 13.3333,
    ]);
    // Total = 45.333… + 15 (rank 1 everywhere) = 60.333… → 60.33.
    expect(A.total).toBe(60.33);
  });
});

describe('comprehensive evaluation (Art. 9, 11, 13)', () => {
  it('converts ranks linearly from 100 (first) to 60 (last) within the category, n = 1 gives 100', () => {
    const { A, B, C, D } = score(baseFile());
    // n = 3: rank 1 → 100, rank 2 → 100 − 40/2 = 80, rank 3 → 60. D is alone in Y: 100.
    expect([A.leaderScore, B.leaderScore, C.leaderScore, D.leaderScore]).toEqual([100, 80, 60, 100]);
    // Points = 0.10 L + 0.05 D: B gets 8 + 4 = 12.
    expect(B.comprehensivePoints).toBe(12);
    expect(B.breakdown.comprehensive.leader).toEqual({ score: 80, weight: 10, points: 8 });
    expect(B.thirdPartyScore).toBeNull();
    expect(B.breakdown.comprehensive.thirdParty).toBeNull();
  });

  it('averages the rank scores of every evaluator, leaders and departments apart', () => {
    const file = baseFile();
    file.rankings.leaders.push({ evaluator: 'leader-2', order: { X: ['C', 'B', 'A'], Y: ['D'] } });
    file.rankings.departments = [{ evaluator: 'dept-1', order: { X: ['B', 'A', 'C'], Y: ['D'] } }];
    const { A, B, C } = score(file);
    // Leaders: A (100 + 60)/2 = 80, B 80, C 80. Departments: B 100, A 80, C 60.
    expect([A.leaderScore, B.leaderScore, C.leaderScore]).toEqual([80, 80, 80]);
    expect([A.departmentScore, B.departmentScore, C.departmentScore]).toEqual([80, 100, 60]);
    // A: 0.1 × 80 + 0.05 × 80 = 12; C: 8 + 3 = 11.
    expect(A.comprehensivePoints).toBe(12);
    expect(C.comprehensivePoints).toBe(11);
  });

  it('rounds a non-terminating rank score only at output (4 units: rank 2 → 100 − 40/3)', () => {
    const file = baseFile();
    file.units.push({ id: 'E', name: '戊区总工会', category: 'X' });
    file.results.E = structuredClone(file.results.A);
    for (const ranking of [...file.rankings.leaders, ...file.rankings.departments])
      ranking.order.X = ['A', 'B', 'C', 'E'];
    const { B } = score(file);
    // 100 − 40/3 = 86.666… → 86.67; points 0.15 × 86.666… = 13.0 exactly; total 85 + 13 = 98.
    expect(B.leaderScore).toBe(86.67);
    expect(B.comprehensivePoints).toBe(13);
    expect(B.total).toBe(98);
  });

  it('with a third party weighs 8/4/3 and adds the unrounded parts, rounding half away from zero (Art. 11)', () => {
    const file = baseFile();
    file.config = { comprehensive: { thirdParty: 3 } };
    // A: L = D = 100 → 8 + 4 = 12; T = 0.15 → 0.03 × 0.15 = 0.0045; comprehensive 12.0045 → 12.
    // M1 (10) only, year-end 0.053: I = 0.53 → 0.85 × 0.53 = 0.4505 → 0.45.
    // Total = 0.4505 + 12.0045 = 12.455 → 12.46, not the 12.45 that adding rounded parts would give.
    file.results.A = { M1: { yearEnd: 0.053 } };
    file.thirdParty = { A: 0.15, B: 90, C: 50, D: 100 };
    const { A, B } = score(file);
    expect(A.indicatorScore).toBe(0.53);
    expect(A.indicatorPoints).toBe(0.45);
    expect(A.comprehensivePoints).toBe(12);
    expect(A.thirdPartyScore).toBe(0.15);
    expect(A.total).toBe(12.46);
    expect(A.breakdown.comprehensive.thirdParty).toEqual({ score: 0.15, weight: 3, points: 0 });
    // B: L = D = 80 → 6.4 + 3.2; T = 90 → 2.7: 12.3; total 85 + 12.3 = 97.3.
    expect(B.comprehensivePoints).toBe(12.3);
    expect(B.total).toBe(97.3);
  });

  it('takes 8/4/3 by default when a file has third-party scores and no weights', () => {
    const file = baseFile();
    file.thirdParty = { A: 100, B: 100, C: 100, D: 100 };
    const { A } = score(file);
    expect(A.breakdown.comprehensive.thirdParty).toEqual({ score: 100, weight: 3, points: 3 });
    expect(A.total).toBe(100);
  });
});

describe('commendations and criticisms (Art. 14, 15)', () => {
  it('adds 1 per major and 0.5 per minor commendation, takes 2 per major and 1 per minor criticism', () => {
    const file = baseFile();
    file.adjustments = [
      { unit: 'B', kind: 'COMMENDATION_MAJOR', count: 2, note: '省总表扬' },
      { unit: 'B', kind: 'COMMENDATION_MINOR', count: 3, note: '市总表扬' },
      { unit: 'C', kind: 'CRITICISM_MAJOR', count: 1, note: '市政府通报批评' },
      { unit: 'C', kind: 'CRITICISM_MINOR', count: 2, note: '市总通报批评' },
    ];
    const { B, C } = score(file);
    // B: 85 + 12 + (2 × 1 + 3 × 0.5 = 3.5) = 100.5 (a bonus may pass 100).
    expect([B.bonus, B.deduction, B.total]).toEqual([3.5, 0, 100.5]);
    // C: 85 + 0.1 × 60 + 0.05 × 60 = 94; − (2 + 2 × 1 = 4) = 90.
    expect([C.bonus, C.deduction, C.total]).toEqual([0, 4, 90]);
    expect(C.breakdown.adjustments).toEqual([
      {
        kind: 'CRITICISM_MAJOR',
        count: 1,
        pointsEach: -2,
        points: -2,
        note: '市政府通报批评',
        article: 'Art. 15',
      },
      {
        kind: 'CRITICISM_MINOR',
        count: 2,
        pointsEach: -1,
        points: -2,
        note: '市总通报批评',
        article: 'Art. 15',
      },
    ]);
  });
});

describe('grades (Art. 16, 17)', () => {
  it('grades the rounded total: 90 GOOD, 80 FAIRLY_GOOD, 60 PASS, below 60 FAIL', () => {
    const grades = { good: 90, fairlyGood: 80, pass: 60 };
    expect([90, 89.99, 80, 79.99, 60, 59.99].map((total) => gradeOfTotal(total, grades))).toEqual([
      'GOOD',
      'FAIRLY_GOOD',
      'FAIRLY_GOOD',
      'PASS',
      'PASS',
      'FAIL',
    ]);
  });

  it('grades a total of 89.995 as 90.00, GOOD (grade from the rounded total)', () => {
    const file = baseFile();
    file.config = { comprehensive: { thirdParty: 3 } };
    // I = 90 + 10 × 0.1 = 91 → 77.35; L = D = 100 → 12; T = 21.5 → 0.645. Total 89.995 → 90.00.
    file.results.A.M1 = { yearEnd: 0.1 };
    file.thirdParty = { A: 21.5, B: 100, C: 100, D: 100 };
    const { A } = score(file);
    expect(A.total).toBe(90);
    expect(A.scoreGrade).toBe('GOOD');
  });

  it('lowers a grade by 1 or 2 levels, at most 2 in all, never below FAIL (Art. 17)', () => {
    expect(downgradeGrade('GOOD', 1)).toBe('FAIRLY_GOOD');
    expect(downgradeGrade('GOOD', 2)).toBe('PASS');
    expect(downgradeGrade('GOOD', 3)).toBe('PASS');
    expect(downgradeGrade('PASS', 2)).toBe('FAIL');
    expect(downgradeGrade('FAIL', 1)).toBe('FAIL');

    const file = baseFile();
    file.downgrades = [
      { unit: 'A', levels: 2, reason: 'MAJOR_ERROR', note: '重大失误' },
      { unit: 'A', levels: 1, reason: 'FALSIFICATION', note: '弄虚作假' },
      { unit: 'C', levels: 2, reason: 'CADRE_SELECTION', note: '' },
    ];
    file.results.C = { K1: { yearEnd: 1 }, K2: { yearEnd: 1 } }; // K1 0.5 × 50 = 25, K2 30: I = 55
    const { A, C } = score(file);
    // A: 100 → GOOD; 2 + 1 levels capped at 2 → PASS.
    expect([A.scoreGrade, A.downgradeLevels, A.finalGrade]).toEqual(['GOOD', 2, 'PASS']);
    expect(A.breakdown.downgrade?.reasons.map((line) => line.levels)).toEqual([2, 1]);
    // C: 0.85 × 55 + 9 = 55.75 → FAIL, and stays FAIL.
    expect([C.total, C.scoreGrade, C.finalGrade]).toEqual([55.75, 'FAIL', 'FAIL']);
  });

  it('honours configured thresholds', () => {
    const file = baseFile();
    file.config = { grades: { good: 99, fairlyGood: 95, pass: 70 } };
    const { A, B, C } = score(file);
    // A 100, B 97, C 94.
    expect([A.scoreGrade, B.scoreGrade, C.scoreGrade]).toEqual(['GOOD', 'FAIRLY_GOOD', 'PASS']);
  });
});

describe('category ranks (SPEC §4)', () => {
  it('shares a rank between equal totals and skips the next (1, 2, 2, 4)', () => {
    expect(sharedRanks([9000, 8500, 8500, 7000])).toEqual([1, 2, 2, 4]);
    // Input order is kept: 30 first, 20 second, the two 10s share third.
    expect(sharedRanks([10, 20, 10, 30])).toEqual([3, 2, 3, 1]);
  });

  it('ranks within each category by rounded total, ties included', () => {
    const file = baseFile();
    file.units.push({ id: 'E', name: '戊区总工会', category: 'X' });
    // Two leaders and two departments ranking in opposite orders: every mean rank is 2.5, so L = D = 80.
    const forward = ['A', 'B', 'C', 'E'];
    const backward = [...forward].reverse();
    file.rankings = {
      leaders: [
        { evaluator: 'l1', order: { X: forward, Y: ['D'] } },
        { evaluator: 'l2', order: { X: backward, Y: ['D'] } },
      ],
      departments: [
        { evaluator: 'd1', order: { X: forward, Y: ['D'] } },
        { evaluator: 'd2', order: { X: backward, Y: ['D'] } },
      ],
    };
    // Year-ends of M1 (10): A 1, B 0.5, C 0.5, E 0 → I 100, 95, 95, 90.
    file.results.B.M1 = { yearEnd: 0.5 };
    file.results.C.M1 = { yearEnd: 0.5 };
    file.results.E = { ...structuredClone(file.results.A), M1: { yearEnd: 0 } };
    const { A, B, C, D, E } = score(file);
    expect([A.total, B.total, C.total, E.total]).toEqual([97, 92.75, 92.75, 88.5]);
    expect([A.categoryRank, B.categoryRank, C.categoryRank, E.categoryRank]).toEqual([1, 2, 2, 4]);
    expect(D.categoryRank).toBe(1);
  });
});

describe('draft evaluation opinion (Art. 10)', () => {
  it('states grade, rank, strongest and weakest indicators, adjustments and the downgrade in Chinese', () => {
    const file = baseFile();
    file.results.C.I1 = { yearEnd: 0.4 };
    file.adjustments = [{ unit: 'C', kind: 'CRITICISM_MAJOR', count: 1, note: '' }];
    file.downgrades = [{ unit: 'C', levels: 1, reason: 'FALSIFICATION', note: '' }];
    const { C } = score(file);
    const opinion = draftOpinion({ unitName: '丙区总工会', result: C, categorySize: 3 });
    // C: 0.85 × (90 + 4) = 79.9 + 9 − 2 = 86.9 → FAIRLY_GOOD, down one to PASS; rank 3 of 3.
    expect(opinion).toContain('丙区总工会');
    expect(opinion).toContain('总分86.90分');
    expect(opinion).toContain('排名第3位');
    expect(opinion).toContain('“较好”');
    expect(opinion).toContain('“工会组建”完成程度最高（100%）');
    expect(opinion).toContain('“指示批示落实”完成程度最低（40%）');
    expect(opinion).toContain('减2.00分');
    expect(opinion).toContain('在考核中弄虚作假');
    expect(opinion).toContain('最终等次为“合格”');
  });

  it('asks a failing unit for its written explanation (Art. 21)', () => {
    const file = baseFile();
    file.results.C = { K2: { yearEnd: 1 } };
    const { C } = score(file);
    expect(C.finalGrade).toBe('FAIL');
    expect(draftOpinion({ unitName: '丙区总工会', result: C, categorySize: 3 })).toContain('书面说明');
  });
});

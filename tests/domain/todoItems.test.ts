// The to-do rules per role and stage (issue 14): what is open comes from domain/cycle/actionWindows.ts,
// what is done from the facts; deadline, time left and overdue from a given clock.
import {
  officeTodo,
  rankerTodo,
  sortTodo,
  thirdPartyTodo,
  todoCounts,
  unitTodo,
  voterTodo,
  type TodoCycle,
  type UnitTodoFacts,
} from '../../domain/todo/todoItems';
import { DAY_MS } from '../../domain/cycle/deadlines';
import type { CycleStage } from '../../domain/cycle/stages';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const cycle = (stage: CycleStage): TodoCycle => ({
  year: 2026,
  stage,
  selfCheckDueAt: NOW + 10 * DAY_MS,
  verificationDueAt: NOW + 20 * DAY_MS,
  evaluationDueAt: NOW + 30 * DAY_MS,
});

const unitFacts = (stage: CycleStage, overrides: Partial<UnitTodoFacts> = {}): UnitTodoFacts => ({
  cycle: cycle(stage),
  rounds: [
    { dueAt: NOW - DAY_MS, missing: ['上半年节点'] },
    { dueAt: NOW + 5 * DAY_MS, missing: ['三季度节点', '三季度节点二'] },
    { dueAt: NOW + 9 * DAY_MS, missing: [] },
  ],
  selfCheckMissing: ['工会组织建设'],
  feedbackToConfirm: true,
  explanation: { status: 'PENDING', dueAt: NOW + 15 * DAY_MS },
  ...overrides,
});

describe('a unit', () => {
  test('in CHECKPOINTS: each round with missing evidence, the passed one overdue, with time left', () => {
    const items = unitTodo(unitFacts('CHECKPOINTS'), NOW);
    expect(items.map((row) => [row.kind, row.count, row.overdue, row.msLeft, row.page])).toEqual([
      ['CHECKPOINT_EVIDENCE', 1, true, -DAY_MS, 'myTargets'],
      ['CHECKPOINT_EVIDENCE', 2, false, 5 * DAY_MS, 'myTargets'],
    ]);
    expect(items[1].targets).toEqual(['三季度节点', '三季度节点二']);
    expect(items[1].dueAt).toBe(new Date(NOW + 5 * DAY_MS).toISOString());
  });

  test('in SELF_CHECK: late evidence is still taken (Art. 8), and the self-check is due', () => {
    const kinds = unitTodo(unitFacts('SELF_CHECK'), NOW).map((row) => row.kind);
    expect(kinds).toEqual(['CHECKPOINT_EVIDENCE', 'CHECKPOINT_EVIDENCE', 'SELF_CHECK']);
    const selfCheck = unitTodo(unitFacts('SELF_CHECK'), NOW).find((row) => row.kind === 'SELF_CHECK')!;
    expect(selfCheck).toMatchObject({ dueAt: new Date(NOW + 10 * DAY_MS).toISOString(), page: 'selfCheck' });
    expect(unitTodo(unitFacts('SELF_CHECK', { selfCheckMissing: [] }), NOW).map((row) => row.kind)).toEqual([
      'CHECKPOINT_EVIDENCE',
      'CHECKPOINT_EVIDENCE',
    ]);
  });

  test('from VERIFICATION to NOTIFICATION a unit has nothing to do', () => {
    for (const stage of ['VERIFICATION', 'EVALUATION', 'SCORING', 'APPROVAL', 'NOTIFICATION'] as const)
      expect(unitTodo(unitFacts(stage), NOW)).toEqual([]);
  });

  test('in FOLLOW_UP: feedback to confirm and the explanation, due or returned, until done', () => {
    expect(unitTodo(unitFacts('FOLLOW_UP'), NOW).map((row) => row.kind)).toEqual([
      'FEEDBACK_CONFIRMATION',
      'EXPLANATION_DUE',
    ]);
    const returned = unitTodo(
      unitFacts('FOLLOW_UP', {
        feedbackToConfirm: false,
        explanation: { status: 'RETURNED', dueAt: NOW - 2 * DAY_MS },
      }),
      NOW,
    );
    expect(returned).toEqual([
      expect.objectContaining({ kind: 'EXPLANATION_RETURNED', overdue: true, page: 'myFollowUp' }),
    ]);
    for (const status of ['SUBMITTED', 'ACCEPTED'] as const)
      expect(
        unitTodo(
          unitFacts('FOLLOW_UP', { feedbackToConfirm: false, explanation: { status, dueAt: NOW } }),
          NOW,
        ),
      ).toEqual([]);
    expect(unitTodo(unitFacts('FOLLOW_UP', { explanation: null }), NOW).map((row) => row.kind)).toEqual([
      'FEEDBACK_CONFIRMATION',
    ]);
  });

  test('a closed cycle asks nothing', () => {
    expect(unitTodo(unitFacts('CLOSED'), NOW)).toEqual([]);
  });
});

describe('a ranker and a voter', () => {
  test('missing rankings only while EVALUATION is open, due at its deadline', () => {
    const facts = { cycle: cycle('EVALUATION'), unrankedCategories: ['城区', '县区'] };
    expect(rankerTodo(facts, NOW)).toEqual([
      expect.objectContaining({
        kind: 'RANKING',
        targets: ['城区', '县区'],
        count: 2,
        dueAt: new Date(NOW + 30 * DAY_MS).toISOString(),
        page: 'ranking',
      }),
    ]);
    expect(rankerTodo({ ...facts, unrankedCategories: [] }, NOW)).toEqual([]);
    expect(rankerTodo({ ...facts, cycle: cycle('SCORING') }, NOW)).toEqual([]);
    // Past the deadline the item turns overdue rather than disappearing: the office may still wait.
    expect(rankerTodo(facts, NOW + 31 * DAY_MS)[0].overdue).toBe(true);
  });

  test('a pending vote only in APPROVAL, naming the round', () => {
    expect(voterTodo({ cycle: cycle('APPROVAL'), openRoundWithoutVote: 2 }, NOW)).toEqual([
      expect.objectContaining({ kind: 'VOTE', round: 2, dueAt: null, overdue: false, page: 'approval' }),
    ]);
    expect(voterTodo({ cycle: cycle('APPROVAL'), openRoundWithoutVote: null }, NOW)).toEqual([]);
    expect(voterTodo({ cycle: cycle('SCORING'), openRoundWithoutVote: 1 }, NOW)).toEqual([]);
  });

  test('third-party scores only when a third party is engaged', () => {
    const facts = { cycle: cycle('EVALUATION'), useThirdParty: true, unscoredUnits: ['中山区'] };
    expect(thirdPartyTodo(facts, NOW).map((row) => row.kind)).toEqual(['THIRD_PARTY_SCORES']);
    expect(thirdPartyTodo({ ...facts, useThirdParty: false }, NOW)).toEqual([]);
    expect(thirdPartyTodo({ ...facts, cycle: cycle('APPROVAL') }, NOW)).toEqual([]);
  });
});

describe('the office', () => {
  const facts = (stage: CycleStage) => ({
    cycle: cycle(stage),
    checkpointQueue: { units: ['中山区', '西岗区'], count: 3 },
    yearEndQueue: { units: ['中山区'], count: 7 },
    explanationsToReview: ['庄河市'],
    failedNotices: { recipients: ['中山区总工会', '中山区总工会'], count: 2 },
  });

  test('per stage: the verification queue, explanations to review, failed notices', () => {
    const kinds = (stage: CycleStage) => officeTodo(facts(stage), NOW).map((row) => row.kind);
    expect(kinds('CHECKPOINTS')).toEqual(['CHECKPOINT_VERIFICATION', 'FAILED_NOTICE']);
    expect(kinds('VERIFICATION')).toEqual([
      'CHECKPOINT_VERIFICATION',
      'YEAR_END_VERIFICATION',
      'FAILED_NOTICE',
    ]);
    expect(kinds('APPROVAL')).toEqual(['FAILED_NOTICE']);
    expect(kinds('FOLLOW_UP')).toEqual(['EXPLANATION_REVIEW', 'FAILED_NOTICE']);
    const failed = officeTodo(facts('FOLLOW_UP'), NOW).find((row) => row.kind === 'FAILED_NOTICE')!;
    expect(failed).toMatchObject({ targets: ['中山区总工会'], count: 2, page: 'notifications' });
  });

  test('badges add up the counts per page', () => {
    expect(todoCounts(officeTodo(facts('VERIFICATION'), NOW))).toEqual({
      verification: 10,
      notifications: 2,
    });
  });
});

test('overdue first, then the nearest deadline, then those without one', () => {
  const items = sortTodo([
    ...unitTodo(unitFacts('FOLLOW_UP'), NOW),
    ...unitTodo(unitFacts('CHECKPOINTS'), NOW),
  ]);
  expect(items.map((row) => [row.kind, row.overdue])).toEqual([
    ['CHECKPOINT_EVIDENCE', true],
    ['CHECKPOINT_EVIDENCE', false],
    ['EXPLANATION_DUE', false],
    ['FEEDBACK_CONFIRMATION', false],
  ]);
});

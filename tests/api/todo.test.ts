// GET /me/todo through the API on the real stack (issue 14): each person's to-do is their own, by name,
// with deadlines from the engine's clock, and items leave it once done: a unit's checkpoint evidence,
// self-check, feedback and explanation; a member's and a department's rankings and a member's vote;
// the office's verification queue, explanations to review and failed notices.
import { startTestStack, signIn, type TestStack, type Session } from '../support/testStack';
import {
  DAY,
  advanceTo,
  approvers,
  eventually,
  openDemoCycle,
  rankEverywhere,
  submitRound,
  verifyUnits,
  vote,
  waitForStage,
  type CycleContext,
} from '../support/cycleDriver';
import { submitForApprovalUpdate } from '../../workflows/contract';

const YEAR = 2041;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const ORDER: Record<string, string[]> = {
  URBAN: ['zhongshan', 'xigang', 'shahekou', 'ganjingzi', 'lvshunkou'],
  COUNTY: ['pulandian', 'wafangdian', 'zhuanghe', 'changhai'],
  PILOT: ['jinpu', 'baoshuiqu', 'gaoxinqu', 'changxingdao', 'huayuankou'],
};

interface Todo {
  now: string;
  items: {
    kind: string;
    cycleYear: number;
    targets: string[];
    count: number;
    round?: number;
    dueAt: string | null;
    msLeft: number | null;
    overdue: boolean;
    page: string;
  }[];
  counts: Record<string, number>;
  total: number;
}

let stack: TestStack;
let ctx: CycleContext;
const sessions = new Map<string, Session>();
async function todo(username: string): Promise<Todo> {
  if (!sessions.has(username)) sessions.set(username, await signIn(stack.app, username));
  const response = await sessions.get(username)!.get('/api/me/todo');
  expect(response.status).toBe(200);
  // Names, never ids.
  expect(JSON.stringify(response.body)).not.toMatch(UUID);
  return response.body as Todo;
}
const kinds = (body: Todo) => body.items.map((row) => row.kind);

jest.setTimeout(300_000);

beforeAll(async () => {
  stack = await startTestStack();
  // changhai's principal leader address is refused: its targets notice fails (for the office).
  stack.inbox.rejectRecipient('leader@changhai.union.example.org');
  ctx = await openDemoCycle(stack, YEAR);
  await waitForStage(ctx, 'CHECKPOINTS');
});

afterAll(async () => {
  await stack?.teardown();
});

test('without a session: 401', async () => {
  const request = (await import('supertest')).default;
  expect((await request(stack.app).get('/api/me/todo')).status).toBe(401);
});

test('checkpoints: a unit sees its own missing evidence per round; the office its queue and failed notices', async () => {
  const now = await stack.env.currentTimeMs();
  const zhongshan = await todo('unit-zhongshan');
  expect(kinds(zhongshan)).toEqual(['CHECKPOINT_EVIDENCE', 'CHECKPOINT_EVIDENCE']);
  const [first, second] = zhongshan.items;
  expect(first).toMatchObject({
    cycleYear: YEAR,
    overdue: false,
    page: 'myTargets',
    dueAt: ctx.targets.roundDueDates[0],
  });
  // zhongshan does not undertake K2's checkpoints (Art. 12): one per round.
  expect(first.targets).toEqual([ctx.checkpoints.find((row) => row.code === 'K1-R1')!.name]);
  expect(second.dueAt).toBe(ctx.targets.roundDueDates[1]);
  // Time left from the engine's clock (the API's `now`), not this machine's.
  expect(Math.abs(first.msLeft! - (Date.parse(first.dueAt!) - now))).toBeLessThan(60_000);
  expect(zhongshan.counts).toEqual({ myTargets: 2 });
  expect(zhongshan.total).toBe(2);

  const changhaiBefore = await todo('unit-changhai');
  expect(changhaiBefore.counts.myTargets).toBe(4);

  // A unit's submissions change its own to-do only.
  await submitRound(ctx, ctx.checkpoints[0].dueAt.toISOString().replace(/[:.]/g, '-'), 'zhongshan');
  expect((await todo('unit-zhongshan')).items.map((row) => row.dueAt)).toEqual([
    ctx.targets.roundDueDates[1],
  ]);
  expect((await todo('unit-changhai')).counts.myTargets).toBe(4);

  // The office: a failed notice at once; evidence only once its checkpoint is due (Art. 8).
  const office = await eventually(async () => {
    const body = await todo('office1');
    return kinds(body).includes('FAILED_NOTICE') ? body : undefined;
  }, 'the failed notice');
  expect(kinds(office)).toEqual(['FAILED_NOTICE']);
  expect(office.items[0]).toMatchObject({ count: 1, page: 'notifications', dueAt: null });
  expect(office.items[0].targets[0]).toMatch(/长海县/);

  await advanceTo(stack, Date.parse(ctx.targets.roundDueDates[0]) + 1000);
  const queued = await todo('office1');
  expect(queued.items.find((row) => row.kind === 'CHECKPOINT_VERIFICATION')).toMatchObject({
    targets: ['中山区总工会'],
    count: 1,
    page: 'verification',
  });
  expect(queued.counts.verification).toBe(1);
  // Past the due date, changhai's round-1 evidence is overdue (and still taken, flagged late).
  const overdue = (await todo('unit-changhai')).items[0];
  expect(overdue).toMatchObject({ kind: 'CHECKPOINT_EVIDENCE', overdue: true });
  expect(overdue.msLeft!).toBeLessThan(0);

  await stack.actions.verifyCheckpoints(ctx.cycle, {
    actor: ctx.who.office,
    entries: [
      {
        checkpointId: ctx.checkpoints.find((row) => row.code === 'K1-R1')!.id,
        unitId: ctx.unitId('zhongshan'),
        fraction: 1,
        method: 'DOCUMENT_REVIEW',
      },
    ],
  });
  expect(kinds(await todo('office1'))).toEqual(['FAILED_NOTICE']);
});

test('self-check, rankings and the vote leave the to-do once done', async () => {
  await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.selfCheckOpensAt) + 1000);
  await waitForStage(ctx, 'SELF_CHECK');
  const selfCheck = (await todo('unit-zhongshan')).items.find((row) => row.kind === 'SELF_CHECK')!;
  expect(selfCheck).toMatchObject({ page: 'selfCheck', dueAt: ctx.targets.cycle.schedule.selfCheckDueAt });
  const undertaken = ctx.indicators.filter((indicator) => ctx.undertakes(indicator, 'zhongshan'));
  expect(selfCheck.count).toBe(undertaken.length);
  await stack.actions.submitSelfCheck(ctx.cycle, {
    actor: ctx.who.unitActor('zhongshan'),
    unitId: ctx.unitId('zhongshan'),
    items: undertaken
      .slice(1)
      .map((indicator) => ({ indicatorId: indicator.id, selfFraction: 1, text: '已完成' })),
  });
  expect((await todo('unit-zhongshan')).items.find((row) => row.kind === 'SELF_CHECK')).toMatchObject({
    count: 1,
    targets: [undertaken[0].name],
  });

  await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.selfCheckDueAt) + 1000);
  await waitForStage(ctx, 'VERIFICATION');
  // Nothing more for a unit until the follow-up.
  expect((await todo('unit-zhongshan')).items).toEqual([]);
  const yearEnd = (await todo('office1')).items.find((row) => row.kind === 'YEAR_END_VERIFICATION')!;
  expect(yearEnd.targets).toHaveLength(ctx.units.length);
  // The figure for the README: the page polls this, so it must stay cheap (no assertion on time).
  for (const username of ['office1', 'unit-zhongshan', 'member1']) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await todo(username);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `GET /me/todo as ${username}: median ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms`,
    );
  }
  await verifyUnits(
    ctx,
    ctx.units.map((unit) => unit.code),
    (code, kind) => (code === 'changhai' ? (kind === 'CHECKPOINT' ? 0 : 0.3) : 0.95),
  );
  expect(kinds(await todo('office1'))).toEqual(['FAILED_NOTICE']);

  await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.verificationDueAt) + 1000);
  await waitForStage(ctx, 'EVALUATION');
  const categoryNames = ctx.categories.map((category) => category.name);
  for (const username of ['member1', 'leader', 'dept-legal'])
    expect((await todo(username)).items).toEqual([
      expect.objectContaining({
        kind: 'RANKING',
        targets: categoryNames,
        count: 3,
        dueAt: ctx.targets.cycle.schedule.evaluationDueAt,
        page: 'ranking',
      }),
    ]);
  // A unit and the office have no ranking to do.
  expect(kinds(await todo('unit-zhongshan'))).toEqual([]);
  const member = ctx.who.actor('member1');
  await stack.actions.submitRanking(ctx.cycle, {
    actor: member,
    kind: 'LEADER',
    categoryId: ctx.categories[0].id,
    unitOrder: ORDER[ctx.categories[0].code].map(ctx.unitId),
  });
  expect((await todo('member1')).items[0]).toMatchObject({ count: 2, targets: categoryNames.slice(1) });
  // Another member's and the departments' rankings are their own.
  expect((await todo('leader')).items[0].count).toBe(3);
  expect((await todo('dept-legal')).items[0].count).toBe(3);

  await rankEverywhere(ctx, (category) => ORDER[category]);
  await waitForStage(ctx, 'SCORING');
  expect((await todo('member1')).items).toEqual([]);
  expect(await stack.cycles.update(ctx.wf, submitForApprovalUpdate, { actor: ctx.who.office })).toBe(1);
  await waitForStage(ctx, 'APPROVAL');
  const pending = await eventually(async () => {
    const body = await todo('member1');
    return body.items.length > 0 ? body : undefined;
  }, 'the open round');
  expect(pending.items).toEqual([
    expect.objectContaining({ kind: 'VOTE', round: 1, page: 'approval', dueAt: null }),
  ]);
  expect(pending.counts).toEqual({ approval: 1 });
  // Departments do not vote (Art. 18).
  expect((await todo('dept-legal')).items).toEqual([]);
  await vote(ctx, 1, member, 'APPROVE');
  expect((await todo('member1')).items).toEqual([]);
  expect(kinds(await todo('leader'))).toEqual(['VOTE']);
  for (const voter of approvers(ctx).filter((row) => row.userId !== member.userId))
    await vote(ctx, 1, voter, 'APPROVE');
  await waitForStage(ctx, 'FOLLOW_UP');
});

test('follow-up: feedback to confirm, the explanation due, to review and returned', async () => {
  const due = await eventually(async () => {
    const body = await todo('unit-changhai');
    return body.items.some((row) => row.kind === 'EXPLANATION_DUE') ? body : undefined;
  }, 'the explanation of the failing unit');
  const explanation = due.items.find((row) => row.kind === 'EXPLANATION_DUE')!;
  expect(explanation).toMatchObject({ page: 'myFollowUp', overdue: false });
  // Due 15 days after the criticism notice (Art. 21).
  expect(explanation.msLeft!).toBeGreaterThan(14 * DAY);
  expect(explanation.msLeft!).toBeLessThanOrEqual(15 * DAY);

  expect(kinds(await todo('unit-zhongshan'))).toEqual([]);
  await stack.actions.recordFeedback(ctx.cycle, {
    actor: ctx.who.leader,
    unitId: ctx.unitId('zhongshan'),
    content: '年度考核结果反馈',
  });
  expect((await todo('unit-zhongshan')).items).toEqual([
    expect.objectContaining({ kind: 'FEEDBACK_CONFIRMATION', page: 'myFollowUp' }),
  ]);
  await stack.actions.confirmFeedback(ctx.cycle, {
    actor: ctx.who.unitActor('zhongshan'),
    unitId: ctx.unitId('zhongshan'),
  });
  expect((await todo('unit-zhongshan')).items).toEqual([]);

  await stack.actions.submitExplanation(ctx.cycle, {
    actor: ctx.who.unitActor('changhai'),
    unitId: ctx.unitId('changhai'),
    content: '关于考核未达标的书面说明',
  });
  expect(kinds(await todo('unit-changhai'))).toEqual([]);
  expect((await todo('office1')).items.find((row) => row.kind === 'EXPLANATION_REVIEW')).toMatchObject({
    targets: ['长海县总工会'],
    count: 1,
    page: 'followUp',
  });
  await stack.actions.reviewExplanation(ctx.cycle, {
    actor: ctx.who.office,
    unitId: ctx.unitId('changhai'),
    decision: 'RETURN',
    comment: '请补充整改措施',
  });
  expect(kinds(await todo('office1'))).toEqual(['FAILED_NOTICE']);
  expect((await todo('unit-changhai')).items).toEqual([
    expect.objectContaining({ kind: 'EXPLANATION_RETURNED', page: 'myFollowUp', overdue: false }),
  ]);
});

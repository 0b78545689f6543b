// Durability (issue: annual cycle, test 3): the worker stops in the middle of a checkpoint window and
// in the middle of sending the result notices; a new worker takes over from the histories, and the
// cycle completes with no submission lost and no email sent twice.
import { withFacts } from '../../api/cycles/statusFacts';
import { startTestStack, type TestStack } from '../support/testStack';
import {
  advanceTo,
  approvers,
  eventually,
  openDemoCycle,
  submitRound,
  verifyUnits,
  vote,
  waitForStage,
  DAY,
} from '../support/cycleDriver';
import { cycleHistories, cycleWorkflowIds, replayFailures } from '../support/cycleHistories';
import { submitForApprovalUpdate } from '../../workflows/contract';

describe('a cycle survives its worker', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ replaceableWorkers: true });
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('worker stopped mid checkpoint window and mid notification sending', async () => {
    const ctx = await openDemoCycle(stack, 2027);
    const codes = ctx.units.map((unit) => unit.code);
    await stack.inbox.waitFor(14, 30_000);
    await waitForStage(ctx, 'CHECKPOINTS');
    const [round1, round2] = (await ctx.status()).rounds;

    // ----- Mid checkpoint window: half the units submitted, the worker goes away -----
    for (const code of codes.slice(0, 7)) await submitRound(ctx, round1.key, code);
    await stack.stopWorker();
    // A unit submits while no worker runs: the update waits in Temporal, it is not lost.
    const whileDown = submitRound(ctx, round1.key, codes[7]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await stack.startWorker();
    expect((await whileDown).every((submitted) => !submitted.late)).toBe(true);
    for (const code of codes.slice(8, 13)) await submitRound(ctx, round1.key, code);
    // The last unit is late; the new worker still closes the round at its due date.
    await advanceTo(stack, Date.parse(round1.dueAt) + DAY);
    await submitRound(ctx, round1.key, codes[13]);
    for (const code of codes) await submitRound(ctx, round2.key, code);
    const submissions = await stack.db.checkpointSubmission.findMany({
      where: { checkpoint: { cycleId: ctx.cycle.id } },
    });
    // 14 units × 4 checkpoints, minus K2's two for zhongshan and xigang (Art. 12).
    expect(submissions).toHaveLength(14 * 4 - 2 * 2);
    expect(submissions.filter((row) => row.late).map((row) => ctx.codeOf(row.unitId))).toEqual([
      codes[13],
      codes[13],
    ]);

    // ----- Through the year to approval (every unit passes: 0.85·90 + comprehensive ≥ 85.5) -----
    await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.selfCheckDueAt) + 1000);
    await verifyUnits(ctx, codes, () => 0.9, 14);
    await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.verificationDueAt) + 1000);
    // The minimum for scoring (Art. 13): the leader and one department rank each category; the stage
    // then ends at its deadline.
    for (const evaluator of [ctx.who.leader, ctx.who.departments[0]]) {
      for (const category of ctx.categories) {
        await stack.actions.submitRanking(ctx.cycle, {
          actor: evaluator,
          kind: evaluator.role === 'DEPARTMENT' ? 'DEPARTMENT' : 'LEADER',
          categoryId: category.id,
          unitOrder: ctx.units.filter((unit) => unit.categoryId === category.id).map((unit) => unit.id),
        });
      }
    }
    await advanceTo(stack, Date.parse(ctx.targets.cycle.schedule.evaluationDueAt) + 1000);
    await waitForStage(ctx, 'SCORING');
    await stack.cycles.update(ctx.wf, submitForApprovalUpdate, { actor: ctx.who.office });

    // ----- Mid notification sending: a few of the 28 result notices out, then SMTP fails and the worker stops -----
    // Party committees receive only the result notice here (no unit fails): react on the third.
    const committeeNotices = () =>
      stack.inbox.messages.filter((message) => message.to.some((to) => to.startsWith('committee@'))).length;
    const threeOut = (async () => {
      while (committeeNotices() < 3) await stack.inbox.waitFor(stack.inbox.messages.length + 1, 60_000);
    })();
    for (const voter of approvers(ctx)) await vote(ctx, 1, voter, 'APPROVE');
    await threeOut;
    stack.inbox.setDown(true);
    await stack.stopWorker();
    const duringOutage = await stack.db.notification.count({
      where: { cycleId: ctx.cycle.id, event: { startsWith: 'RESULT_NOTICE' }, status: 'SENT' },
    });
    expect(duringOutage).toBeGreaterThanOrEqual(3);
    expect(duringOutage).toBeLessThan(28);
    stack.inbox.setDown(false);
    await stack.startWorker();
    // The retry (after backoff, or after the heartbeat timeout of an attempt that died with the worker).
    await stack.env.sleep(3 * 60_000);
    await waitForStage(ctx, 'FOLLOW_UP');

    // ----- Follow-up and close -----
    for (const code of codes) {
      await stack.actions.recordFeedback(ctx.cycle, {
        actor: ctx.who.leader,
        unitId: ctx.unitId(code),
        content: '年度考核结果反馈',
      });
      await stack.actions.confirmFeedback(ctx.cycle, {
        unitId: ctx.unitId(code),
        actor: ctx.who.unitActor(code),
      });
    }
    const finalStatus = await eventually(async () => {
      const status = await withFacts(stack.db, { ...ctx.cycle, engine: 2 }, await ctx.status());
      return status.feedbackConfirmed.length === 14 ? status : undefined;
    }, 'all feedback confirmed');
    await stack.env.client.workflow.getHandle(ctx.wf).result();
    expect((await stack.db.cycle.findUniqueOrThrow({ where: { id: ctx.cycle.id } })).stage).toBe('CLOSED');

    // No email lost, none twice: every outbox row SENT and received exactly once, one per recipient and key.
    const outbox = await stack.db.notification.findMany({ where: { cycleId: ctx.cycle.id } });
    expect(outbox.filter((row) => row.status !== 'SENT')).toEqual([]);
    await stack.inbox.waitFor(outbox.length, 30_000);
    const ids = stack.inbox.messages.map((message) => message.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(outbox.length);
    const results = outbox.filter((row) => row.event.startsWith('RESULT_NOTICE'));
    expect(results).toHaveLength(28);
    expect(stack.inbox.refusedConnections).toBeGreaterThan(0);

    // The histories written across both workers replay against the current code.
    expect(
      await replayFailures(
        await cycleHistories(
          stack.env.client,
          cycleWorkflowIds(ctx.wf, await withFacts(ctx.stack.db, { ...ctx.cycle, engine: 2 }, finalStatus)),
        ),
      ),
    ).toEqual([]);
    // Typically 60-110 s; the margin is for a machine shared with other test runs.
  }, 240_000);
});

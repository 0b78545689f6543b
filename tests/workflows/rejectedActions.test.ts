// Rejected actions (issue: annual cycle, test 2): the update validators refuse at once with a typed
// reason the API maps to an HTTP status, and nothing is stored — no row, no audit entry, no activity.
import { withFacts } from '../../api/cycles/statusFacts';
import { startTestStack, type TestStack } from '../support/testStack';
import {
  approvers,
  eventually,
  openDemoCycle,
  rankEverywhere,
  verifyUnits,
  vote,
  waitForStage,
  type CycleContext,
} from '../support/cycleDriver';
import {
  advanceStageUpdate,
  castVoteUpdate,
  approvalRoundWorkflowId,
  RefusalReason,
  submitForApprovalUpdate,
} from '../../workflows/contract';

/**
 * The refusal of an action: a workflow update's (WorkflowUpdateFailedError with a typed cause) or a
 * fact's (Refusal). Jest re-requires modules, so compare by name and type, not instanceof.
 */
async function refusal(action: Promise<unknown>): Promise<{ name: string; reason: string; message: string }> {
  try {
    await action;
  } catch (error) {
    const failure = error as {
      name: string;
      reason?: string;
      message?: string;
      cause?: { type?: string; message?: string };
    };
    if (failure.name === 'Refusal')
      return { name: failure.name, reason: failure.reason ?? '', message: failure.message ?? '' };
    return { name: failure.name, reason: failure.cause?.type ?? '', message: failure.cause?.message ?? '' };
  }
  throw new Error('the action was accepted, expected a refusal');
}

describe('actions the cycle refuses', () => {
  let stack: TestStack;
  let ctx: CycleContext;
  /** What any accepted action would have written. */
  const footprint = async () => ({
    // Stage entries are the cycle's own bookkeeping and may land a moment after the stage shows.
    audit: await stack.db.auditLog.count({
      where: { cycleId: ctx.cycle.id, action: { not: 'stage.enter' } },
    }),
    submissions: await stack.db.checkpointSubmission.count(),
    selfChecks: await stack.db.selfCheck.count(),
    rankings: await stack.db.ranking.count(),
    votes: await stack.db.approvalVote.count(),
    explanations: await stack.db.explanation.count(),
  });

  beforeAll(async () => {
    stack = await startTestStack();
    ctx = await openDemoCycle(stack, 2027);
    await stack.inbox.waitFor(14, 30_000);
    await waitForStage(ctx, 'CHECKPOINTS');
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('wrong stage: a self-check while the checkpoints are open (Art. 8)', async () => {
    const before = await footprint();
    const refused = await refusal(
      stack.actions.submitSelfCheck(ctx.cycle, {
        actor: ctx.who.unitActor('zhongshan'),
        unitId: ctx.unitId('zhongshan'),
        items: [{ indicatorId: ctx.indicators[0].id, selfFraction: 1, text: '已完成' }],
      }),
    );
    // A fact the API writes is refused before anything is stored (client/cycleActions.ts).
    expect(refused).toMatchObject({ name: 'Refusal', reason: RefusalReason.WRONG_STAGE });
    expect(refused.message).toContain('CHECKPOINTS');
    expect(await footprint()).toEqual(before);
  });

  test('wrong unit: a unit uploads evidence for another unit (Art. 8)', async () => {
    const before = await footprint();
    const round = (await ctx.status()).rounds[0];
    const refused = await refusal(
      stack.actions.submitCheckpoint(ctx.cycle, {
        actor: ctx.who.unitActor('zhongshan'),
        unitId: ctx.unitId('xigang'),
        checkpointId: round.checkpointIds[0],
        text: '代西岗区提交',
      }),
    );
    expect(refused.reason).toBe(RefusalReason.NOT_YOUR_UNIT);
    expect(await footprint()).toEqual(before);
  });

  test('a stale "advance" and an advance by a unit are refused; the office advances by hand', async () => {
    const before = await footprint();
    expect(
      (
        await refusal(
          stack.cycles.update(ctx.wf, advanceStageUpdate, { actor: ctx.who.office, from: 'SELF_CHECK' }),
        )
      ).reason,
    ).toBe(RefusalReason.WRONG_STAGE);
    expect(
      (
        await refusal(
          stack.cycles.update(ctx.wf, advanceStageUpdate, {
            actor: ctx.who.unitActor('zhongshan'),
            from: 'CHECKPOINTS',
          }),
        )
      ).reason,
    ).toBe(RefusalReason.NOT_ALLOWED);
    expect(await footprint()).toEqual(before);
    expect(
      await stack.cycles.update(ctx.wf, advanceStageUpdate, {
        actor: ctx.who.office,
        from: 'CHECKPOINTS',
        note: '提前结束过程节点',
      }),
    ).toBe('SELF_CHECK');
    expect(
      await stack.cycles.update(ctx.wf, advanceStageUpdate, { actor: ctx.who.office, from: 'SELF_CHECK' }),
    ).toBe('VERIFICATION');
    const transitions = await stack.db.stageTransition.findMany({
      where: { cycleId: ctx.cycle.id, manual: true },
    });
    expect(transitions.map((row) => row.stage).sort()).toEqual(['SELF_CHECK', 'VERIFICATION']);
    expect(await stack.db.auditLog.count({ where: { cycleId: ctx.cycle.id, action: 'stage.advance' } })).toBe(
      2,
    );
  });

  test('incomplete ranking: every unit of the category exactly once (Art. 13)', async () => {
    // Every unit completes at 0.9 except changhai (0.4): changhai fails, the others pass.
    await verifyUnits(
      ctx,
      ctx.units.map((unit) => unit.code),
      (code) => (code === 'changhai' ? 0.4 : 0.9),
    );
    expect(
      await stack.cycles.update(ctx.wf, advanceStageUpdate, { actor: ctx.who.office, from: 'VERIFICATION' }),
    ).toBe('EVALUATION');
    const before = await footprint();
    const urban = ctx.categories.find((category) => category.code === 'URBAN')!;
    const urbanUnits = ctx.units.filter((unit) => unit.categoryId === urban.id).map((unit) => unit.id);
    const missing = await refusal(
      stack.actions.submitRanking(ctx.cycle, {
        actor: ctx.who.leader,
        kind: 'LEADER',
        categoryId: urban.id,
        unitOrder: urbanUnits.slice(1),
      }),
    );
    expect(missing.reason).toBe(RefusalReason.RANKING_INCOMPLETE);
    expect(missing.message).toContain(urbanUnits[0]);
    const repeated = await refusal(
      stack.actions.submitRanking(ctx.cycle, {
        actor: ctx.who.leader,
        kind: 'LEADER',
        categoryId: urban.id,
        unitOrder: [...urbanUnits, urbanUnits[0]],
      }),
    );
    expect(repeated.reason).toBe(RefusalReason.RANKING_INCOMPLETE);
    const foreign = await refusal(
      stack.actions.submitRanking(ctx.cycle, {
        actor: ctx.who.leader,
        kind: 'LEADER',
        categoryId: urban.id,
        unitOrder: [...urbanUnits.slice(1), ctx.unitId('changhai')],
      }),
    );
    expect(foreign.reason).toBe(RefusalReason.RANKING_INCOMPLETE);
    expect(await footprint()).toEqual(before);
  });

  test('double vote in an approval round (Art. 18)', async () => {
    await rankEverywhere(ctx, (category) =>
      ctx.units.filter((unit) => unit.category.code === category).map((unit) => unit.code),
    );
    await waitForStage(ctx, 'SCORING');
    expect(await stack.cycles.update(ctx.wf, submitForApprovalUpdate, { actor: ctx.who.office })).toBe(1);
    const member = approvers(ctx)[1];
    expect(await vote(ctx, 1, member, 'APPROVE')).toBe('PENDING');
    const before = await footprint();
    const again = await refusal(
      stack.cycles.update(approvalRoundWorkflowId(ctx.wf, 1), castVoteUpdate, {
        actor: member,
        decision: 'REJECT',
        comment: '改投反对',
      }),
    );
    expect(again.reason).toBe(RefusalReason.ALREADY_VOTED);
    const byUnit = await refusal(
      stack.cycles.update(approvalRoundWorkflowId(ctx.wf, 1), castVoteUpdate, {
        actor: ctx.who.unitActor('zhongshan'),
        decision: 'APPROVE',
      }),
    );
    expect(byUnit.reason).toBe(RefusalReason.NOT_ALLOWED);
    expect(await footprint()).toEqual(before);
    const votes = await stack.db.approvalVote.findMany();
    expect(votes.map((row) => [row.voterId, row.decision])).toEqual([[member.userId, 'APPROVE']]);
  });

  test('an explanation from a unit that did not fail (Art. 21)', async () => {
    for (const voter of approvers(ctx).filter((voter) => voter.userId !== approvers(ctx)[1].userId))
      await vote(ctx, 1, voter, 'APPROVE');
    await waitForStage(ctx, 'FOLLOW_UP');
    const status = await eventually(async () => {
      const current = await withFacts(stack.db, { ...ctx.cycle, engine: 2 }, await ctx.status());
      return current.explanations.length > 0 ? current : undefined;
    }, 'the explanation workflow to start');
    expect(status.failingUnitIds).toEqual([ctx.unitId('changhai')]);
    const before = await footprint();
    const refused = await refusal(
      stack.actions.submitExplanation(ctx.cycle, {
        actor: ctx.who.unitActor('zhongshan'),
        unitId: ctx.unitId('zhongshan'),
        content: '书面说明',
      }),
    );
    expect(refused.reason).toBe(RefusalReason.NOT_ALLOWED);
    expect(refused.message).toContain('Art. 21');
    // …and the failing unit may not be written for by another unit.
    const forOther = await refusal(
      stack.actions.submitExplanation(ctx.cycle, {
        actor: ctx.who.unitActor('zhongshan'),
        unitId: ctx.unitId('changhai'),
        content: '代写',
      }),
    );
    expect(forOther.reason).toBe(RefusalReason.NOT_YOUR_UNIT);
    const after = await footprint();
    // The failing unit's explanation row was opened by the cycle itself; neither refusal touched it.
    expect({ ...after, explanations: before.explanations }).toEqual(before);
    const explanations = await stack.db.explanation.findMany();
    expect(explanations.map((row) => [row.unitId, row.status, row.revision])).toEqual([
      [ctx.unitId('changhai'), 'PENDING', 0],
    ]);
  });
});

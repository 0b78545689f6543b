// A whole year for the seeded federation (14 units in 3 categories), in time-skipping mode against
// real PostgreSQL and a real SMTP server (issue: annual cycle, test 1). Every rule exercised cites its
// article; expected totals are computed by hand in the comments.
import { withFacts } from '../../api/cycles/statusFacts';
import { startTestStack, type TestStack } from '../support/testStack';
import {
  advanceTo,
  approvers,
  eventually,
  openDemoCycle,
  rankEverywhere,
  submitRound,
  submitSelfCheck,
  verifyUnits,
  vote,
  waitForStage,
  DAY,
  type CycleContext,
} from '../support/cycleDriver';
import { cycleHistories, cycleWorkflowIds, replayFailures, saveHistories } from '../support/cycleHistories';
import {
  explanationStatusQuery,
  explanationWorkflowId,
  feedbackWorkflowId,
  submitForApprovalUpdate,
} from '../../workflows/contract';

// Year-end completion fraction per unit (Art. 8); checkpoints are verified at the same fraction, except
// changhai's, which it never submitted (verified 0). Where c = f for every indicator, I = 100·f whatever
// the redistribution of indicators not undertaken (Art. 12).
const FRACTION: Record<string, number> = {
  zhongshan: 1,
  xigang: 0.9,
  shahekou: 0.9,
  ganjingzi: 0.9,
  lvshunkou: 0.8,
  pulandian: 0.9,
  wafangdian: 0.9,
  zhuanghe: 0.9,
  changhai: 0.4,
  jinpu: 0.9,
  baoshuiqu: 0.85,
  gaoxinqu: 0.85,
  changxingdao: 0.8,
  huayuankou: 0.7,
};
const CODES = Object.keys(FRACTION);
// Every evaluator ranks in this order (Art. 13), so L = D = the rank score: 100 at the top, 60 at the
// bottom, linear between (n = 5: 100, 90, 80, 70, 60; n = 4: 100, 86.67, 73.33, 60).
const ORDER: Record<string, string[]> = {
  URBAN: ['zhongshan', 'xigang', 'shahekou', 'ganjingzi', 'lvshunkou'],
  COUNTY: ['pulandian', 'wafangdian', 'zhuanghe', 'changhai'],
  PILOT: ['jinpu', 'baoshuiqu', 'gaoxinqu', 'changxingdao', 'huayuankou'],
};
// Total = 0.85·I + 0.15·rankScore + bonus − deduction (Art. 11-15), grade by the rounded total (Art. 16).
const EXPECTED: Record<string, { total: number; scoreGrade: string; finalGrade: string; rank: number }> = {
  zhongshan: { total: 101, scoreGrade: 'GOOD', finalGrade: 'GOOD', rank: 1 }, // 85 + 15 + 1 commendation (Art. 14)
  xigang: { total: 90, scoreGrade: 'GOOD', finalGrade: 'FAIRLY_GOOD', rank: 2 }, // 76.5 + 13.5, one level down (Art. 17)
  shahekou: { total: 88.5, scoreGrade: 'FAIRLY_GOOD', finalGrade: 'FAIRLY_GOOD', rank: 3 }, // 76.5 + 12
  ganjingzi: { total: 87, scoreGrade: 'FAIRLY_GOOD', finalGrade: 'FAIRLY_GOOD', rank: 4 }, // 76.5 + 10.5
  lvshunkou: { total: 76, scoreGrade: 'PASS', finalGrade: 'PASS', rank: 5 }, // 68 + 9 − 1 criticism (Art. 15)
  pulandian: { total: 91.5, scoreGrade: 'GOOD', finalGrade: 'GOOD', rank: 1 }, // 76.5 + 15
  wafangdian: { total: 89.5, scoreGrade: 'FAIRLY_GOOD', finalGrade: 'FAIRLY_GOOD', rank: 2 }, // 76.5 + 0.15·86.67 = 76.5 + 13
  zhuanghe: { total: 87.5, scoreGrade: 'FAIRLY_GOOD', finalGrade: 'FAIRLY_GOOD', rank: 3 }, // 76.5 + 0.15·73.33 = 76.5 + 11
  // changhai: K1 (12) and K2 (8) have two checkpoints of share 0.2 each, both 0, so c = 0.6·0.4 = 0.24;
  // the other 80 points complete at 0.4: I = 20·0.24 + 80·0.4 = 36.8; 0.85·36.8 + 0.15·60 = 31.28 + 9.
  changhai: { total: 40.28, scoreGrade: 'FAIL', finalGrade: 'FAIL', rank: 4 },
  jinpu: { total: 91.5, scoreGrade: 'GOOD', finalGrade: 'GOOD', rank: 1 },
  baoshuiqu: { total: 85.75, scoreGrade: 'FAIRLY_GOOD', finalGrade: 'FAIRLY_GOOD', rank: 2 }, // 72.25 + 13.5
  gaoxinqu: { total: 84.25, scoreGrade: 'FAIRLY_GOOD', finalGrade: 'FAIRLY_GOOD', rank: 3 }, // 72.25 + 12
  changxingdao: { total: 78.5, scoreGrade: 'PASS', finalGrade: 'PASS', rank: 4 }, // 68 + 10.5
  huayuankou: { total: 68.5, scoreGrade: 'PASS', finalGrade: 'PASS', rank: 5 }, // 59.5 + 9
};

describe('a whole assessment year', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('targets → checkpoints → self-check → verification → rankings → scoring → two approval rounds → notices → feedback → explanation → close', async () => {
    const ctx: CycleContext = await openDemoCycle(stack, 2027);
    const { wf, who, unitId, codeOf, targets, cycle } = ctx;
    const unitEmail = (code: string) => `leader@${code}.union.example.org`;
    const committeeEmail = (code: string) => `committee@${code}.gov.example.org`;
    await stack.inbox.waitFor(14, 30_000);
    await waitForStage(ctx, 'CHECKPOINTS');

    // ----- Checkpoints (Art. 8): on time, late, missing -----
    const rounds = (await ctx.status()).rounds;
    expect(rounds).toHaveLength(2);
    for (const round of rounds) {
      for (const code of CODES.filter((code) => code !== 'shahekou' && code !== 'changhai')) {
        for (const submitted of await submitRound(ctx, round.key, code)) expect(submitted.late).toBe(false);
      }
      // Past the reminder (due − 3 days) and the due date: shahekou submits late, changhai never.
      await advanceTo(stack, Date.parse(round.dueAt) + DAY);
      for (const submitted of await submitRound(ctx, round.key, 'shahekou'))
        expect(submitted.late).toBe(true);
    }
    const submissions = await stack.db.checkpointSubmission.findMany({
      where: { checkpoint: { cycleId: cycle.id } },
    });
    // 12 on-time units + shahekou, 2 rounds × 2 checkpoints, minus K2's for zhongshan and xigang (Art. 12).
    expect(submissions).toHaveLength(13 * 4 - 2 * 2);
    expect(new Set(submissions.filter((row) => row.late).map((row) => codeOf(row.unitId)))).toEqual(
      new Set(['shahekou']),
    );
    expect(submissions.filter((row) => row.late)).toHaveLength(4);
    expect(submissions.some((row) => codeOf(row.unitId) === 'changhai')).toBe(false);

    // Commendations and criticisms through the year (Art. 14, 15).
    await stack.actions.recordAdjustment(cycle, {
      actor: who.office,
      unitId: unitId('zhongshan'),
      kind: 'COMMENDATION_MAJOR',
      count: 1,
      issuedBy: '市委',
      note: '市委通报表扬',
    });
    await stack.actions.recordAdjustment(cycle, {
      actor: who.office,
      unitId: unitId('lvshunkou'),
      kind: 'CRITICISM_MINOR',
      count: 1,
      issuedBy: '市总工会',
      note: '市总通报批评',
    });

    // ----- Self-check (Art. 8) -----
    await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckOpensAt) + 1000);
    expect((await ctx.status()).stage).toBe('SELF_CHECK');
    for (const code of CODES.filter((code) => code !== 'huayuankou')) await submitSelfCheck(ctx, code);
    // huayuankou self-checks only after the closing reminder (due − 3 days).
    await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckDueAt) - 2 * DAY);
    await submitSelfCheck(ctx, 'huayuankou');
    expect(await stack.db.selfCheck.count({ where: { cycleId: cycle.id } })).toBe(14 * 13 - 2);

    // ----- Verification (Art. 8: 察访核验) -----
    await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckDueAt) + 1000);
    expect((await ctx.status()).stage).toBe('VERIFICATION');
    await verifyUnits(
      ctx,
      CODES,
      (code, kind) => (code === 'changhai' && kind === 'CHECKPOINT' ? 0 : FRACTION[code]),
      7,
    );

    // ----- Comprehensive evaluation (Art. 9, 13): every member and ranking department -----
    await advanceTo(stack, Date.parse(targets.cycle.schedule.verificationDueAt) + 1000);
    expect((await ctx.status()).stage).toBe('EVALUATION');
    await rankEverywhere(ctx, (category) => ORDER[category]);
    expect(await stack.db.ranking.count({ where: { cycleId: cycle.id } })).toBe((5 + 10) * 3);
    // Everyone ranked: the stage ends before its deadline, and scoring runs.
    await waitForStage(ctx, 'SCORING');

    // ----- Party-group approval (Art. 18): round 1 rejected with comments, round 2 approved -----
    expect(await stack.cycles.update(wf, submitForApprovalUpdate, { actor: who.office })).toBe(1);
    await vote(
      ctx,
      1,
      who.members.find((member) => member.userId !== who.leader.userId)!,
      'APPROVE',
    );
    await vote(
      ctx,
      1,
      who.leader,
      'REJECT',
      '西岗区考核材料弄虚作假，应按第十七条降档；长海县评价意见需写明整改要求',
    );
    await waitForStage(ctx, 'SCORING');
    // The office revises: the downgrade (Art. 17) and the failing unit's opinion (Art. 10).
    await stack.actions.recordDowngrade(cycle, {
      actor: who.office,
      unitId: unitId('xigang'),
      levels: 1,
      reason: 'FALSIFICATION',
      note: '考核材料弄虚作假',
    });
    await stack.actions.editOpinion(cycle, {
      actor: who.office,
      unitId: unitId('changhai'),
      opinion: '长海县总工会年度指标完成率偏低，需限期整改。',
    });
    expect(await stack.cycles.update(wf, submitForApprovalUpdate, { actor: who.office })).toBe(2);
    for (const voter of approvers(ctx)) await vote(ctx, 2, voter, 'APPROVE');
    await waitForStage(ctx, 'FOLLOW_UP');

    const approvalRounds = await stack.db.approvalRound.findMany({
      where: { cycleId: cycle.id },
      include: { votes: true },
      orderBy: { number: 'asc' },
    });
    expect(approvalRounds.map((round) => round.status)).toEqual(['REJECTED', 'APPROVED']);
    expect(approvalRounds[0].votes.map((row) => row.decision).sort()).toEqual(['APPROVE', 'REJECT']);
    expect(approvalRounds[0].votes.find((row) => row.decision === 'REJECT')!.comment).toContain('第十七条');
    expect(approvalRounds[1].votes).toHaveLength(3);
    expect(approvalRounds[0].snapshotHash).not.toEqual(approvalRounds[1].snapshotHash); // downgrade and opinion changed

    // ----- Results (Art. 11-17): the hand-computed totals and the final ranking -----
    const results = await stack.db.unitResult.findMany({ where: { cycleId: cycle.id } });
    expect(results).toHaveLength(14);
    const actual = Object.fromEntries(
      results.map((row) => [
        codeOf(row.unitId),
        {
          total: Number(row.total),
          scoreGrade: row.scoreGrade,
          finalGrade: row.finalGrade,
          rank: row.categoryRank,
        },
      ]),
    );
    expect(actual).toEqual(EXPECTED);
    expect(results.find((row) => row.unitId === unitId('changhai'))!.opinion).toBe(
      '长海县总工会年度指标完成率偏低，需限期整改。',
    );

    // ----- Follow-up (Art. 19-21) -----
    const { explanations, failingUnitIds } = await eventually(async () => {
      const current = await withFacts(stack.db, { ...cycle, engine: 2 }, await ctx.status());
      return current.explanations.length > 0 ? current : undefined;
    }, 'the explanation workflow to start');
    expect(failingUnitIds).toEqual([unitId('changhai')]);
    // Due 15 days after the criticism notice (Art. 21, SPEC §2.12), i.e. from the start of follow-up.
    const followUpStart = Date.parse(explanations[0].dueAt) - 15 * DAY;
    expect(followUpStart).toBeLessThanOrEqual(await stack.env.currentTimeMs());
    expect(followUpStart).toBeGreaterThan((await stack.env.currentTimeMs()) - 60_000);
    for (const code of CODES) {
      await stack.actions.recordFeedback(cycle, {
        actor: who.leader,
        unitId: unitId(code),
        content: `${code}：年度考核结果反馈`,
      });
    }
    for (const code of CODES.filter((code) => code !== 'gaoxinqu')) {
      await stack.actions.confirmFeedback(cycle, {
        unitId: unitId(code),
        actor: who.unitActor(code),
        note: '已向干部职工反馈',
      });
    }
    // changhai's explanation (Art. 21) is due in 15 days: reminders 3 days and 1 day before, an
    // escalation when overdue. gaoxinqu confirms its feedback only after two weekly reminders.
    const explanationChild = stack.env.client.workflow.getHandle(
      explanationWorkflowId(wf, unitId('changhai')),
    );
    await advanceTo(stack, followUpStart + 16 * DAY);
    expect((await explanationChild.query(explanationStatusQuery)).escalations).toBe(1);
    await stack.actions.confirmFeedback(cycle, {
      unitId: unitId('gaoxinqu'),
      actor: who.unitActor('gaoxinqu'),
    });
    const first = await stack.actions.submitExplanation(cycle, {
      actor: who.unitActor('changhai'),
      unitId: unitId('changhai'),
      content: '关于2027年度考核不合格的书面说明（初稿）',
    });
    expect(first).toMatchObject({ status: 'SUBMITTED', revision: 1, late: true });
    const returned = await stack.actions.reviewExplanation(cycle, {
      actor: who.office,
      unitId: unitId('changhai'),
      decision: 'RETURN',
      comment: '请补充整改措施',
    });
    // Returned: a fresh 15-day deadline from the return (Art. 21).
    expect(Date.parse(returned.dueAt) - (followUpStart + 31 * DAY)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(returned.dueAt) - (followUpStart + 31 * DAY)).toBeLessThan(60_000);
    await advanceTo(stack, followUpStart + 18 * DAY);
    await stack.actions.submitExplanation(cycle, {
      actor: who.unitActor('changhai'),
      unitId: unitId('changhai'),
      content: '关于2027年度考核不合格的书面说明（含整改措施）',
    });
    await stack.actions.reviewExplanation(cycle, {
      actor: who.office,
      unitId: unitId('changhai'),
      decision: 'ACCEPT',
    });

    // ----- Close: the workflow completes and the read model says so -----
    const finalStatus = await ctx.status();
    await stack.env.client.workflow.getHandle(wf).result();
    const closed = await stack.db.cycle.findUniqueOrThrow({
      where: { id: cycle.id },
      include: { transitions: true },
    });
    expect(closed.stage).toBe('CLOSED');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.transitions.map((row) => row.stage).sort()).toEqual(
      [
        'APPROVAL',
        'CHECKPOINTS',
        'CLOSED',
        'EVALUATION',
        'FOLLOW_UP',
        'NOTIFICATION',
        'SCORING',
        'SELF_CHECK',
        'TARGET_SETTING',
        'VERIFICATION',
      ].sort(),
    );
    const explanation = await stack.db.explanation.findFirstOrThrow({ where: { cycleId: cycle.id } });
    expect(explanation).toMatchObject({
      unitId: unitId('changhai'),
      status: 'ACCEPTED',
      revision: 2,
      late: true,
      escalations: 1,
      content: '关于2027年度考核不合格的书面说明（含整改措施）',
    });
    const feedback = await stack.db.feedback.findMany({ where: { cycleId: cycle.id } });
    expect(feedback).toHaveLength(14);
    expect(feedback.every((row) => row.confirmedAt !== null)).toBe(true);
    const incentives = await stack.db.incentive.findMany({ where: { cycleId: cycle.id } });
    expect(incentives.map((row) => codeOf(row.unitId)).sort()).toEqual(['jinpu', 'pulandian', 'zhongshan']);
    const audit = await stack.db.auditLog.findMany({ where: { cycleId: cycle.id } });
    const audited = (action: string) => audit.filter((row) => row.action === action).length;
    expect(audited('approval.vote')).toBe(5);
    expect(audited('explanation.submit')).toBe(2);
    expect(audited('explanation.review')).toBe(2);
    expect(audited('downgrade.record')).toBe(1);

    // ----- Every email exactly once: outbox rows = SMTP messages, per event, to the right people -----
    // Each unit's follow-up workflow sends its last notice (accepted, confirmed) as it ends.
    await explanationChild.result();
    await Promise.all(
      CODES.map((code) => stack.env.client.workflow.getHandle(feedbackWorkflowId(wf, unitId(code))).result()),
    );
    const outbox = await stack.db.notification.findMany({ where: { cycleId: cycle.id } });
    expect(outbox.filter((row) => row.status !== 'SENT')).toEqual([]);
    await stack.inbox.waitFor(outbox.length, 30_000);
    expect(stack.inbox.messages).toHaveLength(outbox.length);
    const eventOf = new Map(outbox.map((row) => [row.messageId, row.event]));
    const received = (event: string) =>
      stack.inbox.messages.filter((message) => eventOf.get(message.messageId) === event);
    const recipients = (event: string) =>
      received(event)
        .flatMap((message) => message.to)
        .sort();
    expect(stack.inbox.messages.every((message) => eventOf.has(message.messageId))).toBe(true);
    expect(new Set(stack.inbox.messages.map((message) => message.messageId)).size).toBe(outbox.length);

    const everyUnit = CODES.map(unitEmail).sort();
    expect(recipients('TARGETS_PUBLISHED')).toEqual(everyUnit);
    // Reminder 3 days before each round to the units that had not submitted; overdue at the due date.
    expect(recipients('CHECKPOINT_REMINDER')).toEqual(
      [unitEmail('changhai'), unitEmail('changhai'), unitEmail('shahekou'), unitEmail('shahekou')].sort(),
    );
    expect(recipients('CHECKPOINT_OVERDUE')).toEqual(
      [unitEmail('changhai'), unitEmail('changhai'), unitEmail('shahekou'), unitEmail('shahekou')].sort(),
    );
    expect(recipients('SELF_CHECK_OPENED')).toEqual(everyUnit);
    expect(recipients('SELF_CHECK_CLOSING')).toEqual([unitEmail('huayuankou')]);
    const evaluatorEmails = [...who.members, ...who.departments]
      .map((evaluator) => who.users.find((user) => user.id === evaluator.userId)!.email)
      .sort();
    expect(recipients('RANKING_REQUEST')).toEqual(evaluatorEmails);
    const partyGroup = who.members
      .map((member) => who.users.find((user) => user.id === member.userId)!.email)
      .sort();
    expect(recipients('APPROVAL_REQUEST')).toEqual([...partyGroup, ...partyGroup].sort()); // two rounds
    expect(received('APPROVAL_OUTCOME').length).toBeGreaterThanOrEqual(2);
    expect(recipients('RESULT_NOTICE_UNIT')).toEqual(everyUnit);
    expect(recipients('RESULT_NOTICE_PARTY_COMMITTEE')).toEqual(CODES.map(committeeEmail).sort());
    expect(recipients('CRITICISM_NOTICE')).toEqual(
      [committeeEmail('changhai'), unitEmail('changhai')].sort(),
    );
    expect(recipients('EXPLANATION_REMINDER')).toEqual([unitEmail('changhai'), unitEmail('changhai')]); // 3 days and 1 day before
    expect(received('EXPLANATION_OVERDUE_ESCALATION').length).toBeGreaterThanOrEqual(1);
    expect(recipients('EXPLANATION_RETURNED')).toEqual([unitEmail('changhai')]);
    expect(recipients('EXPLANATION_ACCEPTED')).toEqual([unitEmail('changhai')]);
    expect(recipients('FEEDBACK_REQUEST')).toEqual(everyUnit);
    expect(recipients('FEEDBACK_REMINDER')).toEqual([unitEmail('gaoxinqu'), unitEmail('gaoxinqu')]); // after 7 and 14 days
    expect(received('FEEDBACK_CONFIRMED').length).toBeGreaterThanOrEqual(14);
    expect(recipients('INCENTIVE_NOTICE')).toEqual(['jinpu', 'pulandian', 'zhongshan'].map(unitEmail).sort());
    const notice = received('RESULT_NOTICE_PARTY_COMMITTEE').find((message) =>
      message.to.includes(committeeEmail('changhai')),
    );
    expect(notice?.text).toContain('40.28');
    expect(notice?.text).toContain('不合格');
    const own = received('RESULT_NOTICE_UNIT').find((message) => message.to.includes(unitEmail('zhongshan')));
    expect(own?.text).toContain('101');

    // ----- The finished histories replay against the current workflow code (README: deploying) -----
    const histories = await cycleHistories(
      stack.env.client,
      cycleWorkflowIds(wf, await withFacts(stack.db, { ...cycle, engine: 2 }, finalStatus)),
    );
    // The cycle (its checkpoint rounds run inside it), two approval rounds, one explanation, 14 feedbacks.
    expect(histories).toHaveLength(1 + 2 + 1 + 14);
    expect(await replayFailures(histories)).toEqual([]);
    if (process.env.KAOHE_RECORD_HISTORIES === '1') saveHistories(histories, 'annual-cycle');
    // Typically 60-110 s; the margin is for a machine shared with other test runs.
  }, 240_000);
});

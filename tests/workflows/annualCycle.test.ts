// A whole year for the seeded federation (14 units in 3 categories), in time-skipping mode against
// real PostgreSQL and a real SMTP server (issue: annual cycle, test 1). Every rule exercised cites its
// article; expected totals are computed by hand in the comments.
import { startTestStack, type TestStack } from '../support/testStack';
import { actors, advanceTo, publishDemoCycle, DAY } from '../support/cycleDriver';
import {
  approvalRoundWorkflowId,
  castVoteUpdate,
  checkpointRoundWorkflowId,
  confirmFeedbackUpdate,
  cycleStatusQuery,
  editOpinionUpdate,
  explanationWorkflowId,
  feedbackWorkflowId,
  recordAdjustmentUpdate,
  recordDowngradeUpdate,
  recordFeedbackUpdate,
  reviewExplanationUpdate,
  submitCheckpointUpdate,
  submitExplanationUpdate,
  submitForApprovalUpdate,
  submitRankingUpdate,
  submitSelfCheckUpdate,
  verifyCheckpointsUpdate,
  verifyYearEndUpdate,
} from '../../workflows/contract';

// Completion fraction of every checkpoint and year-end result per unit: then c = f for every indicator
// (Art. 8, 11 "含过程"), so I = 100·f whatever the redistribution (Art. 12).
const FRACTION: Record<string, number> = {
  zhongshan: 1, xigang: 0.9, shahekou: 0.9, ganjingzi: 0.9, lvshunkou: 0.8,
  pulandian: 0.9, wafangdian: 0.9, zhuanghe: 0.9, changhai: 0.3,
  jinpu: 0.9, baoshuiqu: 0.9, gaoxinqu: 0.9, changxingdao: 0.9, huayuankou: 0.9,
};
// Every evaluator ranks in this order (Art. 13), so L = D = the rank score.
const ORDER: Record<string, string[]> = {
  URBAN: ['zhongshan', 'xigang', 'shahekou', 'ganjingzi', 'lvshunkou'],
  COUNTY: ['pulandian', 'wafangdian', 'zhuanghe', 'changhai'],
  PILOT: ['jinpu', 'baoshuiqu', 'gaoxinqu', 'changxingdao', 'huayuankou'],
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
    const { cycle, targets } = await publishDemoCycle(stack, 2027);
    const wf = cycle.workflowId;
    const who = await actors(stack.db);
    const units = await stack.db.unit.findMany({ include: { category: true } });
    const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
    const codeOf = (id: string) => units.find((unit) => unit.id === id)!.code;
    const checkpoints = await stack.db.checkpoint.findMany({ where: { cycleId: cycle.id }, include: { indicator: { include: { notUndertaken: true } } } });
    const indicators = await stack.db.indicator.findMany({ where: { cycleId: cycle.id }, include: { notUndertaken: true } });
    const undertakes = (indicator: { notUndertaken: { unitId: string }[] }, code: string) =>
      !indicator.notUndertaken.some((row) => row.unitId === unitId(code));
    const status = () => stack.env.client.workflow.getHandle(wf).query(cycleStatusQuery);
    await stack.inbox.waitFor(14, 30_000);
    expect((await status()).stage).toBe('CHECKPOINTS');

    // ----- Checkpoints (Art. 8): on time, late, missing -----
    const rounds = (await status()).rounds;
    expect(rounds).toHaveLength(2);
    const submit = async (roundKey: string, code: string) => {
      for (const checkpoint of checkpoints.filter((cp) => rounds.find((r) => r.key === roundKey)!.checkpointIds.includes(cp.id))) {
        if (!undertakes(checkpoint.indicator, code)) continue;
        await stack.cycles.update(checkpointRoundWorkflowId(wf, roundKey), submitCheckpointUpdate, {
          actor: who.unitActor(code),
          unitId: unitId(code),
          checkpointId: checkpoint.id,
          text: `${code} 完成情况说明`,
        });
      }
    };
    const onTimeUnits = Object.keys(FRACTION).filter((code) => code !== 'shahekou' && code !== 'changhai');
    for (const round of rounds) {
      for (const code of onTimeUnits) await submit(round.key, code);
      // Past the reminder (due - 3 days) and the due date: shahekou submits late, changhai never.
      await advanceTo(stack, Date.parse(round.dueAt) + DAY);
      await submit(round.key, 'shahekou');
    }
    const submissions = await stack.db.checkpointSubmission.findMany({ where: { checkpoint: { cycleId: cycle.id } } });
    const late = submissions.filter((row) => row.late).map((row) => codeOf(row.unitId));
    expect(new Set(late)).toEqual(new Set(['shahekou']));
    expect(submissions.some((row) => codeOf(row.unitId) === 'changhai')).toBe(false);

    // Commendations, criticisms (Art. 14, 15) and a downgrade (Art. 17) through the year.
    await stack.cycles.update(wf, recordAdjustmentUpdate, { actor: who.office, unitId: unitId('zhongshan'), kind: 'COMMENDATION_MAJOR', count: 1, issuedBy: '市委', note: '市委通报表扬' });
    await stack.cycles.update(wf, recordAdjustmentUpdate, { actor: who.office, unitId: unitId('lvshunkou'), kind: 'CRITICISM_MINOR', count: 1, issuedBy: '市总工会', note: '市总通报批评' });
    await stack.cycles.update(wf, recordDowngradeUpdate, { actor: who.office, unitId: unitId('xigang'), levels: 1, reason: 'FALSIFICATION', note: '考核材料弄虚作假' });

    // ----- Self-check (Art. 8) -----
    await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckOpensAt) + 1000);
    expect((await status()).stage).toBe('SELF_CHECK');
    for (const code of Object.keys(FRACTION)) {
      await stack.cycles.update(wf, submitSelfCheckUpdate, {
        actor: who.unitActor(code),
        unitId: unitId(code),
        items: indicators.filter((indicator) => undertakes(indicator, code)).map((indicator) => ({ indicatorId: indicator.id, selfFraction: 1, text: '已完成' })),
      });
    }

    // ----- Verification (Art. 8: 察访核验) -----
    await advanceTo(stack, Date.parse(targets.cycle.schedule.selfCheckDueAt) + 1000);
    expect((await status()).stage).toBe('VERIFICATION');
    for (const code of Object.keys(FRACTION)) {
      const f = FRACTION[code];
      await stack.cycles.update(wf, verifyCheckpointsUpdate, {
        actor: who.office,
        entries: checkpoints.filter((cp) => undertakes(cp.indicator, code)).map((cp) => ({ checkpointId: cp.id, unitId: unitId(code), fraction: f, method: 'ON_SITE' as const })),
      });
      await stack.cycles.update(wf, verifyYearEndUpdate, {
        actor: who.office,
        entries: indicators.filter((indicator) => undertakes(indicator, code)).map((indicator) => ({ indicatorId: indicator.id, unitId: unitId(code), fraction: f, method: 'DOCUMENT_REVIEW' as const })),
      });
    }

    // ----- Comprehensive evaluation (Art. 9, 13): every member and ranking department -----
    await advanceTo(stack, Date.parse(targets.cycle.schedule.verificationDueAt) + 1000);
    expect((await status()).stage).toBe('EVALUATION');
    const categories = await stack.db.category.findMany();
    for (const evaluator of [...who.members, ...who.departments]) {
      for (const category of categories) {
        await stack.cycles.update(wf, submitRankingUpdate, {
          actor: evaluator,
          kind: evaluator.role === 'DEPARTMENT' ? 'DEPARTMENT' : 'LEADER',
          categoryId: category.id,
          unitOrder: ORDER[category.code].map(unitId),
        });
      }
    }
    // Everyone ranked: the stage ends without waiting for its deadline, and scoring runs.
    await stack.env.sleep(1000);
    expect((await status()).stage).toBe('SCORING');

    // ----- Party-group approval (Art. 18): round 1 rejected, round 2 approved -----
    expect(await stack.cycles.update(wf, submitForApprovalUpdate, { actor: who.office })).toBe(1);
    await stack.cycles.update(approvalRoundWorkflowId(wf, 1), castVoteUpdate, { actor: who.leader, decision: 'REJECT', comment: '请补充庄河、长海两单位的评价意见' });
    await stack.env.sleep(1000);
    expect((await status()).stage).toBe('SCORING');
    await stack.cycles.update(wf, editOpinionUpdate, { actor: who.office, unitId: unitId('changhai'), opinion: '长海县总工会年度指标完成率偏低，需限期整改。' });
    expect(await stack.cycles.update(wf, submitForApprovalUpdate, { actor: who.office })).toBe(2);
    const approvers = [who.leader, ...who.members.filter((member) => member.userId !== who.leader.userId).slice(0, 2)];
    for (const voter of approvers) {
      await stack.cycles.update(approvalRoundWorkflowId(wf, 2), castVoteUpdate, { actor: voter, decision: 'APPROVE' });
    }
    await stack.env.sleep(1000);
    const rounds2 = await stack.db.approvalRound.findMany({ where: { cycleId: cycle.id }, include: { votes: true }, orderBy: { number: 'asc' } });
    expect(rounds2.map((round) => round.status)).toEqual(['REJECTED', 'APPROVED']);
    expect(rounds2[0].votes).toHaveLength(1);
    expect(rounds2[1].votes).toHaveLength(3);
    expect(rounds2[0].snapshotHash).not.toEqual(rounds2[1].snapshotHash); // the opinion changed

    // ----- Results (Art. 11-17): hand-computed totals -----
    const results = await stack.db.unitResult.findMany({ where: { cycleId: cycle.id } });
    const result = (code: string) => results.find((row) => row.unitId === unitId(code))!;
    // zhongshan: 0.85·100 + 0.10·100 + 0.05·100 + 1 (COMMENDATION_MAJOR) = 101
    expect(Number(result('zhongshan').total)).toBe(101);
    expect(result('zhongshan').finalGrade).toBe('GOOD');
    // xigang: 0.85·90 + 0.15·90 = 90 → GOOD, downgraded one level (Art. 17) → FAIRLY_GOOD
    expect(Number(result('xigang').total)).toBe(90);
    expect(result('xigang').scoreGrade).toBe('GOOD');
    expect(result('xigang').finalGrade).toBe('FAIRLY_GOOD');
    // lvshunkou: 0.85·80 + 0.15·60 − 1 (CRITICISM_MINOR) = 76 → PASS
    expect(Number(result('lvshunkou').total)).toBe(76);
    // wafangdian: rank 2 of 4 → 100 − 40/3 = 86.67; 76.5 + 0.15·86.666… = 89.5
    expect(Number(result('wafangdian').total)).toBe(89.5);
    // changhai: 0.85·30 + 0.15·60 = 34.5 < 60 → FAIL (Art. 16)
    expect(Number(result('changhai').total)).toBe(34.5);
    expect(result('changhai').finalGrade).toBe('FAIL');
    for (const [category, order] of Object.entries(ORDER)) {
      const ranked = [...order].sort((a, b) => result(a).categoryRank - result(b).categoryRank);
      expect({ category, ranked }).toEqual({ category, ranked: order });
    }

    // ----- Notification (Art. 18) and follow-up (Art. 19-21) -----
    await stack.env.sleep(1000);
    expect((await status()).stage).toBe('FOLLOW_UP');
    const followUpStart = await stack.env.currentTimeMs();
    for (const code of Object.keys(FRACTION)) {
      await stack.cycles.update(wf, recordFeedbackUpdate, { actor: who.leader, unitId: unitId(code), content: `${code}：年度考核结果反馈` });
    }
    for (const code of Object.keys(FRACTION).filter((code) => code !== 'gaoxinqu')) {
      await stack.cycles.update(feedbackWorkflowId(wf, unitId(code)), confirmFeedbackUpdate, { actor: who.unitActor(code), note: '已向干部职工反馈' });
    }
    // gaoxinqu confirms only after a weekly reminder; changhai's explanation is late (Art. 21).
    await advanceTo(stack, followUpStart + 16 * DAY);
    await stack.cycles.update(feedbackWorkflowId(wf, unitId('gaoxinqu')), confirmFeedbackUpdate, { actor: who.unitActor('gaoxinqu') });
    const explanationId = explanationWorkflowId(wf, unitId('changhai'));
    await stack.cycles.update(explanationId, submitExplanationUpdate, { actor: who.unitActor('changhai'), content: '关于2027年度考核不合格的书面说明（初稿）' });
    await stack.cycles.update(explanationId, reviewExplanationUpdate, { actor: who.office, decision: 'RETURN', comment: '请补充整改措施' });
    await stack.cycles.update(explanationId, submitExplanationUpdate, { actor: who.unitActor('changhai'), content: '关于2027年度考核不合格的书面说明（含整改措施）' });
    await stack.cycles.update(explanationId, reviewExplanationUpdate, { actor: who.office, decision: 'ACCEPT' });

    // ----- Close: the workflow completes and the read model says so -----
    await stack.env.client.workflow.getHandle(wf).result();
    const closed = await stack.db.cycle.findUniqueOrThrow({ where: { id: cycle.id } });
    expect(closed.stage).toBe('CLOSED');
    expect(closed.closedAt).not.toBeNull();
    const explanation = await stack.db.explanation.findFirstOrThrow({ where: { cycleId: cycle.id } });
    expect(explanation).toMatchObject({ status: 'ACCEPTED', revision: 2, late: true, escalations: 1 });
    const incentives = await stack.db.incentive.findMany({ where: { cycleId: cycle.id } });
    expect(incentives.map((row) => codeOf(row.unitId)).sort()).toEqual(['jinpu', 'pulandian', 'zhongshan']);

    // ----- Every email exactly once: outbox rows = SMTP messages, per event as the rules say -----
    const outbox = await stack.db.notification.findMany({ where: { cycleId: cycle.id } });
    expect(outbox.every((row) => row.status === 'SENT')).toBe(true);
    await stack.inbox.waitFor(outbox.length, 30_000);
    expect(stack.inbox.messages).toHaveLength(outbox.length);
    const count = (event: string) => outbox.filter((row) => row.event === event).length;
    expect(count('TARGETS_PUBLISHED')).toBe(14);
    // Reminders 3 days before each round go to the units that had not submitted: shahekou and changhai.
    expect(count('CHECKPOINT_REMINDER')).toBe(2 * 2);
    expect(count('CHECKPOINT_OVERDUE')).toBe(2 * 2);
    expect(count('RESULT_NOTICE_UNIT')).toBe(14);
    expect(count('RESULT_NOTICE_PARTY_COMMITTEE')).toBe(14);
    expect(count('CRITICISM_NOTICE')).toBe(2); // changhai and its party committee (Art. 21)
    expect(count('EXPLANATION_REMINDER')).toBe(2); // 3 days and 1 day before the deadline
    expect(count('EXPLANATION_OVERDUE_ESCALATION')).toBeGreaterThanOrEqual(1);
    expect(count('EXPLANATION_RETURNED')).toBe(1);
    expect(count('EXPLANATION_ACCEPTED')).toBe(1);
    expect(count('FEEDBACK_REQUEST')).toBe(14);
    expect(count('FEEDBACK_REMINDER')).toBe(2); // gaoxinqu, after 7 and 14 days
    expect(count('INCENTIVE_NOTICE')).toBe(3);
    const notice = stack.inbox.messages.find((message) => message.subject.includes('考核结果') && message.to.includes('committee@changhai.gov.example.org'));
    expect(notice?.text).toContain('34.5');
    expect(notice?.text).toContain('不合格');
  });
});

// A whole assessment year driven ONLY through the HTTP API (issue 5): every actor signs in and acts
// through /api, and the test reads results through /api (only the audit log is read from the database).
// Same scenario and hand-computed totals as
// tests/workflows/annualCycle.test.ts (Art. 8-21).
import {
  checkResponsesAgainst,
  startTestStack,
  signIn,
  type Session,
  type TestStack,
} from '../support/testStack';
import { responseContract } from '../support/responseContract';
import { publishDemoCycle } from '../support/cycleDriver';
import { DAY_MS } from '../../domain/cycle/deadlines';
import { minimalPdf } from '../support/evidenceFixtures';

const YEAR = 2031;
// Completion fraction of every checkpoint and year-end result per unit: c = f for every indicator
// (Art. 8, 11 "含过程"), so I = 100·f whatever the redistribution (Art. 12).
const FRACTION: Record<string, number> = {
  zhongshan: 1,
  xigang: 0.9,
  shahekou: 0.9,
  ganjingzi: 0.9,
  lvshunkou: 0.8,
  pulandian: 0.9,
  wafangdian: 0.9,
  zhuanghe: 0.9,
  changhai: 0.3,
  jinpu: 0.9,
  baoshuiqu: 0.9,
  gaoxinqu: 0.9,
  changxingdao: 0.9,
  huayuankou: 0.9,
};
// Every evaluator ranks in this order (Art. 13), so L = D = the rank score.
const ORDER: Record<string, string[]> = {
  URBAN: ['zhongshan', 'xigang', 'shahekou', 'ganjingzi', 'lvshunkou'],
  COUNTY: ['pulandian', 'wafangdian', 'zhuanghe', 'changhai'],
  PILOT: ['jinpu', 'baoshuiqu', 'gaoxinqu', 'changxingdao', 'huayuankou'],
};
const PDF = minimalPdf();

interface Target {
  unit: { id: string; code: string; categoryId: string };
  indicators: {
    id: string;
    code: string;
    effectiveWeight: number;
    checkpoints: { id: string; code: string }[];
  }[];
  notUndertaken: { code: string }[];
}

const expectStatus = (response: { status: number; body: unknown }, status: number) =>
  expect({ status: response.status, body: response.body }).toMatchObject({ status });

// Issue 11: the same year also runs on the embedded Temporal server that `npm start` and production use
// (its per-execution limits, no time skipping): every stage here is advanced by hand through HTTP.
describe.each(['time-skipping', 'real'] as const)('a whole year through HTTP only (%s server)', (server) => {
  let stack: TestStack;
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await signIn(stack.app, username));
    return sessions.get(username)!;
  };
  // Issue 12 §4: every response of the year is checked against the OpenAPI document (status and body).
  const contract = responseContract();
  beforeAll(async () => {
    stack = await startTestStack({ server });
    checkResponsesAgainst(contract);
  });
  afterAll(async () => {
    checkResponsesAgainst(undefined);
    await stack?.teardown();
  });

  test('targets → checkpoints with evidence → self-check → verification → rankings → scoring → approval (rejected, then approved) → results → feedback, incentive, explanation → closed', async () => {
    const base = `/api/cycles/${YEAR}`;
    // The office creates and publishes the cycle through HTTP (cycle, indicators, publish).
    const { targets: demo } = await publishDemoCycle(stack, YEAR);
    const office = await as('office1');
    const status = async () => (await office.get(`${base}/status`).expect(200)).body.status;
    const waitFor = async (what: string, check: () => Promise<boolean>) => {
      const deadline = Date.now() + 60_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await waitFor('stage CHECKPOINTS', async () => (await status()).stage === 'CHECKPOINTS');

    // ----- Targets (Art. 8, 12): each unit its own list, weights redistributed -----
    const targets: Target[] = (await office.get(`${base}/targets`).expect(200)).body.targets;
    expect(targets).toHaveLength(14);
    const unitId = (code: string) => targets.find((target) => target.unit.code === code)!.unit.id;
    const targetOf = (code: string) => targets.find((target) => target.unit.code === code)!;
    const zhongshan = await as('unit-zhongshan');
    const own = await zhongshan.get(`${base}/targets`).expect(200);
    expect(own.body.targets).toHaveLength(1);
    expect(own.body.targets[0].unit.code).toBe('zhongshan');
    expect(own.body.targets[0].notUndertaken.length).toBeGreaterThan(0);
    const weightSum = own.body.targets[0].indicators.reduce(
      (sum: number, indicator: Target['indicators'][number]) => sum + indicator.effectiveWeight,
      0,
    );
    expect(weightSum).toBeCloseTo(100, 6);
    expectStatus(await zhongshan.get(`${base}/targets?unitId=${unitId('xigang')}`), 403);

    // ----- Checkpoints (Art. 8): every unit but changhai and shahekou on time; one with a PDF -----
    const rounds: { key: string; checkpointIds: string[] }[] = (await status()).rounds;
    expect(rounds).toHaveLength(2);
    const upload = await zhongshan.agent
      .post(`${base}/evidence`)
      .set('x-csrf-token', zhongshan.csrf)
      .field('unitId', unitId('zhongshan'))
      .attach('file', PDF, { filename: '上半年证明材料.pdf', contentType: 'application/pdf' });
    expectStatus(upload, 201);
    const evidenceId: string = upload.body.evidence.id;
    let firstSubmission = '';
    const submitRound = async (roundKey: string, code: string, expectLate: boolean) => {
      const session = await as(`unit-${code}`);
      const round = rounds.find((candidate) => candidate.key === roundKey)!;
      for (const indicator of targetOf(code).indicators) {
        for (const checkpoint of indicator.checkpoints.filter((cp) => round.checkpointIds.includes(cp.id))) {
          const withFile = code === 'zhongshan' && !firstSubmission;
          const response = await session.post(`${base}/checkpoints/${checkpoint.id}/submissions`, {
            unitId: unitId(code),
            text: `${code} ${checkpoint.code} 完成情况说明`,
            evidenceIds: withFile ? [evidenceId] : [],
          });
          expectStatus(response, 201);
          expect(response.body.submission.late).toBe(expectLate);
          if (withFile) firstSubmission = response.body.submission.id;
        }
      }
    };
    const onTime = Object.keys(FRACTION).filter((code) => code !== 'shahekou' && code !== 'changhai');
    for (const round of rounds) for (const code of onTime) await submitRound(round.key, code, false);

    // Commendations, criticisms (Art. 14, 15) and a downgrade (Art. 17) through the year.
    expectStatus(
      await office.post(`${base}/adjustments`, {
        unitId: unitId('zhongshan'),
        kind: 'COMMENDATION_MAJOR',
        count: 1,
        issuedBy: '市委',
        note: '市委通报表扬',
      }),
      201,
    );
    expectStatus(
      await office.post(`${base}/adjustments`, {
        unitId: unitId('lvshunkou'),
        kind: 'CRITICISM_MINOR',
        count: 1,
        issuedBy: '市总工会',
        note: '市总通报批评',
      }),
      201,
    );
    expectStatus(
      await office.post(`${base}/downgrades`, {
        unitId: unitId('xigang'),
        levels: 1,
        reason: 'FALSIFICATION',
        note: '考核材料弄虚作假',
      }),
      201,
    );

    // The office closes the checkpoints early; shahekou's submissions are then kept but flagged late.
    expect(
      (
        await office
          .post(`${base}/stage/advance`, { from: 'CHECKPOINTS', note: '节点材料已收齐' })
          .expect(200)
      ).body.stage,
    ).toBe('SELF_CHECK');
    for (const round of rounds) await submitRound(round.key, 'shahekou', true);
    const submissions = (await office.get(`${base}/submissions`).expect(200)).body.submissions as {
      unitId: string;
      late: boolean;
      evidence: { id: string; sha256: string }[];
    }[];
    expect(new Set(submissions.filter((row) => row.late).map((row) => row.unitId))).toEqual(
      new Set([unitId('shahekou')]),
    );
    expect(submissions.some((row) => row.unitId === unitId('changhai'))).toBe(false);
    const withEvidence = submissions.filter((row) => row.evidence.length > 0);
    expect(withEvidence).toHaveLength(1);
    expect(withEvidence[0].evidence[0].id).toBe(evidenceId);
    // A unit sees only its own submissions.
    const mine = (await zhongshan.get(`${base}/submissions`).expect(200)).body.submissions as {
      unitId: string;
    }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((row) => row.unitId === unitId('zhongshan'))).toBe(true);

    // ----- Self-check (Art. 8) -----
    for (const code of Object.keys(FRACTION)) {
      const session = await as(`unit-${code}`);
      const response = await session.post(`${base}/self-checks`, {
        unitId: unitId(code),
        items: targetOf(code).indicators.map((indicator) => ({
          indicatorId: indicator.id,
          selfFraction: 1,
          text: '已完成',
        })),
      });
      expectStatus(response, 201);
    }
    // The office extends the self-check by five days, with a reason (kept in the read model).
    const extended = new Date(Date.parse(demo.cycle.schedule.selfCheckDueAt) + 5 * DAY_MS).toISOString();
    const extension = await office.post(`${base}/deadlines`, {
      target: 'SELF_CHECK',
      newDueAt: extended,
      reason: '部分单位申请延期',
    });
    expectStatus(extension, 200);
    expect((await status()).deadlines.selfCheckDueAt).toBe(extended);
    expect((await office.post(`${base}/stage/advance`, { from: 'SELF_CHECK' }).expect(200)).body.stage).toBe(
      'VERIFICATION',
    );

    // ----- Verification (Art. 8: 察访核验), one call for checkpoints and one for year-end -----
    const checkpointEntries = Object.keys(FRACTION).flatMap((code) =>
      targetOf(code).indicators.flatMap((indicator) =>
        indicator.checkpoints.map((checkpoint) => ({
          checkpointId: checkpoint.id,
          unitId: unitId(code),
          fraction: FRACTION[code],
          method: 'ON_SITE',
        })),
      ),
    );
    const yearEndEntries = Object.keys(FRACTION).flatMap((code) =>
      targetOf(code).indicators.map((indicator) => ({
        indicatorId: indicator.id,
        unitId: unitId(code),
        fraction: FRACTION[code],
      })),
    );
    expect(
      (await office.post(`${base}/verifications/checkpoints`, { entries: checkpointEntries }).expect(200))
        .body.recorded,
    ).toBe(checkpointEntries.length);
    expect(
      (await office.post(`${base}/verifications/year-end`, { entries: yearEndEntries }).expect(200)).body
        .recorded,
    ).toBe(yearEndEntries.length);
    const verified = (await office.get(`${base}/verifications`).expect(200)).body;
    const judged = verified.checkpoints.find(
      (row: { unitId: string; evidenceJudged: { id: string }[] }) => row.evidenceJudged.length > 0,
    );
    expect(judged.evidenceJudged[0].id).toBe(evidenceId); // the evidence version judged is recorded
    expect(
      (await office.post(`${base}/stage/advance`, { from: 'VERIFICATION' }).expect(200)).body.stage,
    ).toBe('EVALUATION');

    // ----- Comprehensive evaluation (Art. 9, 13): the leader, a member and a department rank -----
    const categories = (await office.get('/api/categories').expect(200)).body.categories as {
      id: string;
      code: string;
    }[];
    for (const [username, kind] of [
      ['leader', 'LEADER'],
      ['member1', 'LEADER'],
      ['dept-research', 'DEPARTMENT'],
    ] as const) {
      const evaluator = await as(username);
      for (const category of categories) {
        const response = await evaluator.post(`${base}/rankings`, {
          kind,
          categoryId: category.id,
          unitOrder: ORDER[category.code].map(unitId),
        });
        expectStatus(response, 200);
      }
    }
    const leaderOwn = (await (await as('leader')).get(`${base}/rankings`).expect(200)).body.rankings;
    expect(leaderOwn).toHaveLength(categories.length);
    expect((await office.get(`${base}/rankings`).expect(200)).body.rankings).toHaveLength(
      3 * categories.length,
    );
    expect((await office.post(`${base}/stage/advance`, { from: 'EVALUATION' }).expect(200)).body.stage).toBe(
      'SCORING',
    );
    await waitFor(
      '14 scored results',
      async () => (await office.get(`${base}/results`).expect(200)).body.results.length === 14,
    );

    // Not yet published: a unit sees no results (Art. 18).
    expectStatus(await zhongshan.get(`${base}/results`), 403);
    expectStatus(await zhongshan.get(`${base}/results/${unitId('zhongshan')}`), 403);
    // The preview scores the stored inputs exactly as the workflow did, and stores nothing.
    const stored = (await office.get(`${base}/results`).expect(200)).body.results as {
      unitId: string;
      total: number;
    }[];
    const preview = (await office.post(`${base}/scoring/preview`, {}).expect(200)).body.units as {
      id: string;
      total: number;
    }[];
    for (const row of stored) expect(preview.find((unit) => unit.id === row.unitId)!.total).toBe(row.total);
    // With another grades table the preview differs, and the stored results do not move.
    const stricter = (
      await office
        .post(`${base}/scoring/preview`, { config: { grades: { good: 95, fairlyGood: 85, pass: 60 } } })
        .expect(200)
    ).body.units as { id: string; scoreGrade: string }[];
    expect(stricter.find((unit) => unit.id === unitId('xigang'))!.scoreGrade).toBe('FAIRLY_GOOD'); // 90 < 95
    expect((await office.get(`${base}/results/${unitId('xigang')}`).expect(200)).body.result.scoreGrade).toBe(
      'GOOD',
    );

    // ----- Party-group approval (Art. 18): round 1 rejected, round 2 approved -----
    expect((await office.post(`${base}/approval/submit`).expect(201)).body.round.number).toBe(1);
    const leader = await as('leader');
    expectStatus(
      await leader.post(`${base}/approval/rounds/1/votes`, {
        decision: 'REJECT',
        comment: '请补充长海县的评价意见',
      }),
      201,
    );
    await waitFor('back to SCORING', async () => {
      const current = await status();
      return current.stage === 'SCORING' && !current.approvalOpen;
    });
    expectStatus(
      await office.put(`${base}/results/${unitId('changhai')}/opinion`, {
        opinion: '长海县总工会年度指标完成率偏低，需限期整改。',
      }),
      200,
    );
    // Rescoring keeps the opinion the office edited (Art. 10).
    expect((await office.post(`${base}/rescore`).expect(200)).body.rescored).toBe(14);
    // Art. 23: the rescore is on record under the office member who asked for it.
    const lastScoring = await stack.db.auditLog.findFirst({
      where: { action: 'cycle.score' },
      orderBy: { id: 'desc' },
    });
    expect(lastScoring).toMatchObject({ actorId: office.userId, actorRole: 'OFFICE' });
    expect((await office.get(`${base}/results/${unitId('changhai')}`).expect(200)).body.result).toMatchObject(
      { opinionEdited: true, total: 34.5 },
    );
    expect((await office.post(`${base}/approval/submit`).expect(201)).body.round.number).toBe(2);
    expectStatus(await leader.post(`${base}/approval/rounds/2/votes`, { decision: 'APPROVE' }), 201);
    const member1 = await as('member1');
    expect(
      (await member1.post(`${base}/approval/rounds/2/votes`, { decision: 'APPROVE' }).expect(201)).body
        .outcome,
    ).toBe('PENDING');
    const twice = await member1.post(`${base}/approval/rounds/2/votes`, { decision: 'APPROVE' });
    expectStatus(twice, 409);
    expect(twice.body.error.code).toBe('ALREADY_VOTED');
    expect(
      (
        await (
          await as('member2')
        )
          .post(`${base}/approval/rounds/2/votes`, { decision: 'APPROVE' })
          .expect(201)
      ).body.outcome,
    ).toBe('APPROVED');

    // ----- Published: units see the results, their own breakdown, not others' -----
    await waitFor('FOLLOW_UP', async () => (await status()).stage === 'FOLLOW_UP');
    const approvalRounds = (await office.get(`${base}/approval/rounds`).expect(200)).body.rounds as {
      status: string;
      votes: unknown[];
      snapshotHash: string;
    }[];
    expect(approvalRounds.map((round) => round.status)).toEqual(['REJECTED', 'APPROVED']);
    expect(approvalRounds.map((round) => round.votes.length)).toEqual([1, 3]);
    expect(approvalRounds[0].snapshotHash).not.toEqual(approvalRounds[1].snapshotHash); // the opinion changed
    // A unit sees the other units only as the result notice lists them (Art. 18): rank, name, total, grade.
    const seenByUnit = (await zhongshan.get(`${base}/results`).expect(200)).body.results as {
      unitId: string;
      scoreGrade?: string;
    }[];
    const other = seenByUnit.find((row) => row.unitId === unitId('xigang'))!;
    expect(other).toMatchObject({ total: 90, finalGrade: 'FAIRLY_GOOD', categoryRank: expect.any(Number) });
    expect(other.scoreGrade).toBeUndefined();
    expect(seenByUnit.find((row) => row.unitId === unitId('zhongshan'))!.scoreGrade).toBe('GOOD');
    const results = (await (await as('office1')).get(`${base}/results`).expect(200)).body.results as {
      unitId: string;
      total: number;
      finalGrade: string;
      scoreGrade: string;
      categoryRank: number;
    }[];
    const result = (code: string) => results.find((row) => row.unitId === unitId(code))!;
    expect(result('zhongshan')).toMatchObject({ total: 101, finalGrade: 'GOOD' }); // 0.85·100 + 0.15·100 + 1
    expect(result('xigang')).toMatchObject({ total: 90, scoreGrade: 'GOOD', finalGrade: 'FAIRLY_GOOD' }); // downgraded (Art. 17)
    expect(result('lvshunkou').total).toBe(76); // 0.85·80 + 0.15·60 − 1
    expect(result('wafangdian').total).toBe(89.5); // 76.5 + 0.15·(100 − 40/3)
    expect(result('changhai')).toMatchObject({ total: 34.5, finalGrade: 'FAIL' }); // < 60 (Art. 16)
    for (const order of Object.values(ORDER)) {
      expect([...order].sort((a, b) => result(a).categoryRank - result(b).categoryRank)).toEqual(order);
    }
    const breakdown = (await zhongshan.get(`${base}/results/${unitId('zhongshan')}`).expect(200)).body.result;
    expect(breakdown.total).toBe(101);
    expect(breakdown.breakdown).toBeTruthy();
    expectStatus(await zhongshan.get(`${base}/results/${unitId('xigang')}`), 403);
    const changhai = await as('unit-changhai');
    expect(
      (await changhai.get(`${base}/results/${unitId('changhai')}`).expect(200)).body.result.opinion,
    ).toContain('限期整改');

    // ----- Follow-up (Art. 19-21) -----
    for (const code of Object.keys(FRACTION)) {
      expectStatus(
        await leader.post(`${base}/feedback/${unitId(code)}`, { content: `${code}：年度考核结果反馈` }),
        201,
      );
    }
    // Issue 12 §3: feedback is recorded once per unit; a second one is a DUPLICATE (not CLOSED).
    const again = await leader.post(`${base}/feedback/${unitId('zhongshan')}`, { content: '再次反馈' });
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'DUPLICATE' });
    expectStatus(
      await office.post(`${base}/incentives`, {
        unitId: unitId('zhongshan'),
        kind: 'RECOGNITION_AND_REWARD',
        amount: 50000,
        note: '以奖代补',
      }),
      201,
    );
    const incentives = (await office.get(`${base}/incentives`).expect(200)).body.incentives as {
      unitId: string;
      kind: string;
      amount: number | null;
    }[];
    expect(incentives.find((row) => row.unitId === unitId('zhongshan'))).toMatchObject({
      kind: 'RECOGNITION_AND_REWARD',
      amount: 50000,
    });
    // A unit that did not fail owes no explanation: the workflow refuses, and the API audits the denial.
    const deniedBefore = await stack.db.auditLog.count({
      where: { actorId: zhongshan.userId, outcome: 'DENIED' },
    });
    const notOwed = await zhongshan.post(`${base}/explanations/${unitId('zhongshan')}`, {
      content: '无需说明',
    });
    expectStatus(notOwed, 403);
    expect(notOwed.body.error.message).toContain('Art. 21');
    expect(await stack.db.auditLog.count({ where: { actorId: zhongshan.userId, outcome: 'DENIED' } })).toBe(
      deniedBefore + 1,
    );
    // Issue 12 §3: the follow-up cannot be closed by hand, and the refusal says what is missing.
    const early = await office.post(`${base}/stage/advance`, { from: 'FOLLOW_UP' });
    expect({ status: early.status, code: early.body.error.code }).toEqual({
      status: 409,
      code: 'CONDITIONS_NOT_MET',
    });
    expect(early.body.error.message).toContain('1 explanation not yet accepted: 长海县总工会');
    expect(early.body.error.message).toContain('14 units yet to confirm their feedback');
    // Only the failing unit writes an explanation; the office returns it once, then accepts it.
    const explanationFile = await changhai.agent
      .post(`${base}/evidence`)
      .set('x-csrf-token', changhai.csrf)
      .field('unitId', unitId('changhai'))
      .attach('file', PDF, { filename: '整改措施.pdf', contentType: 'application/pdf' });
    expectStatus(explanationFile, 201);
    expectStatus(
      await changhai.post(`${base}/explanations/${unitId('changhai')}`, {
        content: '关于年度考核不合格的书面说明（初稿）',
      }),
      201,
    );
    expectStatus(
      await office.post(`${base}/explanations/${unitId('changhai')}/review`, {
        decision: 'RETURN',
        comment: '请补充整改措施',
      }),
      200,
    );
    expectStatus(
      await changhai.post(`${base}/explanations/${unitId('changhai')}`, {
        content: '关于年度考核不合格的书面说明（含整改措施）',
        evidenceIds: [explanationFile.body.evidence.id],
      }),
      201,
    );
    expectStatus(
      await office.post(`${base}/explanations/${unitId('changhai')}/review`, { decision: 'ACCEPT' }),
      200,
    );
    const explanations = (await changhai.get(`${base}/explanations`).expect(200)).body.explanations;
    expect(explanations).toHaveLength(1);
    expect(explanations[0]).toMatchObject({ status: 'ACCEPTED', revision: 2 });
    expect(explanations[0].evidence.map((file: { id: string }) => file.id)).toEqual([
      explanationFile.body.evidence.id,
    ]);
    for (const code of Object.keys(FRACTION)) {
      const session = await as(`unit-${code}`);
      expectStatus(
        await session.post(`${base}/feedback/${unitId(code)}/confirm`, { note: '已向干部职工反馈' }),
        200,
      );
    }

    // ----- Closed: feedback confirmed and the explanation accepted (SPEC §2.13) -----
    await waitFor('CLOSED', async () => (await office.get(base).expect(200)).body.cycle.stage === 'CLOSED');
    const feedback = (await office.get(`${base}/feedback`).expect(200)).body.feedback as {
      confirmedAt: string | null;
    }[];
    expect(feedback).toHaveLength(14);
    expect(feedback.every((row) => row.confirmedAt)).toBe(true);
    // Results stay readable and immutable after close.
    expect((await zhongshan.get(`${base}/results`).expect(200)).body.results).toHaveLength(14);
    const late = await office.post(`${base}/adjustments`, {
      unitId: unitId('zhongshan'),
      kind: 'COMMENDATION_MINOR',
      issuedBy: '市总工会',
      note: '迟到的表扬',
    });
    expectStatus(late, 409);
    // Issue 12 §3: after close every action says CLOSED, as evidence does.
    expect(late.body.error.code).toBe('CLOSED');
    // Issue 12 §4: every response above had a documented status, and its body the documented shape.
    expect(contract.problems()).toEqual([]);
    expect(contract.checked().responses).toBeGreaterThan(100);
  });
});

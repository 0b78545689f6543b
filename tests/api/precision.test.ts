// One precision policy for every number entered (domain/precision.ts), through the HTTP API: a number
// finer than its kind allows is refused with a 400 naming the field and the allowed precision, never
// rounded; a number within the policy is stored and read back exactly; so a unit whose inputs, as
// entered, total 59.9949 is FAIL (59.99, Art. 16) in the cycle and in what-if alike. On the way, the
// status route and the dashboard agree on closed rounds (one read model).
import { startTestStack, signIn, type Session, type TestStack } from '../support/testStack';
import { publishDemoCycle } from '../support/cycleDriver';
import { loadScoringInput } from '../../activities/scoringInput';

const YEAR = 2035;
const base = `/api/cycles/${YEAR}`;

interface Target {
  unit: { id: string; code: string };
  indicators: { id: string; code: string; checkpoints: { id: string; code: string }[] }[];
}
interface Refusal {
  status: number;
  body: { error: { code: string; message: string; fields?: Record<string, string> } };
}

/** A 400 whose fields name `field` with the allowed places, in Chinese and in English. */
function expectPrecisionRefusal(response: Refusal, field: string, places: number, value: number) {
  expect({ status: response.status, code: response.body.error?.code }).toEqual({
    status: 400,
    code: 'BAD_REQUEST',
  });
  expect(response.body.error.fields?.[field]).toBe(
    `最多保留 ${places} 位小数，收到 ${value}（不作四舍五入） / at most ${places} decimal places, received ${value} (never rounded)`,
  );
  expect(response.body.error.message).toContain(field);
}

describe('one precision policy for every number entered (Art. 16)', () => {
  let stack: TestStack;
  let office: Session;
  let targets: Target[];
  const unitId = (code: string) => targets.find((target) => target.unit.code === code)!.unit.id;
  const status = async () => (await office.get(`${base}/status`).expect(200)).body.status;
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    stack = await startTestStack();
    await publishDemoCycle(stack, YEAR);
    office = await signIn(stack.app, 'office1');
    await waitFor('stage CHECKPOINTS', async () => (await status()).stage === 'CHECKPOINTS');
    targets = (await office.get(`${base}/targets`).expect(200)).body.targets;
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('a number finer than its kind allows is refused with 400 naming the field, and nothing is stored', async () => {
    const target = targets.find((candidate) => candidate.unit.code === 'lvshunkou')!;
    const indicator = target.indicators.find((candidate) => candidate.checkpoints.length > 0)!;
    expectPrecisionRefusal(
      await office.post(`${base}/verifications/year-end`, {
        entries: [{ indicatorId: indicator.id, unitId: target.unit.id, fraction: 0.12345 }],
      }),
      'entries.0.fraction',
      4,
      0.12345,
    );
    expectPrecisionRefusal(
      await office.post(`${base}/verifications/checkpoints`, {
        entries: [
          { checkpointId: indicator.checkpoints[0].id, unitId: target.unit.id, fraction: 1 },
          { checkpointId: indicator.checkpoints[1].id, unitId: target.unit.id, fraction: 0.99999 },
        ],
      }),
      'entries.1.fraction',
      4,
      0.99999,
    );
    expectPrecisionRefusal(
      await office.post(`${base}/third-party-scores`, {
        scores: [
          { unitId: unitId('lvshunkou'), score: 41.325 },
          { unitId: unitId('changhai'), score: 56.35 },
        ],
      }),
      'scores.0.score',
      2,
      41.325,
    );
    const unit = await signIn(stack.app, 'unit-lvshunkou');
    expectPrecisionRefusal(
      await unit.post(`${base}/self-checks`, {
        unitId: target.unit.id,
        items: [{ indicatorId: indicator.id, selfFraction: 0.12345, text: '已完成' }],
      }),
      'items.0.selfFraction',
      4,
      0.12345,
    );
    expectPrecisionRefusal(
      await office.post(`${base}/incentives`, {
        unitId: target.unit.id,
        kind: 'RECOGNITION_AND_REWARD',
        amount: 50000.005,
      }),
      'amount',
      2,
      50000.005,
    );
    // Weights, shares and the scoring configuration of a cycle not yet published (Art. 8, 11, 12).
    const next = YEAR + 1;
    const draft = {
      year: next,
      scoringConfig: { groupWeights: { KEY_TASK: 79.99999, INSTRUCTION: 10, MEETING: 10.00001 } },
      schedule: {
        selfCheckOpensAt: '2036-09-01T00:00:00.000Z',
        selfCheckDueAt: '2036-09-15T00:00:00.000Z',
        verificationDueAt: '2036-10-15T00:00:00.000Z',
        evaluationDueAt: '2036-11-15T00:00:00.000Z',
      },
    };
    const refusedConfig = await office.post('/api/cycles', draft);
    expect(refusedConfig.status).toBe(400);
    expect(refusedConfig.body.error.fields?.['scoringConfig.groupWeights.KEY_TASK']).toMatch(
      /at most 4 decimal places, received 79\.99999/,
    );
    expect(await stack.db.cycle.count({ where: { year: next } })).toBe(0);
    await office.post('/api/cycles', { ...draft, scoringConfig: undefined }).expect(201);
    const indicatorBody = {
      code: 'K1',
      name: '工会组建',
      group: 'KEY_TASK',
      weight: 33.33333,
      checkpoints: [{ code: 'K1-R1', name: '上半年', dueAt: '2036-06-30T00:00:00.000Z', share: 0.33333 }],
    };
    const refusedIndicator = await office.post(`/api/cycles/${next}/indicators`, indicatorBody);
    expectPrecisionRefusal(refusedIndicator, 'weight', 4, 33.33333);
    expect(refusedIndicator.body.error.fields?.['checkpoints.0.share']).toMatch(/at most 4 decimal places/);
    // Exactly the allowed precision is stored as entered and read back identical.
    await office
      .post(`/api/cycles/${next}/indicators`, {
        ...indicatorBody,
        weight: 33.3333,
        checkpoints: [{ ...indicatorBody.checkpoints[0], share: 0.3333 }],
      })
      .expect(201);
    const stored = await stack.db.indicator.findFirstOrThrow({
      where: { cycle: { year: next }, code: 'K1' },
      include: { checkpoints: true },
    });
    expect([Number(stored.weight), Number(stored.checkpoints[0].share)]).toEqual([33.3333, 0.3333]);
    // What-if and `npm run score` apply the same policy (the CLI: tests/domain/scoring/scoringInvalid).
    const whatIf = await office.post('/api/scoring/what-if', {
      units: [{ id: 'a', name: 'A', category: 'X' }],
      indicators: [
        { id: 'K', name: 'K', group: 'KEY_TASK', weight: 80 },
        { id: 'I', name: 'I', group: 'INSTRUCTION', weight: 10 },
        { id: 'M', name: 'M', group: 'MEETING', weight: 10 },
      ],
      results: { a: { K: { yearEnd: 0.12345 } } },
      rankings: {
        leaders: [{ evaluator: 'l', order: { X: ['a'] } }],
        departments: [{ evaluator: 'd', order: { X: ['a'] } }],
      },
    });
    expect(whatIf.status).toBe(400);
    expect(whatIf.body.error.fields['results.a.K.yearEnd']).toMatch(
      /at most 4 decimal places, received 0\.12345/,
    );
    // Issue 12 §3: a denial is audited with its cycle, so the cycle's audit filter shows it.
    const denied = await unit.post(`${base}/verifications/year-end`, {
      entries: [{ indicatorId: indicator.id, unitId: target.unit.id, fraction: 1 }],
    });
    expect({ status: denied.status, code: denied.body.error.code }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    const audit = (await office.get(`/api/audit?cycleYear=${YEAR}&outcome=DENIED`).expect(200)).body
      .entries as {
      actorId: string;
      action: string;
    }[];
    expect(
      audit.some((entry) => entry.actorId === unit.userId && entry.action.includes('verifications/year-end')),
    ).toBe(true);
    // Nothing of the refused requests reached the cycle.
    const verifications = (await office.get(`${base}/verifications`).expect(200)).body;
    expect([verifications.checkpoints.length, verifications.yearEnd.length]).toEqual([0, 0]);
  });

  // Issue 12 §3: one source for whether a round is closed (the read model), on the status and the dashboard.
  test('after the office closes the checkpoints by hand, the status and the dashboard both say every round is closed', async () => {
    const before = await status();
    expect(before.rounds.map((round: { closed: boolean }) => round.closed)).toEqual([false, false]);
    await office.post(`${base}/stage/advance`, { from: 'CHECKPOINTS', note: '节点材料已收齐' }).expect(200);
    await waitFor('SELF_CHECK', async () => (await status()).stage === 'SELF_CHECK');
    const after = await status();
    const dashboard = (await office.get(`${base}/dashboard`).expect(200)).body;
    expect(after.rounds.map((round: { key: string; closed: boolean }) => [round.key, round.closed])).toEqual(
      dashboard.checkpointRounds.map((round: { key: string; closed: boolean }) => [round.key, true]),
    );
    expect(dashboard.checkpointRounds.every((round: { closed: boolean }) => round.closed)).toBe(true);
    // The rounds' due dates are still ahead: only the stage closed them.
    expect(after.rounds.every((round: { dueAt: string }) => Date.parse(round.dueAt) > Date.now())).toBe(true);
  });

  test('inputs as entered totalling 59.9949 are FAIL (59.99) in the cycle and in what-if; 60.00 is PASS', async () => {
    await office.post(`${base}/stage/advance`, { from: 'SELF_CHECK' }).expect(200);
    await waitFor('VERIFICATION', async () => (await status()).stage === 'VERIFICATION');

    // Every completion 0.6 (I = 60), but lvshunkou's I1 (weight 10, no checkpoints) 0.5994:
    // I = 60 − 10 × 0.0006 = 59.994, so 0.85 × 59.994 = 50.9949; ranked last of URBAN's five and
    // changhai last of COUNTY's four, both score 60 in the rankings, 9 comprehensive points (Art. 13).
    const fractionOf = (code: string, indicatorCode: string) =>
      code === 'lvshunkou' && indicatorCode === 'I1' ? 0.5994 : 0.6;
    const checkpointEntries = targets.flatMap((target) =>
      target.indicators.flatMap((indicator) =>
        indicator.checkpoints.map((checkpoint) => ({
          checkpointId: checkpoint.id,
          unitId: target.unit.id,
          fraction: fractionOf(target.unit.code, indicator.code),
        })),
      ),
    );
    const yearEndEntries = targets.flatMap((target) =>
      target.indicators.map((indicator) => ({
        indicatorId: indicator.id,
        unitId: target.unit.id,
        fraction: fractionOf(target.unit.code, indicator.code),
      })),
    );
    await office.post(`${base}/verifications/checkpoints`, { entries: checkpointEntries }).expect(200);
    await office.post(`${base}/verifications/year-end`, { entries: yearEndEntries }).expect(200);
    const i1 = targets
      .find((target) => target.unit.code === 'lvshunkou')!
      .indicators.find((indicator) => indicator.code === 'I1')!;
    const readBack = (await office.get(`${base}/verifications?unitId=${unitId('lvshunkou')}`).expect(200))
      .body.yearEnd as { indicatorId: string; fraction: number }[];
    expect(readBack.find((row) => row.indicatorId === i1.id)!.fraction).toBe(0.5994);
    await office.post(`${base}/stage/advance`, { from: 'VERIFICATION' }).expect(200);
    await waitFor('EVALUATION', async () => (await status()).stage === 'EVALUATION');

    const categories = (await office.get('/api/categories').expect(200)).body.categories as {
      id: string;
      code: string;
    }[];
    const order: Record<string, string[]> = {
      URBAN: ['zhongshan', 'xigang', 'shahekou', 'ganjingzi', 'lvshunkou'],
      COUNTY: ['pulandian', 'wafangdian', 'zhuanghe', 'changhai'],
      PILOT: ['jinpu', 'baoshuiqu', 'gaoxinqu', 'changxingdao', 'huayuankou'],
    };
    // Issue 12 §3: a ranking that misses a unit breaks an input rule (Art. 13): BAD_REQUEST, like any other.
    const leaderSession = await signIn(stack.app, 'leader');
    const urban = categories.find((category) => category.code === 'URBAN')!;
    const incomplete = await leaderSession.post(`${base}/rankings`, {
      kind: 'LEADER',
      categoryId: urban.id,
      unitOrder: order.URBAN.slice(1).map(unitId),
    });
    expect({ status: incomplete.status, code: incomplete.body.error.code }).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
    });
    for (const [username, kind] of [
      ['leader', 'LEADER'],
      ['dept-research', 'DEPARTMENT'],
    ] as const) {
      const evaluator = await signIn(stack.app, username);
      for (const category of categories)
        await evaluator
          .post(`${base}/rankings`, {
            kind,
            categoryId: category.id,
            unitOrder: order[category.code].map(unitId),
          })
          .expect(200);
    }
    await office.post(`${base}/stage/advance`, { from: 'EVALUATION' }).expect(200);
    await waitFor(
      '14 scored results',
      async () => (await office.get(`${base}/results`).expect(200)).body.results.length === 14,
    );
    const results = (await office.get(`${base}/results`).expect(200)).body.results as {
      unitId: string;
      total: number;
      scoreGrade: string;
    }[];
    const cycleResult = (code: string) => results.find((row) => row.unitId === unitId(code))!;
    expect(cycleResult('lvshunkou')).toMatchObject({ total: 59.99, scoreGrade: 'FAIL' });
    expect(cycleResult('changhai')).toMatchObject({ total: 60, scoreGrade: 'PASS' });

    // What-if on the same inputs as entered (the structure of the cycle, the fractions typed above).
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
    const file = await loadScoringInput(stack.db, cycle.id);
    const indicatorOfCheckpoint = new Map(
      targets.flatMap((target) =>
        target.indicators.flatMap((indicator) =>
          indicator.checkpoints.map((cp) => [cp.id, indicator.id] as const),
        ),
      ),
    );
    const entered: Record<
      string,
      Record<string, { checkpoints: Record<string, number>; yearEnd?: number }>
    > = {};
    const cell = (unit: string, indicator: string) =>
      ((entered[unit] ??= {})[indicator] ??= { checkpoints: {} });
    for (const entry of checkpointEntries)
      cell(entry.unitId, indicatorOfCheckpoint.get(entry.checkpointId)!).checkpoints[entry.checkpointId] =
        entry.fraction;
    for (const entry of yearEndEntries) cell(entry.unitId, entry.indicatorId).yearEnd = entry.fraction;
    const whatIf = (await office.post('/api/scoring/what-if', { ...file, results: entered }).expect(200)).body
      .units as { id: string; total: number; scoreGrade: string }[];
    expect(whatIf.find((unit) => unit.id === unitId('lvshunkou'))).toMatchObject({
      total: 59.99,
      scoreGrade: 'FAIL',
    });
    expect(whatIf.find((unit) => unit.id === unitId('changhai'))).toMatchObject({
      total: 60,
      scoreGrade: 'PASS',
    });
    // And the cycle's own preview agrees with both.
    const preview = (await office.post(`${base}/scoring/preview`, {}).expect(200)).body.units as {
      id: string;
      total: number;
    }[];
    expect(preview.find((unit) => unit.id === unitId('lvshunkou'))!.total).toBe(59.99);
  }, 300_000);
});

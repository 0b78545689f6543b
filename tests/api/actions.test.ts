// The cycle's action and result routes over HTTP (issue 5): each role's allowed and forbidden calls on
// every route (table-driven; every denial is a 403 and an audit row), object-level access across two
// units, stage conflicts with the workflow's reason, field names on bad bodies, one audit row per
// action, and what-if scoring on the shared example file (SPEC §5).
import fs from 'node:fs';
import path from 'node:path';
import { startTestStack, signIn, type Session, type TestStack } from '../support/testStack';
import { publishDemoCycle } from '../support/cycleDriver';
import type { Role } from '../../workflows/contract';
import { minimalPdf } from '../support/evidenceFixtures';

const YEAR = 2032;
const EXAMPLES = path.resolve(__dirname, '../../examples');
const readExample = (name: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
const USERS: Record<Role, string> = {
  ADMIN: 'admin',
  OFFICE: 'office1',
  LEADER: 'leader',
  PARTY_MEMBER: 'member1',
  DEPARTMENT: 'dept-research',
  UNIT: 'unit-zhongshan',
  THIRD_PARTY: 'thirdparty',
};
const ROLES = Object.keys(USERS) as Role[];
const READERS: Role[] = ['ADMIN', 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'];

interface Fixture {
  zhongshan: string;
  xigang: string;
  checkpointId: string;
  /** A checkpoint of an indicator the research department does not own. */
  foreignCheckpointId: string;
  indicatorId: string;
  categoryId: string;
  indicatorBody: Record<string, unknown>;
}

interface Row {
  name: string;
  method: 'get' | 'post' | 'put';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => object;
  /** Status each allowed role gets in stage CHECKPOINTS; every other role gets 403. */
  allowed: Partial<Record<Role, number>>;
}

const all = (roles: Role[], status: number) =>
  Object.fromEntries(roles.map((role) => [role, status])) as Partial<Record<Role, number>>;
const c = `/api/cycles/${YEAR}`;
const PAST = '2000-01-01T00:00:00Z';

// The cycle is in stage CHECKPOINTS, before any round is due: most actions are refused by the workflow
// (409) or find nothing yet (404); what matters is who reaches them and who is stopped at the door.
const MATRIX: Row[] = [
  {
    name: 'edit cycle',
    method: 'put',
    path: () => c,
    body: () => ({ title: '改名' }),
    allowed: { OFFICE: 409 },
  },
  {
    name: 'edit indicator',
    method: 'put',
    path: () => `${c}/indicators/K1`,
    body: (f) => f.indicatorBody,
    allowed: { OFFICE: 409 },
  },
  { name: 'targets', method: 'get', path: () => `${c}/targets`, allowed: all(['UNIT', ...READERS], 200) },
  {
    name: 'advance stage',
    method: 'post',
    path: () => `${c}/stage/advance`,
    body: () => ({ from: 'SELF_CHECK' }),
    allowed: { OFFICE: 409 },
  },
  {
    name: 'extend deadline',
    method: 'post',
    path: () => `${c}/deadlines`,
    body: () => ({ target: 'EVALUATION', newDueAt: PAST, reason: '测试' }),
    allowed: { OFFICE: 400 },
  },
  {
    name: 'submit checkpoint',
    method: 'post',
    path: (f) => `${c}/checkpoints/${f.checkpointId}/submissions`,
    body: (f) => ({ unitId: f.zhongshan, text: '材料' }),
    allowed: { UNIT: 201 },
  },
  {
    name: 'list submissions',
    method: 'get',
    path: () => `${c}/submissions`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'self-check',
    method: 'post',
    path: () => `${c}/self-checks`,
    body: (f) => ({ unitId: f.zhongshan, items: [{ indicatorId: f.indicatorId, text: '已完成' }] }),
    allowed: { UNIT: 409 },
  },
  {
    name: 'list self-checks',
    method: 'get',
    path: () => `${c}/self-checks`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'verify checkpoints',
    method: 'post',
    path: () => `${c}/verifications/checkpoints`,
    body: (f) => ({ entries: [{ checkpointId: f.foreignCheckpointId, unitId: f.zhongshan, fraction: 1 }] }),
    allowed: all(['OFFICE', 'LEADER', 'PARTY_MEMBER'], 409), // a department only in its own field: 403
  },
  {
    name: 'verify year-end',
    method: 'post',
    path: () => `${c}/verifications/year-end`,
    body: (f) => ({ entries: [{ indicatorId: f.indicatorId, unitId: f.zhongshan, fraction: 1 }] }),
    allowed: all(['OFFICE', 'LEADER', 'PARTY_MEMBER'], 409),
  },
  {
    name: 'list verifications',
    method: 'get',
    path: () => `${c}/verifications`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'leader ranking',
    method: 'post',
    path: () => `${c}/rankings`,
    body: (f) => ({ kind: 'LEADER', categoryId: f.categoryId, unitOrder: [f.zhongshan] }),
    allowed: all(['LEADER', 'PARTY_MEMBER'], 409),
  },
  {
    name: 'department ranking',
    method: 'post',
    path: () => `${c}/rankings`,
    body: (f) => ({ kind: 'DEPARTMENT', categoryId: f.categoryId, unitOrder: [f.zhongshan] }),
    allowed: { DEPARTMENT: 409 },
  },
  { name: 'list rankings', method: 'get', path: () => `${c}/rankings`, allowed: all(READERS, 200) },
  {
    name: 'third-party scores',
    method: 'post',
    path: () => `${c}/third-party-scores`,
    body: (f) => ({ scores: [{ unitId: f.zhongshan, score: 80 }] }),
    allowed: all(['THIRD_PARTY', 'OFFICE'], 400),
  },
  {
    name: 'record adjustment',
    method: 'post',
    path: () => `${c}/adjustments`,
    body: (f) => ({ unitId: f.xigang, kind: 'COMMENDATION_MINOR', issuedBy: '市总工会', note: '表扬通报' }),
    allowed: { OFFICE: 201 },
  },
  {
    name: 'list adjustments',
    method: 'get',
    path: () => `${c}/adjustments`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'record downgrade',
    method: 'post',
    path: () => `${c}/downgrades`,
    body: (f) => ({ unitId: f.xigang, levels: 1, reason: 'MAJOR_ERROR', note: '重大失误' }),
    allowed: { OFFICE: 201 },
  },
  {
    name: 'list downgrades',
    method: 'get',
    path: () => `${c}/downgrades`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'scoring preview',
    method: 'post',
    path: () => `${c}/scoring/preview`,
    body: () => ({}),
    allowed: { OFFICE: 400 },
  }, // no rankings yet
  { name: 'rescore', method: 'post', path: () => `${c}/rescore`, allowed: { OFFICE: 409 } },
  { name: 'results', method: 'get', path: () => `${c}/results`, allowed: all(READERS, 200) }, // units: only after publication
  {
    name: 'one result',
    method: 'get',
    path: (f) => `${c}/results/${f.zhongshan}`,
    allowed: all(READERS, 404),
  },
  {
    name: 'edit opinion',
    method: 'put',
    path: (f) => `${c}/results/${f.zhongshan}/opinion`,
    body: () => ({ opinion: '意见' }),
    allowed: { OFFICE: 404 },
  },
  {
    name: 'submit for approval',
    method: 'post',
    path: () => `${c}/approval/submit`,
    allowed: { OFFICE: 409 },
  },
  {
    name: 'approval rounds',
    method: 'get',
    path: () => `${c}/approval/rounds`,
    allowed: all(['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'], 200),
  },
  {
    name: 'vote',
    method: 'post',
    path: () => `${c}/approval/rounds/1/votes`,
    body: () => ({ decision: 'APPROVE' }),
    allowed: all(['LEADER', 'PARTY_MEMBER'], 404),
  },
  {
    name: 'record feedback',
    method: 'post',
    path: (f) => `${c}/feedback/${f.zhongshan}`,
    body: () => ({ content: '反馈' }),
    allowed: all(['OFFICE', 'LEADER', 'PARTY_MEMBER'], 409),
  },
  {
    name: 'confirm feedback',
    method: 'post',
    path: (f) => `${c}/feedback/${f.zhongshan}/confirm`,
    body: () => ({}),
    allowed: { UNIT: 404 },
  },
  {
    name: 'list feedback',
    method: 'get',
    path: () => `${c}/feedback`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'list explanations',
    method: 'get',
    path: () => `${c}/explanations`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'submit explanation',
    method: 'post',
    path: (f) => `${c}/explanations/${f.zhongshan}`,
    body: () => ({ content: '说明' }),
    allowed: { UNIT: 409 },
  },
  {
    name: 'review explanation',
    method: 'post',
    path: (f) => `${c}/explanations/${f.zhongshan}/review`,
    body: () => ({ decision: 'ACCEPT' }),
    allowed: { OFFICE: 409 },
  },
  {
    name: 'record incentive',
    method: 'post',
    path: () => `${c}/incentives`,
    body: (f) => ({ unitId: f.zhongshan, kind: 'RECOGNITION' }),
    allowed: { OFFICE: 409 },
  },
  {
    name: 'list incentives',
    method: 'get',
    path: () => `${c}/incentives`,
    allowed: all(['UNIT', ...READERS], 200),
  },
  {
    name: 'what-if scoring',
    method: 'post',
    path: () => '/api/scoring/what-if',
    body: () => readExample('scoring-example.json'),
    allowed: all(['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'], 200),
  },
];

describe('cycle actions and results over HTTP', () => {
  let stack: TestStack;
  let fixture: Fixture;
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    if (!sessions.has(username)) sessions.set(username, await signIn(stack.app, username));
    return sessions.get(username)!;
  };
  const call = (session: Session, row: Row) => {
    const url = row.path(fixture);
    if (row.method === 'get') return session.get(url);
    return row.method === 'post'
      ? session.post(url, row.body?.(fixture))
      : session.put(url, row.body?.(fixture));
  };
  const denials = (userId: string) =>
    stack.db.auditLog.count({ where: { actorId: userId, outcome: 'DENIED' } });

  beforeAll(async () => {
    stack = await startTestStack();
    const { cycle, targets } = await publishDemoCycle(stack, YEAR);
    const units = await stack.db.unit.findMany();
    const unitId = (code: string) => units.find((unit) => unit.code === code)!.id;
    const research = await stack.db.department.findUniqueOrThrow({ where: { code: 'research' } });
    const checkpoints = await stack.db.checkpoint.findMany({
      where: { cycleId: cycle.id },
      include: { indicator: true },
      orderBy: { code: 'asc' },
    });
    const foreign = checkpoints.find((checkpoint) => checkpoint.indicator.departmentId !== research.id)!;
    const { code: _code, ...indicatorBody } = targets.indicators[0];
    fixture = {
      zhongshan: unitId('zhongshan'),
      xigang: unitId('xigang'),
      checkpointId: checkpoints[0].id,
      foreignCheckpointId: foreign.id,
      indicatorId: checkpoints[0].indicatorId,
      categoryId: units.find((unit) => unit.code === 'zhongshan')!.categoryId,
      indicatorBody,
    };
    // The checkpoint rounds exist once the workflow entered CHECKPOINTS.
    const office = await as('office1');
    const deadline = Date.now() + 60_000;
    while ((await office.get(`${c}/status`)).body.status?.stage !== 'CHECKPOINTS') {
      if (Date.now() > deadline) throw new Error('the cycle did not reach CHECKPOINTS');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test.each(MATRIX.map((row) => [row.name, row] as const))(
    '%s: allowed roles reach it, the others get an audited 403',
    async (_name, row) => {
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const role of ROLES) {
        const session = await as(USERS[role]);
        const before = await denials(session.userId);
        const response = await call(session, row);
        seen[role] = response.status;
        expected[role] = row.allowed[role] ?? 403;
        if (response.status >= 500)
          throw new Error(`${row.name} as ${role}: ${JSON.stringify(response.body)}`);
        const audited = (await denials(session.userId)) - before;
        if (response.status === 403) {
          expect({ role, code: response.body.error.code, audited }).toEqual({
            role,
            code: 'FORBIDDEN',
            audited: 1,
          });
        } else {
          expect({ role, audited }).toEqual({ role, audited: 0 });
        }
      }
      expect(seen).toEqual(expected);
    },
  );

  test('object-level access: one unit cannot read or act for another', async () => {
    const xigang = await as('unit-xigang');
    const zhongshan = await as('unit-zhongshan');
    const before = await denials(xigang.userId);
    const forOther = await xigang.post(`${c}/checkpoints/${fixture.checkpointId}/submissions`, {
      unitId: fixture.zhongshan,
      text: '冒名材料',
    });
    expect(forOther.status).toBe(403);
    for (const url of [
      `${c}/submissions?unitId=${fixture.zhongshan}`,
      `${c}/targets?unitId=${fixture.zhongshan}`,
      `${c}/self-checks?unitId=${fixture.zhongshan}`,
      `${c}/feedback?unitId=${fixture.zhongshan}`,
    ]) {
      expect({ url, status: (await xigang.get(url)).status }).toEqual({ url, status: 403 });
    }
    expect((await xigang.post(`${c}/feedback/${fixture.zhongshan}/confirm`, {})).status).toBe(403);
    expect((await xigang.post(`${c}/explanations/${fixture.zhongshan}`, { content: '说明' })).status).toBe(
      403,
    );
    expect((await denials(xigang.userId)) - before).toBe(7);
    // Lists are narrowed to the unit's own rows.
    const own = (await xigang.get(`${c}/adjustments`).expect(200)).body.adjustments as { unitId: string }[];
    expect(own.every((row) => row.unitId === fixture.xigang)).toBe(true);

    // Evidence: zhongshan's file cannot be used by xigang, nor named twice.
    const upload = await zhongshan.agent
      .post(`${c}/evidence`)
      .set('x-csrf-token', zhongshan.csrf)
      .field('unitId', fixture.zhongshan)
      .attach('file', minimalPdf(), {
        filename: 'a.pdf',
        contentType: 'application/pdf',
      });
    expect(upload.status).toBe(201);
    const foreign = await xigang.post(`${c}/checkpoints/${fixture.checkpointId}/submissions`, {
      unitId: fixture.xigang,
      text: '材料',
      evidenceIds: [upload.body.evidence.id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields['evidenceIds.0']).toContain('another unit');
    const mine = await zhongshan.post(`${c}/checkpoints/${fixture.checkpointId}/submissions`, {
      unitId: fixture.zhongshan,
      text: '材料',
      evidenceIds: [upload.body.evidence.id],
    });
    expect(mine.status).toBe(201);
  });

  test('a successful action leaves exactly one audit row of its own, written by the workflow’s activity', async () => {
    const zhongshan = await as('unit-zhongshan');
    const before = await stack.db.auditLog.count({ where: { actorId: zhongshan.userId } });
    const response = await zhongshan.post(`${c}/checkpoints/${fixture.checkpointId}/submissions`, {
      unitId: fixture.zhongshan,
      text: '修订材料',
    });
    expect(response.status).toBe(201);
    const rows = await stack.db.auditLog.findMany({
      where: { actorId: zhongshan.userId },
      orderBy: { id: 'asc' },
      skip: before,
    });
    expect(rows.map((row) => ({ action: row.action, targetId: row.targetId, outcome: row.outcome }))).toEqual(
      [{ action: 'checkpoint.submit', targetId: response.body.submission.id, outcome: 'OK' }],
    );
    const office = await as('office1');
    const officeBefore = await stack.db.auditLog.count({ where: { actorId: office.userId } });
    const adjustment = await office.post(`${c}/adjustments`, {
      unitId: fixture.zhongshan,
      kind: 'COMMENDATION_MAJOR',
      issuedBy: '市委',
      note: '市委通报表扬',
    });
    expect(adjustment.status).toBe(201);
    const officeRows = await stack.db.auditLog.findMany({
      where: { actorId: office.userId },
      orderBy: { id: 'asc' },
      skip: officeBefore,
    });
    expect(officeRows.map((row) => [row.action, row.targetId])).toEqual([
      ['adjustment.record', adjustment.body.adjustment.id],
    ]);
  });

  test('409 in the wrong stage carries the workflow’s reason', async () => {
    const office = await as('office1');
    const advance = await office.post(`${c}/stage/advance`, { from: 'VERIFICATION' });
    expect(advance.status).toBe(409);
    expect(advance.body.error).toMatchObject({
      code: 'WRONG_STAGE',
      message: expect.stringContaining('CHECKPOINTS'),
    });
    const selfCheck = await (
      await as('unit-zhongshan')
    ).post(`${c}/self-checks`, {
      unitId: fixture.zhongshan,
      items: [{ indicatorId: fixture.indicatorId, text: '已完成' }],
    });
    expect(selfCheck.status).toBe(409);
    expect(selfCheck.body.error).toMatchObject({
      code: 'WRONG_STAGE',
      message: expect.stringContaining('SELF_CHECK'),
    });
    const verify = await office.post(`${c}/verifications/checkpoints`, {
      entries: [{ checkpointId: fixture.checkpointId, unitId: fixture.zhongshan, fraction: 1 }],
    });
    expect(verify.status).toBe(409);
    expect(verify.body.error.message).toContain('after its due date');
    // Before publication the cycle's workflow does not run: a clear 409, not a 500.
    const draft = await office.post('/api/cycles', {
      year: 2033,
      schedule: {
        selfCheckOpensAt: '2033-09-01T00:00:00Z',
        selfCheckDueAt: '2033-10-01T00:00:00Z',
        verificationDueAt: '2033-11-01T00:00:00Z',
        evaluationDueAt: '2033-12-01T00:00:00Z',
      },
    });
    expect(draft.status).toBe(201);
    const early = await office.post('/api/cycles/2033/adjustments', {
      unitId: fixture.zhongshan,
      kind: 'COMMENDATION_MINOR',
      issuedBy: '市总工会',
      note: '表扬',
    });
    expect(early.status).toBe(409);
    // …and its configuration may still change, while the published cycle's may not.
    const edited = await office.put('/api/cycles/2033', {
      title: '2033年度考核（修订）',
      explanationDays: 20,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.cycle).toMatchObject({ title: '2033年度考核（修订）', explanationDays: 20 });
    const badSchedule = await office.put('/api/cycles/2033', {
      schedule: {
        selfCheckOpensAt: '2033-12-01T00:00:00Z',
        selfCheckDueAt: '2033-10-01T00:00:00Z',
        verificationDueAt: '2033-11-01T00:00:00Z',
        evaluationDueAt: '2033-12-01T00:00:00Z',
      },
    });
    expect(badSchedule.status).toBe(400);
    expect(badSchedule.body.error.fields).toHaveProperty('schedule');
    // An indicator is replaced whole (checkpoints, non-undertaking) and the effective weights follow (Art. 12).
    const added = await office.post('/api/cycles/2033/indicators', {
      code: 'K1',
      name: '组建',
      group: 'KEY_TASK',
      weight: 60,
    });
    expect(added.status).toBe(201);
    expect(
      (
        await office.post('/api/cycles/2033/indicators', {
          code: 'K2',
          name: '服务',
          group: 'KEY_TASK',
          weight: 40,
        })
      ).status,
    ).toBe(201);
    const replaced = await office.put('/api/cycles/2033/indicators/K1', {
      name: '基层工会组建',
      group: 'KEY_TASK',
      weight: 60,
      checkpoints: [{ code: 'K1-R1', name: '上半年', dueAt: '2033-06-30T00:00:00Z', share: 0.3 }],
      notUndertakenBy: ['xigang'],
    });
    expect(replaced.status).toBe(200);
    expect(
      replaced.body.indicator.checkpoints.map((checkpoint: { code: string }) => checkpoint.code),
    ).toEqual(['K1-R1']);
    const xigangTargets = (await office.get(`/api/cycles/2033/targets?unitId=${fixture.xigang}`).expect(200))
      .body.targets[0];
    expect(
      xigangTargets.indicators.map((indicator: { code: string; effectiveWeight: number }) => [
        indicator.code,
        indicator.effectiveWeight,
      ]),
    ).toEqual([['K2', 100]]);
    expect(xigangTargets.notUndertaken.map((indicator: { code: string }) => indicator.code)).toEqual(['K1']);
    expect(
      (await office.put('/api/cycles/2033/indicators/K9', { name: 'x', group: 'KEY_TASK', weight: 1 }))
        .status,
    ).toBe(404);
    expect((await office.put(`${c}`, { title: 'x' })).body.error.code).toBe('WRONG_STAGE');
  });

  test('400 names the offending fields', async () => {
    const zhongshan = await as('unit-zhongshan');
    const office = await as('office1');
    const cases: [Session, string, object, string][] = [
      [
        zhongshan,
        `${c}/checkpoints/${fixture.checkpointId}/submissions`,
        { unitId: 'not-a-uuid', text: 'x' },
        'unitId',
      ],
      [
        zhongshan,
        `${c}/checkpoints/${fixture.checkpointId}/submissions`,
        { unitId: fixture.zhongshan, text: '' },
        'text',
      ],
      [
        office,
        `${c}/verifications/checkpoints`,
        { entries: [{ checkpointId: fixture.checkpointId, unitId: fixture.zhongshan, fraction: 1.5 }] },
        'entries.0.fraction',
      ],
      [
        office,
        `${c}/adjustments`,
        { unitId: fixture.zhongshan, kind: 'PRAISE', issuedBy: '市委', note: 'x' },
        'kind',
      ],
      [
        office,
        `${c}/downgrades`,
        { unitId: fixture.zhongshan, levels: 3, reason: 'MAJOR_ERROR', note: 'x' },
        'levels',
      ],
      [
        office,
        `${c}/deadlines`,
        { target: 'TOMORROW', newDueAt: '2099-01-01T00:00:00Z', reason: 'x' },
        'target',
      ],
      [office, `${c}/stage/advance`, { from: 'SOMEWHERE' }, 'from'],
      [office, `${c}/incentives`, { unitId: fixture.zhongshan, kind: 'RECOGNITION_AND_REWARD' }, 'amount'],
      [await as('leader'), `${c}/approval/rounds/1/votes`, { decision: 'REJECT' }, 'comment'],
      [await as('leader'), `${c}/rankings`, { kind: 'LEADER', unitOrder: [] }, 'categoryId'],
      [office, `${c}/results/${fixture.zhongshan}/opinion`, { opinion: '   ' }, 'opinion'],
    ];
    for (const [session, url, body, field] of cases) {
      const response = url.endsWith('/opinion')
        ? await session.put(url, body)
        : await session.post(url, body);
      expect({
        url,
        field,
        status: response.status,
        has: Object.keys(response.body.error?.fields ?? {}).includes(field),
      }).toEqual({ url, field, status: 400, has: true });
    }
    expect((await office.get(`${c}/submissions?unitId=nope`)).body.error.fields).toHaveProperty('unitId');
    expect((await office.get('/api/cycles/abc/results')).status).toBe(400);
  });

  test('what-if scoring: the shared example gives exactly the expected numbers; an invalid file is a 400 naming unit and indicator', async () => {
    const office = await as('office1');
    const expected = readExample('scoring-example.expected.json') as { units: Record<string, unknown>[] };
    const response = await office.post('/api/scoring/what-if', readExample('scoring-example.json'));
    expect(response.status).toBe(200);
    expect(response.body.units).toHaveLength(expected.units.length);
    expected.units.forEach((unit, index) => expect(response.body.units[index]).toMatchObject(unit));

    const invalid = readExample('scoring-example.json');
    invalid.results.zs.K1.yearEnd = 1.5;
    const refused = await office.post('/api/scoring/what-if', invalid);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SCORING_INPUT');
    const fields = Object.keys(refused.body.error.fields);
    expect(fields.some((field) => field.includes('zs') && field.includes('K1'))).toBe(true);
    expect(refused.body.error.message).toContain('zs');

    const noUnits = await office.post('/api/scoring/what-if', { indicators: [] });
    expect(noUnits.status).toBe(400);
    expect(noUnits.body.error.fields).toHaveProperty('units');
  });
});

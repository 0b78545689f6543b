// Hostile and careless input through HTTP (issue 16): no input, however malformed, gets a 5xx. Each case
// is refused before a route, a workflow or PostgreSQL sees it, with a 400/401/409/415 in the error shape
// naming the field and the rule, in Chinese by default and in English for an English browser or user.
import request from 'supertest';
import { startTestStack, signIn, type Session, type TestStack } from '../support/testStack';
import { publishDemoCycle } from '../support/cycleDriver';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { minimalPdf } from '../support/evidenceFixtures';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';

const DRAFT = 2033;
const PUBLISHED = 2034;

function expectRefusal(response: request.Response, status: number, field?: string) {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { error: { code: expect.any(String), message: expect.any(String) } },
  });
  if (field) expect(Object.keys(response.body.error.fields ?? {})).toContain(field);
}

describe('hostile input', () => {
  let stack: TestStack;
  let office: Session;
  let unit: Session;
  let admin: Session;
  let targets: ReturnType<typeof demoTargets>;
  beforeAll(async () => {
    stack = await startTestStack({ loginAttemptsPer15Min: 1000 });
    await publishDemoCycle(stack, PUBLISHED);
    office = await signIn(stack.app, 'office1');
    unit = await signIn(stack.app, 'unit-zhongshan');
    admin = await signIn(stack.app, 'admin');
    targets = demoTargets(DRAFT, new Date(await stack.env.currentTimeMs()));
    expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.teardown();
  });
  const indicator = (overrides: Record<string, unknown> = {}) => ({ ...targets.indicators[0], ...overrides });

  test('a NUL byte in a JSON string is 400 naming the field, in Chinese unless the browser asks for English', async () => {
    const login = await request(stack.app)
      .post('/api/auth/login')
      .send({ username: 'office1\u0000', password: DEMO_PASSWORD });
    expectRefusal(login, 400, 'username');
    expect(login.body.error.message).toMatch(/username：不得包含空字符/);
    const english = await request(stack.app)
      .post('/api/auth/login')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send({ username: 'office1\u0000', password: DEMO_PASSWORD });
    expect(english.body.error.message).toBe('username: must not contain a NUL character (U+0000)');

    const url = `/api/cycles/${DRAFT}/indicators`;
    expectRefusal(await office.post(url, indicator({ code: 'N1', name: 'a\u0000b' })), 400, 'name');
    expectRefusal(
      await office.post(url, indicator({ code: 'N2', departmentCode: '\u0000' })),
      400,
      'departmentCode',
    );
    expectRefusal(
      await office.post(url, indicator({ code: 'N3', notUndertakenBy: ['zhongshan', 'x\u0000'] })),
      400,
      'notUndertakenBy.1',
    );
    expectRefusal(await office.post(url, { ...indicator({ code: 'N4' }), ['k\u0000']: 1 }), 400, '(key)');
    expect(await stack.db.indicator.count({ where: { code: { in: ['N1', 'N2', 'N3', 'N4'] } } })).toBe(0);
  });

  test('an unpaired surrogate is 400; a NUL in the query or the path is 400; an over-long string is 400', async () => {
    const lone = await office.agent
      .post(`/api/cycles/${DRAFT}/indicators`)
      .set('x-csrf-token', office.csrf)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(indicator({ code: 'S1' })).replace(/"name":"[^"]*"/, '"name":"x\\ud800y"'));
    expectRefusal(lone, 400, 'name');
    expect(lone.body.error.message).toMatch(/代理项/);
    expectRefusal(await unit.get(`/api/cycles/${PUBLISHED}/evidence?unitId=%00`), 400, 'unitId');
    expectRefusal(await office.del(`/api/cycles/${DRAFT}/indicators/K1%00`), 400, 'path');
    expectRefusal(await office.del(`/api/cycles/${DRAFT}/indicators/%E0%A4%A`), 400, 'path');
    expectRefusal(
      await office.post(
        `/api/cycles/${DRAFT}/indicators`,
        indicator({ code: 'L1', standard: 'x'.repeat(60_000) }),
      ),
      400,
      'standard',
    );
    expectRefusal(
      await office.post(
        `/api/cycles/${DRAFT}/indicators`,
        indicator({ code: 'L2', departmentCode: 'd'.repeat(41) }),
      ),
      400,
      'departmentCode',
    );
  });

  test('a JSON body in another charset is 415; a compressed body (valid or not) is 415, never 500', async () => {
    const latin1 = await request(stack.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=latin1')
      .send(Buffer.from(JSON.stringify({ username: 'office1', password: DEMO_PASSWORD }), 'latin1'));
    expectRefusal(latin1, 415, 'content-type');
    const gzipPlain = await request(stack.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(JSON.stringify({ username: 'office1', password: DEMO_PASSWORD }));
    expectRefusal(gzipPlain, 415, 'content-encoding');
    const brotli = await request(stack.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'br')
      .send('{}');
    expectRefusal(brotli, 415);
    const broken = await request(stack.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "office1", ');
    expectRefusal(broken, 400);
  });

  const multipart = (contentType: string, body: Buffer) =>
    unit.agent
      .post(`/api/cycles/${PUBLISHED}/evidence`)
      .set('x-csrf-token', unit.csrf)
      .set('Content-Type', contentType)
      .send(body);
  const part = (filename: Buffer, bytes: Buffer, close = true) =>
    Buffer.concat([
      Buffer.from('--xyz\r\nContent-Disposition: form-data; name="file"; filename="'),
      filename,
      Buffer.from('"\r\nContent-Type: application/pdf\r\n\r\n'),
      bytes,
      Buffer.from(close ? '\r\n--xyz--\r\n' : ''),
    ]);

  test('multipart without a boundary, truncated, or with a NUL in the file name is 400; nothing stored', async () => {
    const before = await stack.db.evidenceFile.count();
    expectRefusal(await multipart('multipart/form-data', part(Buffer.from('a.pdf'), minimalPdf())), 400);
    expectRefusal(
      await multipart('multipart/form-data; boundary=xyz', part(Buffer.from('a.pdf'), minimalPdf(), false)),
      400,
    );
    expectRefusal(
      await multipart(
        'multipart/form-data; boundary=xyz',
        part(Buffer.from('a.pdf\u0000.exe'), minimalPdf()),
      ),
      400,
      'file',
    );
    // The well-formed request works, so the refusals above are about the form, not the route.
    expect(
      (await multipart('multipart/form-data; boundary=xyz', part(Buffer.from('a.pdf'), minimalPdf()))).status,
    ).toBe(201);
    expect(await stack.db.evidenceFile.count()).toBe(before + 1);
  });

  test('a malformed session cookie is no session: 401 where one is needed, never 500', async () => {
    for (const cookie of [
      'kaohe_session=%E0%A4%A',
      'kaohe_session=%',
      'kaohe_session="',
      '=;;=kaohe_session',
    ]) {
      expectRefusal(await request(stack.app).get('/api/auth/me').set('Cookie', cookie), 401);
      expectRefusal(await request(stack.app).get('/api/cycles').set('Cookie', cookie), 401);
    }
    const login = await request(stack.app)
      .post('/api/auth/login')
      .set('Cookie', 'kaohe_session=%E0%A4%A')
      .send({ username: 'office1', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
  });

  test('duplicate checkpoint codes are refused before the database: 400 within one indicator, 409 across', async () => {
    const url = `/api/cycles/${DRAFT}/indicators`;
    const [first] = targets.indicators[0].checkpoints;
    const within = await office.post(
      url,
      indicator({ code: 'D1', checkpoints: [first, { ...first, name: '又一个' }] }),
    );
    expectRefusal(within, 400, 'checkpoints.1.code');
    expect((await office.post(url, indicator({ code: 'D2', checkpoints: [first] }))).status).toBe(201);
    const across = await office.post(url, indicator({ code: 'D3', checkpoints: [first] }));
    expectRefusal(across, 409);
    expect(across.body.error.message).toMatch(/D2/);
  });

  test('five concurrent creations of one indicator code: one 201, four 409 (unique key → 409 naming the field)', async () => {
    const url = `/api/cycles/${DRAFT}/indicators`;
    const body = indicator({ code: 'RACE', checkpoints: [] });
    const responses = await Promise.all(Array.from({ length: 5 }, () => office.post(url, body)));
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const response of responses.filter((candidate) => candidate.status === 409))
      expect(response.body.error.code).toBe('DUPLICATE');
    const users = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.post('/api/auth/users', {
          username: 'twin.user',
          displayName: '双胞胎',
          role: 'OFFICE',
          password: 'Kaohe-Twin-2031!',
        }),
      ),
    );
    expect(users.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const response of users.filter((candidate) => candidate.status === 409))
      expect(Object.keys(response.body.error.fields)).toContain('username');
  });

  test('dates must be plausible: year 4730 is 400 naming the field, for a deadline and for a schedule', async () => {
    const extension = await office.post(`/api/cycles/${PUBLISHED}/deadlines`, {
      target: 'SELF_CHECK',
      newDueAt: '4730-01-01T00:00:00Z',
      reason: '笔误',
    });
    expectRefusal(extension, 400, 'newDueAt');
    const past = await office.post(`/api/cycles/${PUBLISHED}/deadlines`, {
      target: 'SELF_CHECK',
      newDueAt: '2001-01-01T00:00:00Z',
      reason: '笔误',
    });
    expectRefusal(past, 400, 'newDueAt');
    const schedule = await office.post('/api/cycles', {
      ...targets.cycle,
      year: 2035,
      schedule: { ...targets.cycle.schedule, evaluationDueAt: '4730-01-01T00:00:00Z' },
    });
    expectRefusal(schedule, 400, 'schedule.evaluationDueAt');
  });

  // Within 2000-2101 but far from the cycle's year: the slip 2095 for 2025 was accepted before.
  test("a cycle's dates lie within its year and the next (the year it is prepared in widens that)", async () => {
    const slip = '2095-03-01T00:00:00Z';
    const created = await office.post('/api/cycles', {
      ...targets.cycle,
      year: 2036,
      schedule: { ...targets.cycle.schedule, selfCheckDueAt: slip },
    });
    expectRefusal(created, 400, 'schedule.selfCheckDueAt');
    expect(created.body.error.fields['schedule.selfCheckDueAt']).toMatch(
      /must lie between \d{4}-01-01 and 2037-12-31/,
    );
    expect(await stack.db.cycle.findUnique({ where: { year: 2036 } })).toBeNull();

    const edited = await office.put(`/api/cycles/${DRAFT}`, {
      schedule: { ...targets.cycle.schedule, evaluationDueAt: slip },
    });
    expectRefusal(edited, 400, 'schedule.evaluationDueAt');
    const indicator = targets.indicators[0];
    const put = await office.post(`/api/cycles/${DRAFT}/indicators`, {
      ...indicator,
      code: 'SLIP1',
      checkpoints: indicator.checkpoints.map((checkpoint, index) => ({
        ...checkpoint,
        code: `SLIP1-${index}`,
        dueAt: index === 0 ? slip : checkpoint.dueAt,
      })),
    });
    expectRefusal(put, 400, 'checkpoints.0.dueAt');
    const stored = await stack.db.cycle.findUniqueOrThrow({ where: { year: DRAFT } });
    expect(stored.evaluationDueAt.toISOString()).toBe(
      new Date(targets.cycle.schedule.evaluationDueAt).toISOString(),
    );
  });
});

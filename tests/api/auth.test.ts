// Accounts and sessions on the real stack: scrypt-hashed passwords, httpOnly SameSite cookie sessions
// in PostgreSQL that expire, sign-out, password change and admin reset, login rate limiting per user
// name and address, CSRF double submit, health endpoints.
import request from 'supertest';
import { startTestStack, signIn, type TestStack } from '../support/testStack';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { hashToken, SESSION_COOKIE } from '../../api/auth/sessions';

describe('accounts and sessions', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ loginAttemptsPer15Min: 3 });
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('sign-in sets an httpOnly SameSite=Strict cookie; the session row stores only the token hash', async () => {
    const response = await request(stack.app)
      .post('/api/auth/login')
      .send({ username: 'office1', password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ username: 'office1', role: 'OFFICE' });
    expect(response.body.csrfToken).toEqual(expect.any(String));
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((line) =>
      line.startsWith(`${SESSION_COOKIE}=`),
    )!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const token = decodeURIComponent(cookie.split(';')[0].split('=')[1]);
    const session = await stack.db.session.findUnique({ where: { id: hashToken(token) } });
    expect(session).not.toBeNull();
    expect(await stack.db.session.findUnique({ where: { id: token } })).toBeNull();
    const user = await stack.db.user.findUniqueOrThrow({ where: { username: 'office1' } });
    expect(user.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  test('without a session every API call is 401; with one /auth/me answers', async () => {
    const anonymous = await request(stack.app).get('/api/auth/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect((await request(stack.app).get('/api/units')).status).toBe(401);
    const unit = await signIn(stack.app, 'unit-zhongshan');
    const me = await unit.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      username: 'unit-zhongshan',
      role: 'UNIT',
      unitId: expect.any(String),
    });
    expect(me.body.csrfToken).toBe(unit.csrf);
  });

  test('a wrong password is 401 and audited; after 3 failures from one address that user name gets 429 even with the right password', async () => {
    const from = (ip: string) => request(stack.app).post('/api/auth/login').set('X-Forwarded-For', ip);
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await from('203.0.113.7').send({ username: 'member1', password: 'wrong-password-1' });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('BAD_CREDENTIALS');
    }
    const blocked = await from('203.0.113.7').send({ username: 'member1', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // The limit is per user name and address: the same user elsewhere, another user here, still sign in.
    expect((await from('198.51.100.9').send({ username: 'member1', password: DEMO_PASSWORD })).status).toBe(
      200,
    );
    expect((await from('203.0.113.7').send({ username: 'member2', password: DEMO_PASSWORD })).status).toBe(
      200,
    );
    const denied = await stack.db.auditLog.findMany({
      where: { action: 'auth.login', outcome: 'DENIED', targetId: 'member1' },
    });
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect(denied[0].ip).toBe('203.0.113.7');
  });

  test('a mutating call without the CSRF header, or with a wrong one, is 403 CSRF and changes nothing', async () => {
    const office = await signIn(stack.app, 'office1');
    const units = await office.get('/api/units');
    const unit = units.body.units[0];
    const body = {
      principalLeaderName: '张三',
      principalLeaderEmail: 'zhang@example.org',
      partyCommitteeName: '党委',
      partyCommitteeEmail: 'pc@example.org',
    };
    const missing = await office.agent.put(`/api/units/${unit.id}/contacts`).send(body);
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('CSRF');
    const wrong = await office.agent
      .put(`/api/units/${unit.id}/contacts`)
      .set('x-csrf-token', 'not-the-token')
      .send(body);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('CSRF');
    const after = await stack.db.unit.findUniqueOrThrow({ where: { id: unit.id } });
    expect(after.principalLeaderEmail).toBe(unit.principalLeaderEmail);
    expect((await office.post('/api/auth/logout')).status).toBe(204);
  });

  test('an expired session is refused with 401', async () => {
    const leader = await signIn(stack.app, 'leader');
    expect((await leader.get('/api/auth/me')).status).toBe(200);
    await stack.db.session.updateMany({
      where: { userId: leader.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await leader.get('/api/auth/me');
    expect(expired.status).toBe(401);
    // Signing in again clears the user's expired sessions.
    await signIn(stack.app, 'leader');
    expect(
      await stack.db.session.count({ where: { userId: leader.userId, expiresAt: { lte: new Date() } } }),
    ).toBe(0);
  });

  test('a session lasts sessionTtlMinutes', async () => {
    const before = Date.now();
    const dept = await signIn(stack.app, 'dept-legal');
    const session = await stack.db.session.findFirstOrThrow({
      where: { userId: dept.userId },
      orderBy: { createdAt: 'desc' },
    });
    // The test stack runs with the default of 60 minutes.
    expect(session.expiresAt.getTime() - before).toBeGreaterThan(59 * 60_000);
    expect(session.expiresAt.getTime() - before).toBeLessThan(61 * 60_000);
  });

  test('sign-out ends the session', async () => {
    const member = await signIn(stack.app, 'member3');
    expect((await member.post('/api/auth/logout')).status).toBe(204);
    expect((await member.get('/api/auth/me')).status).toBe(401);
    expect(await stack.db.auditLog.count({ where: { action: 'auth.logout', actorId: member.userId } })).toBe(
      1,
    );
  });

  test('password change: checks the current one and the rules, then ends the other sessions', async () => {
    const first = await signIn(stack.app, 'unit-xigang');
    const second = await signIn(stack.app, 'unit-xigang');
    const wrong = await first.post('/api/auth/password', {
      currentPassword: 'nope',
      newPassword: 'NewPassword2027',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toHaveProperty('currentPassword');
    const weak = await first.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.newPassword).toMatch(/10 characters/);
    const ok = await first.post('/api/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'NewPassword2027',
    });
    expect(ok.status).toBe(204);
    expect((await first.get('/api/auth/me')).status).toBe(200);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect(
      (
        await request(stack.app)
          .post('/api/auth/login')
          .send({ username: 'unit-xigang', password: DEMO_PASSWORD })
      ).status,
    ).toBe(401);
    await signIn(stack.app, 'unit-xigang', 'NewPassword2027');
    const audit = await stack.db.auditLog.findMany({
      where: { action: 'auth.password.change', targetId: first.userId },
    });
    expect(audit.map((row) => row.outcome).sort()).toEqual(['DENIED', 'OK']);
  });

  test('the admin creates accounts and resets passwords; the office may not', async () => {
    const admin = await signIn(stack.app, 'admin');
    const office = await signIn(stack.app, 'office1');
    const unit = await stack.db.unit.findFirstOrThrow({ where: { code: 'jinpu' } });
    const account = {
      username: 'jinpu.staff',
      displayName: '金普新区工会干事',
      role: 'UNIT',
      unitId: unit.id,
      password: 'Initial2027pass',
    };
    expect((await office.post('/api/auth/users', account)).status).toBe(403);
    const unbound = await admin.post('/api/auth/users', { ...account, unitId: undefined });
    expect(unbound.status).toBe(400);
    expect(unbound.body.error.fields).toHaveProperty('unitId');
    const created = await admin.post('/api/auth/users', account);
    expect(created.status).toBe(201);
    expect((await admin.post('/api/auth/users', account)).status).toBe(409);
    const staff = await signIn(stack.app, 'jinpu.staff', 'Initial2027pass');
    expect((await staff.get('/api/auth/me')).body.user.unitId).toBe(unit.id);

    expect(
      (
        await office.post(`/api/auth/users/${created.body.user.id}/password`, {
          newPassword: 'Office2027pass',
        })
      ).status,
    ).toBe(403);
    const reset = await admin.post(`/api/auth/users/${created.body.user.id}/password`, {
      newPassword: 'Reset2027pass',
    });
    expect(reset.status).toBe(204);
    expect((await staff.get('/api/auth/me')).status).toBe(401);
    await signIn(stack.app, 'jinpu.staff', 'Reset2027pass');
    expect(
      (
        await admin.post('/api/auth/users/00000000-0000-4000-8000-000000000000/password', {
          newPassword: 'Reset2027pass',
        })
      ).status,
    ).toBe(404);

    const audit = await stack.db.auditLog.findMany({
      where: { targetId: created.body.user.id, action: { in: ['user.create', 'user.password.reset'] } },
    });
    expect(audit.map((row) => row.action).sort()).toEqual(['user.create', 'user.password.reset']);
    expect(JSON.stringify(audit.map((row) => [row.before, row.after]))).not.toContain('Initial2027pass');
    const list = await office.get('/api/auth/users');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('passwordHash');
  });

  test('healthz answers; readyz reports the database and Temporal', async () => {
    expect((await request(stack.app).get('/healthz')).body).toEqual({ ok: true });
    const ready = await request(stack.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ database: true, temporal: true });
  });
});

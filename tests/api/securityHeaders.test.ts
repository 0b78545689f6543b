// Security headers (OWASP ASVS L2 V14.4) and sign-in throttling that holds under parallel attempts
// (issue 16): CSP with frame-ancestors 'none', X-Frame-Options DENY, nosniff, Referrer-Policy, HSTS only
// on https, no-store on API JSON; 429 per user name and address and per address across user names, each
// refusal (429, CSRF 403) audited; a new sign-in ends the browser's previous session.
import request from 'supertest';
import { startTestStack, signIn, type TestStack } from '../support/testStack';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { SESSION_COOKIE, hashToken } from '../../api/auth/sessions';

describe('security headers and sign-in throttling', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ loginAttemptsPer15Min: 5, loginAttemptsPerAddressPer15Min: 10 });
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('every response carries CSP, X-Frame-Options, nosniff and Referrer-Policy; API JSON is no-store', async () => {
    for (const url of ['/api/auth/me', '/api/openapi.json', '/healthz', '/api/docs']) {
      const response = await request(stack.app).get(url);
      expect(response.status).toBeLessThan(500);
      const csp = response.headers['content-security-policy'];
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    expect((await request(stack.app).get('/api/auth/me')).headers['cache-control']).toBe('no-store');
    expect((await request(stack.app).get('/api/openapi.json')).headers['cache-control']).toBe('no-store');
  });

  test('HSTS is sent when the request came over https (through the local proxy)', async () => {
    const response = await request(stack.app).get('/healthz').set('X-Forwarded-Proto', 'https');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });

  test('20 parallel wrong passwords for one account: at most 5 answered 401, the rest 429, all audited', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        request(stack.app)
          .post('/api/auth/login')
          .set('X-Forwarded-For', '203.0.113.20')
          .send({ username: 'member1', password: `wrong-${index}` }),
      ),
    );
    const statuses = attempts.map((response) => response.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(15);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    const throttled = await stack.db.auditLog.count({
      where: { action: 'auth.login.throttled', outcome: 'DENIED', ip: '203.0.113.20' },
    });
    expect(throttled).toBe(statuses.filter((status) => status === 429).length);
    // The right password is refused too from there, but works from another address.
    const blocked = await request(stack.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.20')
      .send({ username: 'member1', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    const elsewhere = await request(stack.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.20')
      .send({ username: 'member1', password: DEMO_PASSWORD });
    expect(elsewhere.status).toBe(200);
  });

  test('12 user names from one address: the address limit (10) answers 429 from the 11th', async () => {
    const names = Array.from({ length: 12 }, (_, index) => `nobody${index}`);
    const statuses: number[] = [];
    for (const username of names)
      statuses.push(
        (
          await request(stack.app)
            .post('/api/auth/login')
            .set('X-Forwarded-For', '203.0.113.30')
            .send({ username, password: 'wrong-password' })
        ).status,
      );
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  test('a CSRF refusal is audited', async () => {
    const office = await signIn(stack.app, 'office1');
    const before = await stack.db.auditLog.count({ where: { action: { startsWith: 'denied:csrf' } } });
    const refused = await office.agent
      .post('/api/auth/password')
      .send({ currentPassword: 'x', newPassword: 'y' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CSRF');
    const after = await stack.db.auditLog.findMany({ where: { action: { startsWith: 'denied:csrf' } } });
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ outcome: 'DENIED', actorId: office.userId });
  });

  test('signing in as another user in the same browser ends the previous session', async () => {
    const first = await signIn(stack.app, 'unit-zhongshan');
    const cookie = (
      first.agent as unknown as { jar: { getCookie(name: string, options: object): { value: string } } }
    ).jar.getCookie(SESSION_COOKIE, { domain: '127.0.0.1', path: '/', secure: false, script: false });
    const oldToken = cookie?.value;
    const second = await first.agent
      .post('/api/auth/login')
      .send({ username: 'unit-xigang', password: DEMO_PASSWORD });
    expect(second.status).toBe(200);
    expect((await first.agent.get('/api/auth/me')).body.user.username).toBe('unit-xigang');
    const sessions = await stack.db.session.findMany({ where: { userId: first.userId } });
    expect(sessions.map((session) => session.id)).not.toContain(
      oldToken ? hashToken(decodeURIComponent(oldToken)) : '',
    );
    expect(sessions).toHaveLength(0);
  });
});

// Authorization on every route (issue 5): each role's allowed and forbidden calls. Two matrices:
// 1. every route mounted in the app (this engineer's and the cycle-action routes alike) against the
//    roles its OpenAPI entry allows (x-kaohe-roles): every other role gets 403 FORBIDDEN, audited; no
//    session gets 401;
// 2. the platform routes with real inputs: the allowed roles succeed, the others get 403.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  checkResponsesAgainst,
  startTestStack,
  signIn,
  type TestStack,
  type Session,
} from '../support/testStack';
import { responseContract } from '../support/responseContract';
import { publishDemoCycle } from '../support/cycleDriver';
import { mountedRoutes } from '../../api/openapi/expressRoutes';
import { buildOpenApiDocument } from '../../api/openapi/openApiDocument';
import { toOpenApiPath } from '../../api/openapi/describeRoute';
import type { Role } from '../../workflows/contract';
import { minimalPdf } from '../support/evidenceFixtures';

const YEAR = 2031;
const ROLES: Role[] = ['ADMIN', 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT', 'THIRD_PARTY'];
const USERNAME: Record<Role, string> = {
  ADMIN: 'admin',
  OFFICE: 'office1',
  LEADER: 'leader',
  PARTY_MEMBER: 'member1',
  DEPARTMENT: 'dept-legal',
  UNIT: 'unit-zhongshan',
  THIRD_PARTY: 'thirdparty',
};
const PDF = minimalPdf();

describe('access control', () => {
  let stack: TestStack;
  const as = {} as Record<Role, Session>;
  let zhongshanId: string;
  // Issue 12 §4: every response of the matrices is checked against the OpenAPI document.
  const contract = responseContract();
  beforeAll(async () => {
    stack = await startTestStack();
    checkResponsesAgainst(contract);
    await publishDemoCycle(stack, YEAR);
    for (const role of ROLES) as[role] = await signIn(stack.app, USERNAME[role]);
    zhongshanId = (await stack.db.unit.findUniqueOrThrow({ where: { code: 'zhongshan' } })).id;
  });
  afterAll(async () => {
    checkResponsesAgainst(undefined);
    await stack?.teardown();
  });

  const fill = (path: string) =>
    path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
      if (name === 'year') return String(YEAR);
      if (name === 'number') return '1';
      if (name === 'code') return 'K1';
      if (name === 'unitId') return zhongshanId;
      return randomUUID();
    });
  const send = (session: Session | null, method: string, path: string) => {
    const agent = session ? session.agent : request(stack.app);
    const verb = (agent as unknown as Record<string, (url: string) => request.Test>)[method];
    const call = verb
      .call(agent, path)
      .on('response', (response: { status: number; body: unknown; headers: Record<string, string> }) =>
        contract.record(method, path, response.status, response.body, response.headers['content-type']),
      );
    if (method === 'get' || method === 'head') return call;
    return (session ? call.set('x-csrf-token', session.csrf) : call).send({});
  };

  test('every mounted route: roles outside its x-kaohe-roles get 403 FORBIDDEN, and each denial is audited', async () => {
    const document = buildOpenApiDocument();
    const problems: string[] = [];
    let checked = 0;
    for (const route of mountedRoutes(stack.app).filter((candidate) => candidate.path.startsWith('/api/'))) {
      const operation = document.paths?.[toOpenApiPath(route.path.slice('/api'.length))]?.[
        route.method as 'get'
      ] as { 'x-kaohe-roles'?: Role[] | string } | undefined;
      const allowed = operation?.['x-kaohe-roles'];
      if (!Array.isArray(allowed)) continue; // public, any signed-in user, or undocumented (openapi.test.ts reports those)
      for (const role of ROLES.filter((candidate) => !allowed.includes(candidate))) {
        const before = await stack.db.auditLog.count({
          where: { outcome: 'DENIED', actorId: as[role].userId },
        });
        const response = await send(as[role], route.method, fill(route.path));
        checked++;
        if (response.status !== 403 || response.body?.error?.code !== 'FORBIDDEN') {
          problems.push(
            `${role} ${route.method.toUpperCase()} ${route.path} → ${response.status} ${response.body?.error?.code ?? ''}`,
          );
          continue;
        }
        const after = await stack.db.auditLog.count({
          where: { outcome: 'DENIED', actorId: as[role].userId },
        });
        if (after !== before + 1)
          problems.push(`${role} ${route.method.toUpperCase()} ${route.path}: 403 not audited`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  test('every non-public route refuses a caller without a session with 401', async () => {
    const document = buildOpenApiDocument();
    const problems: string[] = [];
    for (const route of mountedRoutes(stack.app).filter((candidate) => candidate.path.startsWith('/api/'))) {
      const operation = document.paths?.[toOpenApiPath(route.path.slice('/api'.length))]?.[
        route.method as 'get'
      ] as { 'x-kaohe-roles'?: unknown } | undefined;
      if (!operation || operation['x-kaohe-roles'] === 'public') continue;
      const response = await send(null, route.method, fill(route.path));
      if (response.status !== 401)
        problems.push(`${route.method.toUpperCase()} ${route.path} → ${response.status}`);
    }
    expect(problems).toEqual([]);
  });

  test('the platform routes with real inputs: allowed roles succeed, the others get 403', async () => {
    const upload = (session: Session) =>
      session.agent
        .post(`/api/cycles/${YEAR}/evidence`)
        .set('x-csrf-token', session.csrf)
        .field('unitId', zhongshanId)
        .attach('file', PDF, 'a.pdf');
    const evidence = (await upload(as.UNIT)).body.evidence;
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
    const notice = await stack.db.notification.create({
      data: {
        idempotencyKey: `access-test/${randomUUID()}`,
        cycleId: cycle.id,
        event: 'TARGETS_PUBLISHED',
        recipientEmail: 'leader@zhongshan.union.example.org',
        subject: '测试',
        html: '<p>测试</p>',
        text: '测试',
        status: 'FAILED',
        lastError: 'refused',
      },
    });
    const victim = await stack.db.user.findUniqueOrThrow({ where: { username: 'member4' } });
    const contacts = {
      principalLeaderName: '主要负责人',
      principalLeaderEmail: 'leader@zhongshan.union.example.org',
      partyCommitteeName: '区委',
      partyCommitteeEmail: 'committee@zhongshan.gov.example.org',
    };
    const READ_ALL = {
      ADMIN: 200,
      OFFICE: 200,
      LEADER: 200,
      PARTY_MEMBER: 200,
      DEPARTMENT: 200,
      UNIT: 200,
      THIRD_PARTY: 200,
    };
    const EVIDENCE_READERS = { OFFICE: 200, LEADER: 200, PARTY_MEMBER: 200, DEPARTMENT: 200, UNIT: 200 };
    const matrix: {
      name: string;
      call: (session: Session, role: Role) => request.Test;
      allowed: Partial<Record<Role, number>>;
    }[] = [
      { name: 'GET /categories', call: (s) => s.get('/api/categories'), allowed: READ_ALL },
      { name: 'GET /units', call: (s) => s.get('/api/units'), allowed: READ_ALL },
      { name: 'GET /departments', call: (s) => s.get('/api/departments'), allowed: READ_ALL },
      {
        name: 'PUT /units/:unitId/contacts',
        call: (s) => s.put(`/api/units/${zhongshanId}/contacts`, contacts),
        allowed: { OFFICE: 200 },
      },
      {
        name: 'GET /auth/users',
        call: (s) => s.get('/api/auth/users'),
        allowed: { ADMIN: 200, OFFICE: 200 },
      },
      {
        name: 'POST /auth/users',
        call: (s, role) =>
          s.post('/api/auth/users', {
            username: `new.${role.toLowerCase()}`,
            displayName: '新账号',
            role: 'OFFICE',
            password: 'Matrix2031pass',
          }),
        allowed: { ADMIN: 201 },
      },
      {
        name: 'POST /auth/users/:userId/password',
        call: (s) => s.post(`/api/auth/users/${victim.id}/password`, { newPassword: 'Matrix2031pass' }),
        allowed: { ADMIN: 204 },
      },
      {
        name: 'GET /audit',
        call: (s) => s.get('/api/audit?pageSize=5'),
        allowed: { ADMIN: 200, OFFICE: 200 },
      },
      {
        name: 'GET /cycles/:year/dashboard',
        call: (s) => s.get(`/api/cycles/${YEAR}/dashboard`),
        allowed: { OFFICE: 200, LEADER: 200, PARTY_MEMBER: 200, DEPARTMENT: 200, UNIT: 200 },
      },
      {
        name: 'GET /cycles/:year/notifications',
        call: (s) => s.get(`/api/cycles/${YEAR}/notifications`),
        allowed: { OFFICE: 200 },
      },
      {
        name: 'POST /notifications/:id/resend',
        call: (s) => s.post(`/api/notifications/${notice.id}/resend`, {}),
        allowed: { OFFICE: 202 },
      },
      { name: 'POST /cycles/:year/evidence', call: (s) => upload(s), allowed: { UNIT: 201, OFFICE: 201 } },
      {
        name: 'GET /cycles/:year/evidence',
        call: (s) => s.get(`/api/cycles/${YEAR}/evidence`),
        allowed: EVIDENCE_READERS,
      },
      {
        name: 'GET /evidence/:id',
        call: (s) => s.get(`/api/evidence/${evidence.id}`),
        allowed: EVIDENCE_READERS,
      },
      {
        name: 'GET /evidence/:id/download',
        call: (s) => s.get(`/api/evidence/${evidence.id}/download`),
        allowed: EVIDENCE_READERS,
      },
      {
        // Withdrawal is the owning unit's (the office withdraws only what it uploaded itself).
        name: 'DELETE /evidence/:id',
        call: (s) => s.del(`/api/evidence/${evidence.id}`),
        allowed: { UNIT: 204 },
      },
    ];
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const row of matrix) {
      // Forbidden roles first: their calls must leave nothing changed for the allowed ones.
      const order = [...ROLES].sort((a, b) => Number(a in row.allowed) - Number(b in row.allowed));
      for (const role of order) {
        const response = await row.call(as[role], role);
        outcomes.push(`${row.name} as ${role}: ${response.status}`);
        expected.push(`${row.name} as ${role}: ${row.allowed[role] ?? 403}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  test('object level across two units: unit B cannot read, list or withdraw unit A’s evidence, nor change contacts', async () => {
    const xigang = await signIn(stack.app, 'unit-xigang');
    const evidence = (
      await as.UNIT.agent
        .post(`/api/cycles/${YEAR}/evidence`)
        .set('x-csrf-token', as.UNIT.csrf)
        .attach('file', PDF, '材料.pdf')
    ).body.evidence;
    expect((await xigang.get(`/api/evidence/${evidence.id}`)).status).toBe(403);
    expect((await xigang.get(`/api/evidence/${evidence.id}/download`)).status).toBe(403);
    expect((await xigang.del(`/api/evidence/${evidence.id}`)).status).toBe(403);
    expect((await xigang.get(`/api/cycles/${YEAR}/evidence?unitId=${zhongshanId}`)).status).toBe(403);
    const upload = await xigang.agent
      .post(`/api/cycles/${YEAR}/evidence`)
      .set('x-csrf-token', xigang.csrf)
      .field('unitId', zhongshanId)
      .attach('file', PDF, 'x.pdf');
    expect(upload.status).toBe(403);
    const units = (await xigang.get('/api/units')).body.units as {
      code: string;
      principalLeaderEmail?: string;
    }[];
    expect(units.find((unit) => unit.code === 'xigang')?.principalLeaderEmail).toBeTruthy();
    expect(units.find((unit) => unit.code === 'zhongshan')).not.toHaveProperty('principalLeaderEmail');
    const dashboard = await xigang.get(`/api/cycles/${YEAR}/dashboard`);
    for (const round of dashboard.body.checkpointRounds)
      expect(round.units.map((unit: { unitCode: string }) => unit.unitCode)).toEqual(['xigang']);
    expect((await as.UNIT.get(`/api/evidence/${evidence.id}/download`)).status).toBe(200);
  });

  test('every response above had a documented status and, where documented, the documented body', () => {
    expect(contract.problems()).toEqual([]);
    expect(contract.checked().responses).toBeGreaterThan(100);
  });
});

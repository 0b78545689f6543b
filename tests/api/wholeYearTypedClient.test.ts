// A whole year driven only through the typed client generated from /api/openapi.json
// (client/generated/kaohe-api.ts by openapi-typescript, calls by openapi-fetch): every role signs in and
// acts through it, from publication to close, on Temporal's time-skipping test server (issue 12 §4).
// Paths, parameters, bodies and answers are checked by the compiler against the document; every
// response is also checked against the document at run time (tests/support/responseContract.ts).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../client/generated/kaohe-api';
import { startTestStack, type TestStack } from '../support/testStack';
import { responseContract } from '../support/responseContract';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';

const YEAR = 2033;
type Api = Client<paths>;
// Completion per unit (Art. 8, 11): changhai fails (Art. 16) and owes an explanation (Art. 21).
const fractionOf = (code: string) => (code === 'changhai' ? 0.3 : code === 'zhongshan' ? 1 : 0.9);

describe('a whole year through the generated typed client', () => {
  let stack: TestStack;
  let server: Server;
  let baseUrl: string;
  const contract = responseContract();
  const clients = new Map<string, Api>();

  beforeAll(async () => {
    stack = await startTestStack();
    server = stack.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    if (server) {
      server.closeAllConnections(); // fetch keeps connections alive
      await new Promise((resolve) => server.close(resolve));
    }
    await stack?.teardown();
  });

  /** A signed-in client: the session cookie and CSRF token the login answered, on every call. */
  const as = async (username: string): Promise<Api> => {
    const existing = clients.get(username);
    if (existing) return existing;
    const anonymous = createClient<paths>({ baseUrl });
    const { data, response } = await anonymous.POST('/auth/login', {
      body: { username, password: DEMO_PASSWORD },
    });
    if (!data) throw new Error(`sign-in as ${username}: ${response.status}`);
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const client = createClient<paths>({ baseUrl, headers: { cookie, 'x-csrf-token': data.csrfToken } });
    client.use({
      async onResponse({ request, response }) {
        const type = response.headers.get('content-type') ?? undefined;
        const body = type?.includes('application/json') ? await response.clone().json() : undefined;
        contract.record(request.method, request.url, response.status, body, type);
      },
    });
    clients.set(username, client);
    return client;
  };
  const ok = <T>(result: { data?: T; error?: unknown; response: Response }): T => {
    if (result.data === undefined)
      throw new Error(`${result.response.url}: ${result.response.status} ${JSON.stringify(result.error)}`);
    return result.data;
  };
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    const deadline = Date.now() + 90_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  test('publication → checkpoints → self-check → verification → rankings → scoring → approval → results → follow-up → closed', async () => {
    const year = { path: { year: YEAR } };
    const office = await as('office1');
    const stage = async () => ok(await office.GET('/cycles/{year}', { params: year })).cycle.stage;

    // ----- The office creates the cycle, its indicators, and publishes (Art. 5, 8) -----
    const demo = demoTargets(YEAR, new Date(await stack.env.currentTimeMs()));
    const created = ok(await office.POST('/cycles', { body: demo.cycle }));
    expect(created.cycle.year).toBe(YEAR);
    for (const indicator of demo.indicators)
      ok(await office.POST('/cycles/{year}/indicators', { params: year, body: indicator }));
    const check = ok(await office.GET('/cycles/{year}/publication-check', { params: year }));
    expect(check.errors).toEqual([]);
    const published = ok(
      await office.POST('/cycles/{year}/publish', { params: year, body: { acknowledgeWarnings: true } }),
    );
    expect(published.cycle.publishedAt).toBeTruthy();
    await waitFor('stage CHECKPOINTS', async () => (await stage()) === 'CHECKPOINTS');

    // ----- Targets (Art. 8, 12) and checkpoint submissions by every unit -----
    const { targets } = ok(await office.GET('/cycles/{year}/targets', { params: year }));
    expect(targets).toHaveLength(14);
    const unitId = (code: string) => targets.find((target) => target.unit.code === code)!.unit.id;
    for (const target of targets) {
      const unit = await as(`unit-${target.unit.code}`);
      for (const indicator of target.indicators)
        for (const checkpoint of indicator.checkpoints) {
          const { submission } = ok(
            await unit.POST('/cycles/{year}/checkpoints/{checkpointId}/submissions', {
              params: { path: { year: YEAR, checkpointId: checkpoint.id } },
              body: { unitId: target.unit.id, text: `${checkpoint.code} 完成情况`, evidenceIds: [] },
            }),
          );
          expect(submission.late).toBe(false);
        }
    }
    ok(
      await office.POST('/cycles/{year}/adjustments', {
        params: year,
        body: {
          unitId: unitId('zhongshan'),
          kind: 'COMMENDATION_MAJOR',
          count: 1,
          issuedBy: '市委',
          note: '通报表扬',
        },
      }),
    );
    const advance = async (from: 'CHECKPOINTS' | 'SELF_CHECK' | 'VERIFICATION' | 'EVALUATION') =>
      ok(await office.POST('/cycles/{year}/stage/advance', { params: year, body: { from } })).stage;
    expect(await advance('CHECKPOINTS')).toBe('SELF_CHECK');

    // ----- Self-check (Art. 8) -----
    for (const target of targets) {
      const unit = await as(`unit-${target.unit.code}`);
      const { recorded } = ok(
        await unit.POST('/cycles/{year}/self-checks', {
          params: year,
          body: {
            unitId: target.unit.id,
            items: target.indicators.map((indicator) => ({
              indicatorId: indicator.id,
              selfFraction: 1,
              text: '已完成',
            })),
          },
        }),
      );
      expect(recorded).toBe(target.indicators.length);
    }
    expect(await advance('SELF_CHECK')).toBe('VERIFICATION');

    // ----- Verification (Art. 8) -----
    const checkpointEntries = targets.flatMap((target) =>
      target.indicators.flatMap((indicator) =>
        indicator.checkpoints.map((checkpoint) => ({
          checkpointId: checkpoint.id,
          unitId: target.unit.id,
          fraction: fractionOf(target.unit.code),
          method: 'ON_SITE' as const,
        })),
      ),
    );
    const yearEndEntries = targets.flatMap((target) =>
      target.indicators.map((indicator) => ({
        indicatorId: indicator.id,
        unitId: target.unit.id,
        fraction: fractionOf(target.unit.code),
      })),
    );
    ok(
      await office.POST('/cycles/{year}/verifications/checkpoints', {
        params: year,
        body: { entries: checkpointEntries },
      }),
    );
    ok(
      await office.POST('/cycles/{year}/verifications/year-end', {
        params: year,
        body: { entries: yearEndEntries },
      }),
    );
    expect(await advance('VERIFICATION')).toBe('EVALUATION');

    // ----- Comprehensive evaluation (Art. 9, 13): members and a department rank every category -----
    const { categories } = ok(await office.GET('/categories'));
    for (const [username, kind] of [
      ['leader', 'LEADER'],
      ['member1', 'LEADER'],
      ['dept-research', 'DEPARTMENT'],
    ] as const) {
      const evaluator = await as(username);
      for (const category of categories) {
        const order = targets
          .filter((target) => target.unit.categoryId === category.id)
          .sort((a, b) => fractionOf(b.unit.code) - fractionOf(a.unit.code))
          .map((target) => target.unit.id);
        ok(
          await evaluator.POST('/cycles/{year}/rankings', {
            params: year,
            body: { kind, categoryId: category.id, unitOrder: order },
          }),
        );
      }
    }
    expect(await advance('EVALUATION')).toBe('SCORING');
    await waitFor(
      '14 results',
      async () => ok(await office.GET('/cycles/{year}/results', { params: year })).results.length === 14,
    );

    // ----- Approval (Art. 18): the leader and a majority approve -----
    const { round } = ok(await office.POST('/cycles/{year}/approval/submit', { params: year }));
    expect(round.number).toBe(1);
    const vote = { params: { path: { year: YEAR, number: 1 } }, body: { decision: 'APPROVE' as const } };
    expect(
      ok(await (await as('leader')).POST('/cycles/{year}/approval/rounds/{number}/votes', vote)).outcome,
    ).toBe('PENDING');
    expect(
      ok(await (await as('member1')).POST('/cycles/{year}/approval/rounds/{number}/votes', vote)).outcome,
    ).toBe('PENDING');
    expect(
      ok(await (await as('member2')).POST('/cycles/{year}/approval/rounds/{number}/votes', vote)).outcome,
    ).toBe('APPROVED');
    await waitFor('FOLLOW_UP', async () => (await stage()) === 'FOLLOW_UP');

    // ----- Results: a unit reads its own, with the breakdown (Art. 18) -----
    const changhai = await as('unit-changhai');
    const own = ok(
      await changhai.GET('/cycles/{year}/results/{unitId}', {
        params: { path: { year: YEAR, unitId: unitId('changhai') } },
      }),
    );
    expect(own.result.finalGrade).toBe('FAIL');
    expect(own.result.breakdown.indicators.length).toBeGreaterThan(0);
    const zhongshan = ok(
      await (
        await as('unit-zhongshan')
      ).GET('/cycles/{year}/results/{unitId}', {
        params: { path: { year: YEAR, unitId: unitId('zhongshan') } },
      }),
    );
    expect(zhongshan.result.total).toBeGreaterThan(100); // 100 and a major commendation (Art. 14)

    // ----- Follow-up (Art. 19-21): feedback, the failing unit's explanation, confirmations -----
    const leader = await as('leader');
    for (const target of targets)
      ok(
        await leader.POST('/cycles/{year}/feedback/{unitId}', {
          params: { path: { year: YEAR, unitId: target.unit.id } },
          body: { content: `${target.unit.name}：年度考核结果反馈` },
        }),
      );
    const path = { path: { year: YEAR, unitId: unitId('changhai') } };
    expect(
      ok(
        await changhai.POST('/cycles/{year}/explanations/{unitId}', {
          params: path,
          body: { content: '关于年度考核不合格的书面说明' },
        }),
      ).explanation.status,
    ).toBe('SUBMITTED');
    expect(
      ok(
        await office.POST('/cycles/{year}/explanations/{unitId}/review', {
          params: path,
          body: { decision: 'ACCEPT' },
        }),
      ).explanation.status,
    ).toBe('ACCEPTED');
    for (const target of targets)
      ok(
        await (
          await as(`unit-${target.unit.code}`)
        ).POST('/cycles/{year}/feedback/{unitId}/confirm', {
          params: { path: { year: YEAR, unitId: target.unit.id } },
          body: { note: '已向干部职工反馈' },
        }),
      );

    // ----- Closed (SPEC §2.13) -----
    await waitFor('CLOSED', async () => (await stage()) === 'CLOSED');
    const status = ok(await office.GET('/cycles/{year}/status', { params: year })).status;
    expect(status.stage).toBe('CLOSED');
    expect(
      ok(await office.GET('/cycles/{year}/feedback', { params: year })).feedback.every(
        (row) => row.confirmedAt,
      ),
    ).toBe(true);
    expect(contract.problems()).toEqual([]);
    expect(contract.checked().withSchema).toBeGreaterThan(100);
  });
});

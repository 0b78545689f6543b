// Publishing is one atomic step (issue 16): of two, or five, concurrent publishes exactly one is 202 and
// the rest a clean 409; afterwards the read model (publishedAt, stage) and the workflow agree, a unit's
// evidence upload is accepted and an indicator edit is refused (Art. 8: published targets are frozen).
import { startTestStack, signIn, type Session, type TestStack } from '../support/testStack';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { eventually } from '../support/cycleDriver';
import { minimalPdf } from '../support/evidenceFixtures';

describe('concurrent publication', () => {
  let stack: TestStack;
  let office: Session;
  let unit: Session;
  beforeAll(async () => {
    stack = await startTestStack();
    office = await signIn(stack.app, 'office1');
    unit = await signIn(stack.app, 'unit-zhongshan');
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  async function prepare(year: number) {
    const targets = demoTargets(year, new Date(await stack.env.currentTimeMs()));
    expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
    for (const indicator of targets.indicators)
      expect((await office.post(`/api/cycles/${year}/indicators`, indicator)).status).toBe(201);
    return targets;
  }

  test.each([
    [2041, 2],
    [2042, 5],
  ])(
    'cycle %i, %i concurrent publishes: one 202, the rest 409, read model and workflow agree',
    async (year, n) => {
      const targets = await prepare(year);
      const responses = await Promise.all(
        Array.from({ length: n }, () =>
          office.post(`/api/cycles/${year}/publish`, { acknowledgeWarnings: true }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([202, ...Array(n - 1).fill(409)]);
      for (const response of responses.filter((candidate) => candidate.status === 409))
        expect(response.body.error).toMatchObject({ code: 'ALREADY_PUBLISHED', message: expect.any(String) });

      const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year } });
      expect(cycle.publishedAt).not.toBeNull();
      expect(cycle.publishedAt!.toISOString()).toBe(
        responses.find((r) => r.status === 202)!.body.cycle.publishedAt,
      );
      const status = await eventually(
        async () => {
          const response = await office.get(`/api/cycles/${year}/status`);
          return response.body.status?.stage === 'CHECKPOINTS' ? response.body.status : undefined;
        },
        'the workflow in CHECKPOINTS',
        240_000,
      );
      expect(status.stage).toBe('CHECKPOINTS');
      await eventually(
        async () =>
          (await stack.db.cycle.findUniqueOrThrow({ where: { year } })).stage === 'CHECKPOINTS'
            ? true
            : undefined,
        'the read model in CHECKPOINTS',
        240_000,
      );

      const upload = await unit.agent
        .post(`/api/cycles/${year}/evidence`)
        .set('x-csrf-token', unit.csrf)
        .attach('file', minimalPdf(), 'a.pdf');
      expect(upload.status).toBe(201);
      const { code, ...rest } = targets.indicators[0];
      const edit = await office.put(`/api/cycles/${year}/indicators/${code}`, rest);
      expect(edit.status).toBe(409);
      expect(edit.body.error.code).toBe('WRONG_STAGE');
      expect((await office.post(`/api/cycles/${year}/publish`, { acknowledgeWarnings: true })).status).toBe(
        409,
      );
    },
    600_000,
  );

  // An edit that was checked as "unpublished" and then waited (here: on a row another transaction holds)
  // used to commit after a publication that had validated the targets without it, so the published
  // targets broke Art. 12. Now the edit holds the cycle row from its check to its commit and publishing
  // waits for it: the publication validates what the edit wrote and refuses it.
  test('an indicator edit racing a publication is in what the publication validates (Art. 8, 12)', async () => {
    const year = 2043;
    const targets = await prepare(year);
    const { code, ...rest } = targets.indicators[0];
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year } });
    const row = await stack.db.indicator.findUniqueOrThrow({
      where: { cycleId_code: { cycleId: cycle.id, code } },
    });
    // The edit is valid on its own but leaves the group's weights summing to less than Art. 12 asks.
    const edit = { ...rest, weight: Number(rest.weight) - 1 };
    const outcome = await stack.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "Indicator" WHERE "id" = ${row.id} FOR UPDATE`;
        const put = office.put(`/api/cycles/${year}/indicators/${code}`, edit).then((response) => response);
        await eventually(
          async () => {
            const waiting = await stack.db.$queryRaw<{ n: bigint }[]>`
              SELECT count(*) AS n FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'`;
            return Number(waiting[0].n) > 0 ? true : undefined;
          },
          'the edit waiting on the indicator row',
          30_000,
        );
        const publish = office.post(`/api/cycles/${year}/publish`, { acknowledgeWarnings: true });
        const early = await Promise.race([
          publish.then(() => 'answered'),
          new Promise((resolve) => setTimeout(() => resolve('waiting'), 2_000)),
        ]);
        return { put, publish, early };
      },
      { timeout: 60_000 },
    );
    const [put, publish] = await Promise.all([outcome.put, outcome.publish]);
    expect(outcome.early).toBe('waiting');
    expect(put.status).toBe(200);
    expect(publish.status).toBe(409);
    expect(publish.body.error.code).toBe('TARGETS_INVALID');
    const after = await stack.db.cycle.findUniqueOrThrow({ where: { year } });
    expect(after.publishedAt).toBeNull();
  }, 120_000);
});

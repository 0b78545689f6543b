// Issue 11: the deadline-day rush on the real Temporal server (the embedded tools/temporal-dev-server,
// the server software production runs), where a workflow takes at most 10 updates in flight and 2,000
// in all. 14 units × 10 checkpoints × 16 submissions from 30 concurrent clients over HTTP: every one
// accepted (a 503 is retried after its Retry-After), each unit's latest submission per checkpoint
// stored once with its 16 revisions audited once each, and the round still accepts the next one after
// more than 2,000.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type KaoheConfig } from '../../runtime/config';
import { ensureDevServerBinary } from '../../runtime/temporalDevServer';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { startSmtpInbox, type SmtpInbox } from '../support/smtpInbox';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { mainJobConfig, signInAt, startMainJob, type MainJob } from '../support/mainJob';
import { oneRoundOf, runBurst } from '../support/burst';
import { eventually } from '../support/cycleDriver';

const YEAR = 2032;
const DAY = 24 * 60 * 60 * 1000;

describe('every submission of a deadline-day burst is accepted on the real Temporal server (issue 11)', () => {
  let dataDir: string;
  let inbox: SmtpInbox;
  let database: TestDatabase;
  let config: KaoheConfig;
  let job: MainJob | undefined;

  beforeAll(async () => {
    await ensureDevServerBinary();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-burst-'));
    inbox = await startSmtpInbox();
    database = await createTestDatabase();
    config = await mainJobConfig({
      dataDir,
      databaseUrl: database.url,
      smtpUrl: inbox.url,
      taskQueue: 'kaohe-burst-test',
    });
    job = await startMainJob(config);
  }, 20 * 60_000);

  afterAll(async () => {
    await job?.stop().catch(() => undefined);
    await inbox?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    '14 units × 10 checkpoints × 16 from 30 clients: every one accepted once, and the next after 2,000 too',
    async () => {
      const office = await signInAt(job!.baseUrl, 'office1');
      const targets = oneRoundOf(
        demoTargets(YEAR, new Date()),
        new Date(Date.now() + 20 * DAY).toISOString(),
        10,
      );
      expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
      for (const indicator of targets.indicators)
        expect((await office.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
      expect((await office.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true })).status).toBe(
        202,
      );
      const cycle = await job!.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
      await eventually(
        async () =>
          (await job!.db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).stage === 'CHECKPOINTS',
        'the checkpoint stage',
        60_000,
      );

      // Units that undertake every checkpoint (Art. 12 exempts two urban units from one indicator).
      const checkpoints = await job!.db.checkpoint.findMany({
        where: { cycleId: cycle.id },
        include: { indicator: { include: { notUndertaken: true } } },
      });
      expect(checkpoints).toHaveLength(10);
      const users = await job!.db.user.findMany({ where: { role: 'UNIT' }, include: { unit: true } });
      const units = users
        .filter((user) => user.unit?.active)
        .map((user) => ({ username: user.username, unitId: user.unitId! }));
      expect(units).toHaveLength(14);
      const checkpointsOf = (unit: { unitId: string }) =>
        checkpoints
          .filter((cp) => !cp.indicator.notUndertaken.some((row) => row.unitId === unit.unitId))
          .map((cp) => cp.id);
      const chains = units.reduce((sum, unit) => sum + checkpointsOf(unit).length, 0);

      const result = await runBurst({
        baseUrl: job!.baseUrl,
        year: YEAR,
        password: DEMO_PASSWORD,
        units,
        checkpointsOf,
        repeats: 16,
        concurrency: 30,
      });
      console.log(
        `burst: ${result.requests} submissions, ${result.accepted} accepted, by status ${JSON.stringify(result.byStatus)}, ` +
          `${result.retried} retried after 503, ${result.perSecond.toFixed(1)}/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms`,
      );
      expect(result.accepted).toBe(result.requests);
      expect(result.requests).toBe(chains * 16);
      expect(result.requests).toBeGreaterThan(2000);

      // Each unit's latest submission per checkpoint, once; every submission audited once.
      const stored = await job!.db.checkpointSubmission.findMany({
        where: { checkpoint: { cycleId: cycle.id } },
      });
      expect(stored).toHaveLength(chains);
      for (const row of stored) {
        expect(row.text).toBe(result.lastText(row.unitId, row.checkpointId));
        expect(row.late).toBe(false);
      }
      const audited = await job!.db.auditLog.count({
        where: { cycleId: cycle.id, action: 'checkpoint.submit' },
      });
      expect(audited).toBe(result.requests);

      // More than 2,000 submissions to one round, and the round still takes the next.
      const first = units.find((candidate) => checkpointsOf(candidate).includes(checkpoints[0].id))!;
      const unit = await signInAt(job!.baseUrl, first.username);
      const next = await unit.post(`/api/cycles/${YEAR}/checkpoints/${checkpoints[0].id}/submissions`, {
        unitId: first.unitId,
        text: '截止日后的补充说明',
      });
      expect(next.status).toBe(201);
      expect(
        await job!.db.auditLog.count({ where: { cycleId: cycle.id, action: 'checkpoint.submit' } }),
      ).toBe(result.requests + 1);
    },
    15 * 60_000,
  );
});

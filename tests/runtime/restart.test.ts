// Issue 8: on embedded defaults a running cycle survives a restart of the main job. The same functions
// as `npm start` (startServices, runWorker, runApiServer) run against a temporary DATA_DIR with the
// embedded Temporal server (tools/temporal-dev-server on SQLite, built into .kaohe/temporal-server
// when missing). PostgreSQL is the test run's (its embedded server cannot be loaded inside Jest's
// module system; its own persistence is not what this test is about), a database of this file's that
// outlives the restart. Mail goes to an SMTP server in this process, which lives across the restart
// and so sees every message ever sent. In real time: no time skipping here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type KaoheConfig } from '../../runtime/config';
import { ensureDevServerBinary, temporalDataDir } from '../../runtime/temporalDevServer';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { createCycleActions } from '../../client/cycleActions';
import { cycleStatusQuery, type CycleStatus } from '../../workflows/contract';
import { actors, eventually } from '../support/cycleDriver';
import { startSmtpInbox, type SmtpInbox } from '../support/smtpInbox';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { mainJobConfig, signInAt, startMainJob, type MainJob } from '../support/mainJob';

const YEAR = 2031;
/**
 * The first checkpoint round falls due this long after the targets are made: long enough for
 * publication, a submission, a full stop and a full start (PostgreSQL, Temporal, bundling the
 * workflows for the worker) on a busy machine, so that the round's reminder fires after the restart.
 */
const ROUND_DUE_IN_MS = 150_000;

const noticeOf = (mail: SmtpInbox['messages'][number]) => mail.headers['x-kaohe-notice'];

describe('the embedded default keeps a running cycle across a restart (issue 8)', () => {
  let dataDir: string;
  let inbox: SmtpInbox;
  let database: TestDatabase;
  let config: KaoheConfig;
  let job: MainJob | undefined;

  beforeAll(async () => {
    // A cold build (no Go caches) takes minutes; later runs find the binary in .kaohe/temporal-server.
    const started = Date.now();
    await ensureDevServerBinary();
    console.log(`temporal-dev-server binary ready in ${Math.round((Date.now() - started) / 1000)} s`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-restart-'));
    inbox = await startSmtpInbox();
    database = await createTestDatabase();
    config = await mainJobConfig({
      dataDir,
      databaseUrl: database.url,
      smtpUrl: inbox.url,
      taskQueue: 'kaohe-restart-test',
    });
  }, 20 * 60_000);

  afterAll(async () => {
    await job?.stop().catch(() => undefined);
    await inbox?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'carries on after stop and start: still running, accepts the next submission, reminds, sends nothing twice',
    async () => {
      job = await startMainJob(config);

      // --- publish a cycle through the API, its first checkpoint round due shortly, reminder at the due time
      const targets = demoTargets(YEAR, new Date());
      const roundDueAt = new Date(Date.now() + ROUND_DUE_IN_MS).toISOString();
      for (const indicator of targets.indicators) {
        for (const checkpoint of indicator.checkpoints) {
          if (checkpoint.dueAt === targets.roundDueDates[0]) checkpoint.dueAt = roundDueAt;
        }
      }
      const office = await signInAt(job.baseUrl, 'office1');
      const created = await office.post('/api/cycles', { ...targets.cycle, reminderLeadDays: 0 });
      expect(created.status).toBe(201);
      for (const indicator of targets.indicators) {
        expect((await office.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
      }
      expect((await office.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true })).status).toBe(
        202,
      );
      const cycle = await job.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
      const wf = cycle.workflowId;

      const status = (): Promise<CycleStatus> => job!.client.workflow.getHandle(wf).query(cycleStatusQuery);
      // Evidence is taken once the checkpoint stage opens (after the targets' notices).
      const round = await eventually(async () => {
        const current = await status();
        return (
          current.stage === 'CHECKPOINTS' &&
          current.rounds.find((candidate) => Date.parse(candidate.dueAt) === Date.parse(roundDueAt))
        );
      }, 'the first checkpoint round');

      // Two units that undertake every checkpoint of the round and have a principal leader to remind.
      const checkpoints = await job.db.checkpoint.findMany({
        where: { id: { in: round.checkpointIds } },
        include: { indicator: { include: { notUndertaken: true } } },
      });
      const units = await job.db.unit.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
      const candidates = units.filter(
        (unit) =>
          unit.principalLeaderEmail &&
          checkpoints.every(
            (checkpoint) => !checkpoint.indicator.notUndertaken.some((row) => row.unitId === unit.id),
          ),
      );
      expect(candidates.length).toBeGreaterThan(2);
      const [first, second] = candidates;
      const who = await actors(job.db);
      const submitAll = (running: MainJob, unit: (typeof units)[number]) =>
        Promise.all(
          checkpoints.map((checkpoint) =>
            createCycleActions({ db: running.db, cycles: running.cycles }).submitCheckpoint(cycle, {
              actor: who.unitActor(unit.code),
              unitId: unit.id,
              checkpointId: checkpoint.id,
              text: `${unit.code} ${checkpoint.code} 完成情况说明`,
            }),
          ),
        );

      const firstResults = await submitAll(job, first);
      expect(firstResults.every((result) => !result.late)).toBe(true);
      // Publication told every unit its targets before the stop: the outbox is empty and delivered.
      await eventually(async () => {
        const byStatus = await job!.db.notification.groupBy({ by: ['status'], _count: true });
        const sent = byStatus.find((row) => row.status === 'SENT')?._count ?? 0;
        return sent > 0 && byStatus.length === 1 && inbox.messages.length === sent;
      }, 'publication notices delivered');

      // --- stop everything, start again on the same DATA_DIR
      await job.stop();
      job = undefined;
      expect(fs.existsSync(path.join(temporalDataDir(dataDir), 'temporal.sqlite'))).toBe(true);
      const beforeRestart = inbox.messages.length;
      job = await startMainJob(config);
      const restartedAt = Date.now();
      // The timing this test relies on: the reminder must still lie ahead.
      expect(restartedAt).toBeLessThan(Date.parse(roundDueAt) - 5_000);

      // The cycle's workflow is still running — described directly and listed by Temporal's visibility.
      expect((await job.client.workflow.getHandle(wf).describe()).status.name).toBe('RUNNING');
      const running = await eventually(async () => {
        const ids: string[] = [];
        for await (const execution of job!.client.workflow.list({
          query: `WorkflowId = '${wf}' AND ExecutionStatus = 'Running'`,
        })) {
          ids.push(execution.workflowId);
        }
        return ids.length > 0 && ids;
      }, 'the cycle in the visibility list');
      expect(running).toEqual([wf]);
      expect((await status()).stage).toBe('CHECKPOINTS');

      // Another unit's submission is accepted, on time.
      const secondResults = await submitAll(job, second);
      expect(secondResults).toHaveLength(checkpoints.length);
      expect(secondResults.every((result) => !result.late)).toBe(true);
      const stored = await job.db.checkpointSubmission.findMany({
        where: { checkpointId: { in: round.checkpointIds } },
      });
      expect(new Set(stored.map((row) => row.unitId))).toEqual(new Set([first.id, second.id]));

      // The round's reminder fires after the restart, to the units that have not submitted.
      const reminded = (unit: (typeof units)[number]) =>
        inbox.messages.some(
          (mail) =>
            noticeOf(mail) === 'CHECKPOINT_REMINDER' &&
            mail.to.includes(unit.principalLeaderEmail!.toLowerCase()),
        );
      await eventually(
        async () => reminded(candidates[2]),
        'the checkpoint reminder',
        Date.parse(roundDueAt) - Date.now() + 90_000,
      );
      const firstReminder = inbox.messages.findIndex((mail) => noticeOf(mail) === 'CHECKPOINT_REMINDER');
      expect(firstReminder).toBeGreaterThanOrEqual(beforeRestart);
      // The overdue notice follows at the same due time; wait until the outbox is delivered again.
      await eventually(async () => {
        const byStatus = await job!.db.notification.groupBy({ by: ['status'], _count: true });
        const sent = byStatus.find((row) => row.status === 'SENT')?._count ?? 0;
        const overdue = inbox.messages.some((mail) => noticeOf(mail) === 'CHECKPOINT_OVERDUE');
        return overdue && byStatus.length === 1 && inbox.messages.length === sent;
      }, "the round's notices delivered");
      expect(reminded(first)).toBe(false);
      expect(reminded(second)).toBe(false);

      // Nothing twice: a notice's Message-ID derives from its outbox key, so a resend would repeat it.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const messageIds = inbox.messages.map((mail) => mail.messageId);
      expect(new Set(messageIds).size).toBe(messageIds.length);
      expect(inbox.messages.filter((mail) => mail.headers['x-kaohe-redelivery'])).toEqual([]);
      const sentRows = await job.db.notification.count({ where: { status: 'SENT' } });
      expect(inbox.messages).toHaveLength(sentRows);
      // Publication notices were not sent again after the restart.
      const afterRestart = inbox.messages.slice(beforeRestart).map(noticeOf);
      expect(
        afterRestart.filter((event) => event !== 'CHECKPOINT_REMINDER' && event !== 'CHECKPOINT_OVERDUE'),
      ).toEqual([]);
    },
    15 * 60_000,
  );
});

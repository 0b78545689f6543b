// Issue 14: the first `npm start` serves the web app and the API as soon as PostgreSQL is up, while the
// embedded Temporal server is still being built and started. The office signs in and sets targets (no
// workflow needed, Art. 8); publishing answers 503 ENGINE_STARTING with Retry-After, stores nothing, and
// works once the engine is ready. The main job is runtime/mainJob.ts as `npm start` runs it, with a real
// API, PostgreSQL (the test run's), SMTP server and embedded Temporal server; the one seam holds the
// engine's start back (the build it stands for takes minutes and is never redone in a test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { type KaoheConfig } from '../../runtime/config';
import { ensureDevServerBinary } from '../../runtime/temporalDevServer';
import { startMainJob, type RunningMainJob } from '../../runtime/mainJob';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { startSmtpInbox, type SmtpInbox } from '../support/smtpInbox';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { mainJobConfig, signInAt } from '../support/mainJob';

const YEAR = 2033;

describe('the API answers before the embedded engine is ready (issue 14)', () => {
  let dataDir: string;
  let inbox: SmtpInbox;
  let database: TestDatabase;
  let config: KaoheConfig;
  let job: RunningMainJob | undefined;
  let releaseEngine: () => void = () => undefined;

  beforeAll(async () => {
    await ensureDevServerBinary();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-engine-starting-'));
    inbox = await startSmtpInbox();
    database = await createTestDatabase();
    config = await mainJobConfig({
      dataDir,
      databaseUrl: database.url,
      smtpUrl: inbox.url,
      taskQueue: 'kaohe-engine-starting-test',
    });
  }, 20 * 60_000);

  afterAll(async () => {
    releaseEngine();
    await job?.stop().catch(() => undefined);
    await inbox?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    'signs in and sets targets while the engine starts; publishing waits with 503 ENGINE_STARTING, then works',
    async () => {
      const lines: string[] = [];
      const engineHeld = new Promise<void>((resolve) => (releaseEngine = resolve));
      job = await startMainJob(config, { log: (line) => lines.push(line), beforeEngine: () => engineHeld });
      const baseUrl = `http://127.0.0.1:${config.API_PORT}`;

      // The engine is not there: its state says so, and /readyz is not ready.
      const engine = await request(baseUrl).get('/api/engine');
      expect(engine.status).toBe(200);
      expect(engine.body.engine).toMatchObject({ state: 'starting' });
      const ready = await request(baseUrl).get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ database: true, temporal: false });

      // Sign-in and targets need no workflow.
      const office = await signInAt(baseUrl, 'office1');
      const targets = demoTargets(YEAR, new Date());
      const created = await office.post('/api/cycles', targets.cycle);
      expect(created.status).toBe(201);
      for (const indicator of targets.indicators) {
        expect((await office.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
      }

      // Publishing needs the engine: 503 ENGINE_STARTING with Retry-After, never a 500, nothing stored.
      const early = await office.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true });
      expect(early.status).toBe(503);
      expect(early.body.error.code).toBe('ENGINE_STARTING');
      expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(5);
      const unpublished = await job.api.db.cycle.findUniqueOrThrow({ where: { year: YEAR } });
      expect(unpublished.publishedAt).toBeNull();
      expect(await job.api.db.auditLog.count({ where: { action: 'cycle.publish' } })).toBe(0);

      // The engine comes up by itself once let go; the same request then works.
      releaseEngine();
      await job.engineReady;
      const after = await request(baseUrl).get('/api/engine');
      expect(after.body.engine).toMatchObject({ state: 'ready' });
      expect((await request(baseUrl).get('/readyz')).status).toBe(200);
      const published = await office.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true });
      expect(published.status).toBe(202);
      expect(lines.some((line) => /Workflow engine ready after/.test(line))).toBe(true);
    },
    5 * 60_000,
  );
});

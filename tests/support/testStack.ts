// The real stack for a test file: its own PostgreSQL database seeded with the federation, Temporal's
// Java test server with time skipping, a worker, an SMTP server in this process, and the API.
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import type { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import type { Express } from 'express';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { createRealServerEnv, createTimeSkippingEnv } from './temporalTestEnv';
import { startSmtpInbox } from './smtpInbox';
import { seedFederation, DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { createCycleWorker } from '../../runtime/worker';
import { createMailTransport } from '../../mail/mailer';
import { createApp } from '../../api/app';
import { createCycleClient, type CycleClient } from '../../client/cycleClient';
import { createCycleActions, type CycleActions } from '../../client/cycleActions';
import type { Db } from '../../prisma/client';
import type { ResponseContract } from './responseContract';

export const TASK_QUEUE = 'kaohe-test';
export const MAIL_FROM = '考核工作办公室 <kaohe@example.org>';
export const PUBLIC_URL = 'http://kaohe.test';

export interface TestStack {
  db: Db;
  database: TestDatabase;
  env: TestWorkflowEnvironment;
  worker: Worker;
  inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  app: Express;
  cycles: CycleClient;
  /** The human actions as the API performs them (facts in PostgreSQL, or updates for engine 1). */
  actions: CycleActions;
  evidenceDir: string;
  /** Starts a worker (again) on the same task queue, e.g. after stopping one to prove durability. */
  startWorker(): Promise<Worker>;
  stopWorker(): Promise<void>;
  teardown(): Promise<void>;
}

export async function startTestStack(
  options: {
    loginAttemptsPer15Min?: number;
    loginAttemptsPerAddressPer15Min?: number;
    sessionTtlMinutes?: number;
    /**
     * Workers that keep no workflow cache, so no task is bound to one worker's sticky queue: for tests
     * that stop the worker and start another (Temporal's test server does not move sticky tasks on).
     */
    replaceableWorkers?: boolean;
    /** 'real': the embedded Temporal server with its production limits, no time skipping. */
    server?: 'time-skipping' | 'real';
  } = {},
): Promise<TestStack> {
  const database = await createTestDatabase();
  await seedFederation(database.db, { password: DEMO_PASSWORD });
  const env = options.server === 'real' ? await createRealServerEnv() : await createTimeSkippingEnv();
  const inbox = await startSmtpInbox();
  const mailer = createMailTransport(inbox.url);
  const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-evidence-'));
  const deps = { db: database.db, mailer, mailFrom: MAIL_FROM, publicUrl: PUBLIC_URL, evidenceDir };
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    worker = await createCycleWorker({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      deps,
      tuning: options.replaceableWorkers ? { maxCachedWorkflows: 0 } : undefined,
    });
    running = worker.run();
    return worker;
  };
  const stopWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await running?.catch(() => undefined);
  };
  await startWorker();
  const cycles = createCycleClient(env.client, TASK_QUEUE);
  // Facts happen at the test server's time, which the tests skip ahead.
  const now = async () => new Date(await env.currentTimeMs());
  const app = createApp({
    now,
    db: database.db,
    cycles,
    mailer,
    mailFrom: MAIL_FROM,
    settings: {
      sessionTtlMinutes: options.sessionTtlMinutes ?? 60,
      secureCookies: false,
      evidenceDir,
      evidenceMaxBytes: 2 * 1024 * 1024,
      publicUrl: PUBLIC_URL,
      loginAttemptsPer15Min: options.loginAttemptsPer15Min ?? 5,
      loginAttemptsPerAddressPer15Min:
        options.loginAttemptsPerAddressPer15Min ?? Math.max(10, (options.loginAttemptsPer15Min ?? 5) * 4),
    },
    temporalReachable: async () => true,
  });
  return {
    db: database.db,
    database,
    env,
    get worker() {
      return worker!;
    },
    inbox,
    app,
    cycles,
    actions: createCycleActions({ db: database.db, cycles, now }),
    evidenceDir,
    startWorker,
    stopWorker,
    async teardown() {
      await stopWorker();
      await env.teardown();
      await inbox.stop();
      await database.drop();
      fs.rmSync(evidenceDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  userId: string;
  get(url: string): request.Test;
  post(url: string, body?: object): request.Test;
  put(url: string, body?: object): request.Test;
  del(url: string): request.Test;
}

let contract: ResponseContract | undefined;
/** Every response a session receives from now on is checked against the OpenAPI document (or no longer, with undefined). */
export function checkResponsesAgainst(next: ResponseContract | undefined): void {
  contract = next;
}
function recorded(method: string, url: string, test: request.Test): request.Test {
  return test.on('response', (response: { status: number; body: unknown; headers: Record<string, string> }) =>
    contract?.record(method, url, response.status, response.body, response.headers['content-type']),
  );
}

/** Signs in through the real login route and keeps the cookie and CSRF token. */
export async function signIn(app: Express, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const agent = request.agent(app);
  const response = await agent.post('/api/auth/login').send({ username, password });
  if (response.status !== 200)
    throw new Error(`sign-in as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const csrf = response.body.csrfToken as string;
  return {
    agent,
    csrf,
    userId: response.body.user.id,
    get: (url) => recorded('get', url, agent.get(url)),
    post: (url, body) =>
      recorded(
        'post',
        url,
        agent
          .post(url)
          .set('x-csrf-token', csrf)
          .send(body ?? {}),
      ),
    put: (url, body) =>
      recorded(
        'put',
        url,
        agent
          .put(url)
          .set('x-csrf-token', csrf)
          .send(body ?? {}),
      ),
    del: (url) => recorded('delete', url, agent.delete(url).set('x-csrf-token', csrf)),
  };
}

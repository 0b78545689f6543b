// The main job as `npm start` runs it (runtime/mainJob.ts) on the embedded Temporal
// server (tools/temporal-dev-server, the same server software as production) with the test run's
// PostgreSQL database and an SMTP server of the caller's: for tests and benchmarks on the real server.
import net from 'node:net';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type KaoheConfig } from '../../runtime/config';
import { startMainJob as startRuntimeMainJob } from '../../runtime/mainJob';
import { DEMO_PASSWORD } from '../../runtime/seed/seedFederation';
import { createDb, type Db } from '../../prisma/client';
import { createCycleClient, type CycleClient } from '../../client/cycleClient';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface MainJob {
  db: Db;
  client: Client;
  cycles: CycleClient;
  baseUrl: string;
  stop(): Promise<void>;
}

/** What runtime/main.ts does, minus the web build and the signal handling; resolves once the engine is ready. */
export async function startMainJob(config: KaoheConfig): Promise<MainJob> {
  const job = await startRuntimeMainJob(config, { log: () => undefined });
  let temporalAddress: string;
  try {
    ({ temporalAddress } = await job.engineReady);
  } catch (error) {
    await job.stop().catch(() => undefined);
    throw error;
  }
  const db = createDb(job.storage.databaseUrl);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  return {
    db,
    client,
    cycles: createCycleClient(client, config.TEMPORAL_TASK_QUEUE),
    baseUrl: `http://127.0.0.1:${config.API_PORT}`,
    async stop() {
      await connection.close();
      await db.$disconnect();
      await job.stop();
    },
  };
}

export async function signInAt(baseUrl: string, username: string) {
  const agent = request.agent(baseUrl);
  const response = await agent.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
  if (response.status !== 200)
    throw new Error(`sign-in as ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  const csrf = response.body.csrfToken as string;
  return {
    post: (url: string, body: object) => agent.post(url).set('x-csrf-token', csrf).send(body),
    get: (url: string) => agent.get(url),
  };
}

/** The main job's configuration over a test database and SMTP server, on free ports of its own. */
export async function mainJobConfig(options: {
  dataDir: string;
  databaseUrl: string;
  smtpUrl: string;
  taskQueue: string;
}): Promise<KaoheConfig> {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl,
    EMBEDDED_TEMPORAL_PORT: String(await freePort()),
    API_PORT: String(await freePort()),
    SMTP_URL: options.smtpUrl,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    PUBLIC_URL: 'http://kaohe.test',
  });
}

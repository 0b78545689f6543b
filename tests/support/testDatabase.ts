// Each test file gets its own database, copied from the migrated template (fast, and order-independent).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDb, type Db } from '../../prisma/client';
import { ensureDatabase } from '../../runtime/embeddedPostgres';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.KAOHE_TEST_PG_SERVER_URL;
  if (!url)
    throw new Error(
      'KAOHE_TEST_PG_SERVER_URL is unset: run the tests through jest (tests/support/globalSetup.ts)',
    );
  return url;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `kaohe_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl(), name, process.env.KAOHE_TEST_TEMPLATE_DATABASE);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.$disconnect();
      const client = new Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

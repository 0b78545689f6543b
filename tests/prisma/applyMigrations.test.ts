// prisma/applyMigrations.ts stands in for `prisma migrate deploy`: it must apply each committed
// migration once, record it in `_prisma_migrations` as Prisma does (so either tool can take over),
// refuse a migration edited after it was applied, and stay correct when two processes start at once.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS_DIR, applyMigrations } from '../../prisma/applyMigrations';
import { ensureDatabase } from '../../runtime/embeddedPostgres';

const INIT = '20261124000000_init';
/** Every committed migration, in the order they apply. */
const ALL = fs
  .readdirSync(path.join(__dirname, '..', '..', 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function serverUrl(): string {
  const url = process.env.KAOHE_TEST_PG_SERVER_URL;
  if (!url) throw new Error('KAOHE_TEST_PG_SERVER_URL is unset: run the tests through jest');
  return url;
}

const createdDatabases: string[] = [];

/** A new database with nothing in it (not copied from the migrated template). */
async function emptyDatabase(): Promise<string> {
  const name = `kaohe_migrate_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl(), name);
  createdDatabases.push(name);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A copy of the committed migrations that a test may edit. */
function copyOfMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const recordedMigrations = (url: string) =>
  query<MigrationRow>(
    url,
    'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY started_at',
  );

const tableExists = async (url: string, table: string) =>
  (await query<{ found: string | null }>(url, `SELECT to_regclass('"${table}"')::text AS found`))[0].found !==
  null;

afterAll(async () => {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
});

test('an empty database gets every migration, recorded as prisma migrate deploy records it', async () => {
  const url = await emptyDatabase();
  const fileChecksum = createHash('sha256')
    .update(fs.readFileSync(path.join(MIGRATIONS_DIR, INIT, 'migration.sql')))
    .digest('hex');

  expect(await applyMigrations(url)).toEqual(ALL);

  const rows = await recordedMigrations(url);
  expect(rows).toHaveLength(ALL.length);
  expect(rows[0]).toMatchObject({
    migration_name: INIT,
    checksum: fileChecksum,
    rolled_back_at: null,
    applied_steps_count: 1,
    logs: null,
  });
  expect(rows[0].finished_at).toBeInstanceOf(Date);
  expect(await tableExists(url, 'Cycle')).toBe(true);
  expect(await tableExists(url, 'AuditLog')).toBe(true);
});

test('a second run applies nothing and leaves the record as it was', async () => {
  const url = await emptyDatabase();
  await applyMigrations(url);
  const before = await recordedMigrations(url);

  expect(await applyMigrations(url)).toEqual([]);
  expect(await recordedMigrations(url)).toEqual(before);
});

test('a migration edited after it was applied is refused, naming the migration', async () => {
  const url = await emptyDatabase();
  const dir = copyOfMigrations();
  try {
    await applyMigrations(url, dir);
    fs.appendFileSync(path.join(dir, INIT, 'migration.sql'), '\n-- edited afterwards\n');

    const refusal = await applyMigrations(url, dir).then(
      () => null,
      (error: Error) => error,
    );
    expect(refusal?.name).toBe('MigrationError');
    expect(refusal?.message).toBe(`Migration ${INIT} was changed after it was applied (checksum differs).`);
    expect(await recordedMigrations(url)).toHaveLength(ALL.length);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a later migration is applied alone, after the ones already recorded', async () => {
  const url = await emptyDatabase();
  const dir = copyOfMigrations();
  try {
    await applyMigrations(url, dir);
    const later = '20991231000000_unit_short_name';
    fs.mkdirSync(path.join(dir, later));
    fs.writeFileSync(
      path.join(dir, later, 'migration.sql'),
      '-- AlterTable\nALTER TABLE "Unit" ADD COLUMN "shortName" TEXT;\n',
    );

    expect(await applyMigrations(url, dir)).toEqual([later]);
    expect((await recordedMigrations(url)).map((row) => row.migration_name)).toEqual([...ALL, later]);
    const columns = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Unit' AND column_name = 'shortName'`,
    );
    expect(columns).toHaveLength(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing migration leaves neither its changes nor a record behind', async () => {
  const url = await emptyDatabase();
  const dir = copyOfMigrations();
  try {
    await applyMigrations(url, dir);
    const broken = '20261201000000_broken';
    fs.mkdirSync(path.join(dir, broken));
    fs.writeFileSync(
      path.join(dir, broken, 'migration.sql'),
      'CREATE TABLE "Scratch" ("id" TEXT NOT NULL);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n',
    );

    const failure = await applyMigrations(url, dir).then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.name).toBe('MigrationError');
    expect(failure?.message).toMatch(
      /^Migration 20261201000000_broken failed: relation "NoSuchTable" does not exist/,
    );
    expect(await tableExists(url, 'Scratch')).toBe(false);
    expect((await recordedMigrations(url)).map((row) => row.migration_name)).toEqual(ALL);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('two processes migrating the same database at once apply the migration once', async () => {
  const url = await emptyDatabase();

  const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);

  expect([...first, ...second]).toEqual(ALL);
  expect(await recordedMigrations(url)).toHaveLength(ALL.length);
});

// `npm run seed`: the federation's structure and one account per role, into DATABASE_URL or, when it is
// unset, into the embedded PostgreSQL the main job uses (started for the purpose and stopped after).
// Idempotent: rows that exist are kept, so it is safe on a database that already holds a cycle.
import path from 'node:path';
import { loadConfig, ConfigError } from './config';
import { ensureDatabase, startEmbeddedPostgres } from './embeddedPostgres';
import { seedFederation, DEMO_PASSWORD } from './seed/seedFederation';
import { applyMigrations } from '../prisma/applyMigrations';
import { createDb } from '../prisma/client';

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[kaohe-seed] ${line}`);
  const config = loadConfig();
  let databaseUrl = config.DATABASE_URL;
  let stopPostgres: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const dataDir = path.join(config.DATA_DIR, 'postgres');
    const postgres = await startEmbeddedPostgres({
      dataDir,
      port: config.EMBEDDED_POSTGRES_PORT,
      persistent: true,
    });
    stopPostgres = () => postgres.stop();
    await ensureDatabase(postgres.serverUrl, 'kaohe');
    databaseUrl = postgres.databaseUrl('kaohe');
    log(`Embedded PostgreSQL, data in ${dataDir}`);
  }
  try {
    const applied = await applyMigrations(databaseUrl);
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    const db = createDb(databaseUrl);
    try {
      const summary = await seedFederation(db);
      log(
        `${summary.units} units in ${summary.categories} categories, ${summary.departments} departments, ${summary.users.length} accounts`,
      );
      for (const user of summary.users)
        log(`  ${user.username.padEnd(22)} ${user.role.padEnd(13)} ${user.title}`);
      log(`Password of every new demo account: ${DEMO_PASSWORD}`);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await stopPostgres?.();
  }
}

main().catch((error: unknown) => {
  console.error(
    `[kaohe-seed] ${error instanceof ConfigError ? error.message : ((error as Error)?.message ?? String(error))}`,
  );
  process.exit(1);
});

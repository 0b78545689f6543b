// The main job: `npm start`. On embedded defaults it starts PostgreSQL, a Temporal server and an SMTP
// inbox, seeds the federation on an empty database, runs the worker and serves the API and web app.
import { loadConfig, ConfigError } from './config';
import { startServices, StartupError } from './startServices';
import { onShutdown, runApiServer, runWorker } from './components';
import { seedFederation, DEMO_PASSWORD } from './seed/seedFederation';
import { ensureWebBuild } from './webBuild';
import { createDb } from '../prisma/client';

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[kaohe] ${line}`);
  const config = loadConfig();
  // Before the services start, so the bundler does not compete with Temporal's start-up.
  await ensureWebBuild(log);
  const services = await startServices(config, log);
  const seedDb = createDb(services.databaseUrl);
  if ((await seedDb.unit.count()) === 0) {
    const summary = await seedFederation(seedDb);
    log(
      `Seeded the federation: ${summary.units} units in ${summary.categories} categories, ${summary.users.length} accounts`,
    );
  }
  await seedDb.$disconnect();
  const worker = await runWorker(config, services);
  const api = await runApiServer(config, services);
  log(`Web app and API:  ${config.publicUrl}   (API reference: ${config.publicUrl}/api/docs)`);
  if (services.mailInboxUrl) log(`Mail inbox:       ${services.mailInboxUrl}`);
  log(
    `Temporal:         ${services.temporalAddress}${services.embedded.temporal ? ' (embedded, persistent)' : ''}`,
  );
  log(
    `Sign in as office1, leader, member1, dept-legal, unit-zhongshan, thirdparty or admin; password ${DEMO_PASSWORD}`,
  );
  log('Press Ctrl-C to stop.');
  onShutdown(log, async () => {
    await api.stop();
    await worker.stop();
    await services.stop();
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError)
    console.error(`[kaohe] ${error.message}`);
  else console.error('[kaohe] failed to start:', error);
  process.exit(1);
});

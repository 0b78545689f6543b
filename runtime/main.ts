// The main job: `npm start`. On embedded defaults it starts PostgreSQL, a Temporal server and an SMTP
// inbox, seeds the federation on an empty database, runs the worker and serves the API and web app.
// The API and web app are served as soon as PostgreSQL is up; the engine follows (runtime/mainJob.ts).
import { loadConfig, ConfigError } from './config';
import { StartupError } from './startServices';
import { onShutdown } from './components';
import { DEMO_PASSWORD } from './seed/seedFederation';
import { ensureWebBuild } from './webBuild';
import { startMainJob } from './mainJob';

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[kaohe] ${line}`);
  const config = loadConfig();
  // Before the services start, so the bundler does not compete with Temporal's start-up.
  await ensureWebBuild(log);
  const job = await startMainJob(config, { log });
  onShutdown(log, () => job.stop());
  log(`Web app and API:  ${config.publicUrl}   (API reference: ${config.publicUrl}/api/docs)`);
  if (job.storage.mailInboxUrl) log(`Mail inbox:       ${job.storage.mailInboxUrl}`);
  log(
    `Sign in as office1, leader, member1, dept-legal, unit-zhongshan, thirdparty or admin; password ${DEMO_PASSWORD}`,
  );
  log('The workflow engine is starting; publishing is enabled once it is ready. Press Ctrl-C to stop.');
  try {
    const { temporalAddress } = await job.engineReady;
    log(`Temporal:         ${temporalAddress}${config.TEMPORAL_ADDRESS ? '' : ' (embedded, persistent)'}`);
  } catch (error) {
    if (job.stopping) return; // Ctrl-C during the start: onShutdown stops and exits
    await job.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError)
    console.error(`[kaohe] ${error.message}`);
  else console.error('[kaohe] failed to start:', error);
  process.exit(1);
});

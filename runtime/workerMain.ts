// A worker process of a production deployment (docker-compose `worker`; run more to scale out).
import { loadConfig, ConfigError } from './config';
import { onShutdown, runWorker } from './components';
import { requireExternalEndpoints } from './requireExternalEndpoints';

async function main() {
  const log = (line: string) => console.log(`[kaohe-worker] ${line}`);
  const config = loadConfig();
  const worker = await runWorker(config, requireExternalEndpoints(config));
  log(`Workflow code: ${worker.workflowBundlePath ?? 'workflows/, bundled at start'}`);
  log(`Polling task queue ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  onShutdown(log, () => worker.stop());
  await worker.running;
}

main().catch((error: unknown) => {
  console.error(
    `[kaohe-worker] ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}`,
  );
  process.exit(1);
});

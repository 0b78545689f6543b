// The API process of a production deployment (docker-compose `api`): all services are external.
import { loadConfig, ConfigError } from './config';
import { onShutdown, runApiServer } from './components';
import { requireExternalEndpoints } from './requireExternalEndpoints';
import { applyMigrations } from '../prisma/applyMigrations';

async function main() {
  const log = (line: string) => console.log(`[kaohe-api] ${line}`);
  const config = loadConfig();
  const endpoints = requireExternalEndpoints(config);
  const applied = await applyMigrations(endpoints.databaseUrl);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  const api = await runApiServer(config, endpoints);
  log(`Listening on ${config.API_PORT}`);
  onShutdown(log, () => api.stop());
}

main().catch((error: unknown) => {
  console.error(
    `[kaohe-api] ${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}`,
  );
  process.exit(1);
});

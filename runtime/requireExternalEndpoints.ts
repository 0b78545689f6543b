import { ConfigError, type KaoheConfig } from './config';
import type { Endpoints } from './components';

/** Production processes never start embedded services: every address must be configured. */
export function requireExternalEndpoints(config: KaoheConfig): Endpoints {
  const missing = (['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'] as const).filter((name) => !config[name]);
  if (missing.length > 0)
    throw new ConfigError(`Set ${missing.join(', ')}: production processes do not start embedded services`);
  return {
    databaseUrl: config.DATABASE_URL!,
    temporalAddress: config.TEMPORAL_ADDRESS!,
    smtpUrl: config.SMTP_URL!,
  };
}

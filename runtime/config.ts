// The one place the environment is read. A bad value stops start-up with a message naming the variable.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`,
    )
    .optional();

const hostPort = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
  .optional();

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalUrl(['postgresql:', 'postgres:']),
  TEMPORAL_ADDRESS: hostPort,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('kaohe-annual-cycle'),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().min(3).default('考核工作办公室 <kaohe@example.org>'),
  API_PORT: port(3000),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  // Resolved to an absolute path: child processes (Maven, PostgreSQL) run in other directories.
  DATA_DIR: z
    .string()
    .min(1)
    .default('.kaohe')
    .transform((dir) => path.resolve(dir)),
  EVIDENCE_DIR: z
    .string()
    .min(1)
    .transform((dir) => path.resolve(dir))
    .optional(),
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 60),
  MAIL_INBOX_SMTP_PORT: port(1025),
  MAIL_INBOX_WEB_PORT: port(1080),
  EMBEDDED_POSTGRES_PORT: port(54329),
  EMBEDDED_TEMPORAL_PORT: port(7233),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('warn'),
  // The workflow bundle made at build time (the image sets it); unset, a compiled worker uses
  // dist/workflow-bundle.js when present and a worker run from the sources bundles workflows/ itself.
  WORKFLOW_BUNDLE: z
    .string()
    .min(1)
    .transform((file) => path.resolve(file))
    .refine((file) => fs.existsSync(file), 'must name an existing file: the bundle `npm run build` writes')
    .optional(),
});

export type KaoheConfig = z.infer<typeof configSchema> & { evidenceDir: string; publicUrl: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KaoheConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  return {
    ...config,
    evidenceDir: config.EVIDENCE_DIR ?? path.join(config.DATA_DIR, 'evidence'),
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.API_PORT}`,
  };
}

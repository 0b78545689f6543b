// Issue 16: a main job killed with SIGKILL leaves its embedded PostgreSQL running and the data directory
// locked; the next start must stop that orphan cleanly and come up within a minute, with the data kept.
// The embedded server cannot be loaded inside Jest's module system, so both starts run as child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const CHILD = path.join(__dirname, '..', 'support', 'embeddedPostgresChild.ts');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startChild(dataDir: string, port: number, then: 'wait' | 'stop') {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(port), then], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('READY')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`child exited ${code} before READY:\n${output}`)));
  });
  return { child, ready, output: () => output };
}

/** The parent-death watches (`sh -c 'while kill -0 <pid> …'`) that guard what process `pid` started. */
function watchesOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`while kill -0 ${pid} `);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

describe('embedded PostgreSQL after kill -9 of the main job', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-orphan-'));
  const dataDir = path.join(root, 'postgres');
  afterAll(() => {
    // If the test failed half-way, the orphan must not outlive it either.
    try {
      const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 1) process.kill(pid, 'SIGKILL');
    } catch {
      // nothing running
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the next start stops the orphan on the same data directory and is up within a minute, data kept', async () => {
    const port = await freePort();
    const first = startChild(dataDir, port, 'wait');
    await first.ready;
    const url = `postgresql://postgres:kaohe@127.0.0.1:${port}/postgres`;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE kept (value text)');
    await client.query("INSERT INTO kept VALUES ('before the crash')");
    await client.end();

    // The watch that stops PostgreSQL when its main job dies (runtime/staleProcess.ts) is killed first:
    // this test is about the start after a kill that took the watch too (a kill of everything, a reboot
    // of a container without an init); tests/runtime/killMainJob.test.ts covers the watch itself.
    const watches = watchesOf(first.child.pid!);
    expect(watches.length).toBe(1);
    for (const pid of watches) process.kill(pid, 'SIGKILL');
    first.child.kill('SIGKILL');
    await exited(first.child);
    const orphan = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow(); // the orphan really outlived its parent

    const started = Date.now();
    const second = startChild(dataDir, port, 'wait');
    await second.ready;
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(() => process.kill(orphan, 0)).toThrow();
    const again = new Client({ connectionString: url });
    await again.connect();
    expect((await again.query('SELECT value FROM kept')).rows).toEqual([{ value: 'before the crash' }]);
    await again.end();
    second.child.kill('SIGINT');
    second.child.kill('SIGKILL');
    await exited(second.child);
    // A clean stop after this start: the last child stops its own server.
    const third = startChild(dataDir, port, 'stop');
    await third.ready;
    await exited(third.child);
    expect(third.child.exitCode).toBe(0);
  }, 180_000);
});

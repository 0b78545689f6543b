// What the embedded services share against a main job that died without stopping them (kill -9, the
// OOM killer, a power cut of the terminal; issue 16): a watch that stops a service when the main job
// is gone, and, at the next start, finding a stale instance on the same data directory and stopping it
// cleanly before starting a new one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The command line of a live process, or null (gone, or no /proc: not Linux). */
export function commandLineOf(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/** SIGINT (both PostgreSQL and the Temporal server stop cleanly on it), SIGKILL after waitMs. */
export async function stopProcess(pid: number, waitMs: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + waitMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * Sends SIGINT to `pid` as soon as this process is gone without having cancelled the watch. A tiny
 * shell loop, not a Node process: it costs a megabyte, and it must outlive us, which a thread cannot.
 * In its own process group, so that Ctrl-C (which the main job handles by stopping everything in
 * order) and a kill of the main job's group do not take it along.
 */
export function stopWhenThisProcessDies(pid: number): { cancel(): void } {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -INT ${pid} 2>/dev/null`;
  const watch = spawn('/bin/sh', ['-c', script], { stdio: 'ignore', detached: true });
  watch.on('error', () => undefined); // no /bin/sh: the next start's stale-instance check remains
  watch.unref();
  return {
    cancel: () => {
      if (watch.exitCode === null && watch.signalCode === null) watch.kill('SIGKILL');
    },
  };
}

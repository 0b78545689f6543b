// `go build` with progress (issue 14): on a fresh 2-core machine the embedded Temporal server takes about
// ten minutes to build (621 s measured: its modules downloaded, 1,749 packages compiled), and a
// terminal that prints one line and then nothing for that long looks hung. So the packages are counted
// first (`go list -deps`), `go build -v` names each package as it compiles it, and a line with the count,
// the time so far and an estimate of the time left is printed every so often.
import { execFile, spawn } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import { stopWhenThisProcessDies } from './staleProcess';

/** The fresh 2-core machine of issue 14: 621 s, modules downloaded and everything compiled. */
export const COLD_BUILD_SECONDS_ON_TWO_CORES = 621;

export interface BuildProgress {
  phase: 'downloading' | 'compiling' | 'linking';
  packagesDone: number;
  /** Packages the program depends on (an upper bound: those in Go's build cache are not compiled again). */
  packagesTotal: number | null;
  elapsedSeconds: number;
  estimatedSecondsLeft: number;
}

/** A first guess before anything is measured: the previous build of this machine, else the cold figure per core. */
export function priorBuildSeconds(
  previousSeconds: number | undefined,
  cores = os.availableParallelism(),
): number {
  if (previousSeconds && previousSeconds > 0) return previousSeconds;
  return Math.round((COLD_BUILD_SECONDS_ON_TWO_CORES * 2) / Math.max(1, Math.min(cores, 16)));
}

/** Linking the 150 MB binary after the last package compiled. */
const LINK_SECONDS = 20;

/**
 * Seconds left: from the compile rate once a tenth of the packages are done (the rate is steady by
 * then), before that from the prior guess; never below a few seconds while the build runs.
 */
export function estimateSecondsLeft(input: {
  elapsedSeconds: number;
  compileSeconds: number;
  packagesDone: number;
  packagesTotal: number | null;
  priorSeconds: number;
}): number {
  const { elapsedSeconds, compileSeconds, packagesDone, packagesTotal, priorSeconds } = input;
  if (packagesTotal && packagesDone >= packagesTotal * 0.1 && compileSeconds > 0) {
    const left = Math.max(0, packagesTotal - packagesDone);
    return Math.max(5, Math.round((compileSeconds / packagesDone) * left + LINK_SECONDS));
  }
  return Math.max(5, Math.round(priorSeconds - elapsedSeconds));
}

export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}

export function progressLine(label: string, progress: BuildProgress): string {
  const count =
    progress.phase === 'downloading'
      ? 'downloading modules'
      : progress.phase === 'linking'
        ? 'linking'
        : progress.packagesTotal
          ? `${progress.packagesDone}/${progress.packagesTotal} packages (${Math.min(100, Math.round((progress.packagesDone / progress.packagesTotal) * 100))}%)`
          : `${progress.packagesDone} packages`;
  return `${label}: ${count}, ${formatDuration(progress.elapsedSeconds)} so far, about ${formatDuration(progress.estimatedSecondsLeft)} left`;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`go ${args.join(' ')} failed:\n${(stdout + stderr).slice(-3000)}`));
      else resolve(stdout);
    });
  });
}

/** An import path as `go build -v` prints it (one per line); anything else is a message of the compiler. */
const PACKAGE_LINE = /^[A-Za-z0-9][\w.\-~/+]*$/;

export async function goBuildWithProgress(options: {
  go: string;
  sourceDir: string;
  /** Arguments after `go build -v`, e.g. ['-o', file, '.']. */
  buildArgs: string[];
  env: NodeJS.ProcessEnv;
  label: string;
  priorSeconds: number;
  log: (line: string) => void;
  onProgress?: (progress: BuildProgress) => void;
  /** How often a progress line is printed (the callback hears every package). */
  logEveryMs?: number;
  now?: () => number;
}): Promise<{ seconds: number; packagesCompiled: number }> {
  const now = options.now ?? Date.now;
  const started = now();
  const elapsed = () => (now() - started) / 1000;
  const logEveryMs = options.logEveryMs ?? 20_000;
  let lastLogged = 0;
  let progress: BuildProgress = {
    phase: 'downloading',
    packagesDone: 0,
    packagesTotal: null,
    elapsedSeconds: 0,
    estimatedSecondsLeft: options.priorSeconds,
  };
  const emit = (force = false) => {
    options.onProgress?.(progress);
    if (force || now() - lastLogged >= logEveryMs) {
      lastLogged = now();
      options.log(progressLine(options.label, progress));
    }
  };
  emit(true);

  // Downloads the modules (the first minutes of a cold build) and counts the packages to compile.
  const ticker = setInterval(() => {
    progress = {
      ...progress,
      elapsedSeconds: elapsed(),
      estimatedSecondsLeft: Math.max(5, Math.round(options.priorSeconds - elapsed())),
    };
    emit();
  }, 5_000);
  let packagesTotal: number | null = null;
  try {
    const listed = await run(
      options.go,
      ['list', '-deps', '-f', '{{.ImportPath}}', '.'],
      options.sourceDir,
      options.env,
    );
    packagesTotal = listed.split('\n').filter((line) => line.trim()).length || null;
  } finally {
    clearInterval(ticker);
  }

  const compileStarted = now();
  let packagesDone = 0;
  const messages: string[] = [];
  const update = (phase: BuildProgress['phase']) => {
    const compileSeconds = (now() - compileStarted) / 1000;
    progress = {
      phase,
      packagesDone,
      packagesTotal,
      elapsedSeconds: elapsed(),
      estimatedSecondsLeft:
        phase === 'linking'
          ? LINK_SECONDS
          : estimateSecondsLeft({
              elapsedSeconds: elapsed(),
              compileSeconds,
              packagesDone,
              packagesTotal,
              priorSeconds: options.priorSeconds,
            }),
    };
  };
  update('compiling');
  emit(true);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(options.go, ['build', '-v', ...options.buildArgs], {
      cwd: options.sourceDir,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A main job killed mid-build must not leave minutes of compiling behind it (issue 16).
    const watch = child.pid ? stopWhenThisProcessDies(child.pid) : undefined;
    const onLine = (line: string) => {
      if (!PACKAGE_LINE.test(line.trim())) {
        messages.push(line);
        return;
      }
      packagesDone += 1;
      update(packagesTotal && packagesDone >= packagesTotal ? 'linking' : 'compiling');
      emit();
    };
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    readline.createInterface({ input: child.stdout }).on('line', (line) => messages.push(line));
    // The clock moves on while one big package compiles for a minute: keep the line and estimate fresh.
    const timer = setInterval(() => {
      update(progress.phase);
      emit();
    }, 5_000);
    child.once('error', (error) => {
      clearInterval(timer);
      watch?.cancel();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearInterval(timer);
      watch?.cancel();
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `go build ${options.buildArgs.join(' ')} failed (${code ?? signal}):\n${messages.join('\n').slice(-3000)}`,
          ),
        );
    });
  });
  return { seconds: elapsed(), packagesCompiled: packagesDone };
}

// Issue 14: the first start's build of the embedded Temporal server shows its progress with an estimate.
// The estimate's rules as plain functions, and the real `go build -v` of a small module of three
// packages (the server itself is never rebuilt in a test: minutes of CPU).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  estimateSecondsLeft,
  formatDuration,
  goBuildWithProgress,
  priorBuildSeconds,
  progressLine,
  type BuildProgress,
} from '../../runtime/goBuild';

const GO = [
  '/usr/local/go/bin/go',
  ...(process.env.PATH ?? '').split(':').map((dir) => path.join(dir, 'go')),
].find((candidate) => fs.existsSync(candidate));

describe('the estimate', () => {
  test('before anything is measured: the previous build, else 621 s on two cores scaled by the cores', () => {
    expect(priorBuildSeconds(undefined, 2)).toBe(621);
    expect(priorBuildSeconds(undefined, 4)).toBe(311);
    expect(priorBuildSeconds(undefined, 1)).toBe(1242);
    expect(priorBuildSeconds(16, 2)).toBe(16);
  });

  test('the prior guess until a tenth of the packages compiled, then the compile rate plus linking', () => {
    const base = { priorSeconds: 600, packagesTotal: 1600 };
    expect(estimateSecondsLeft({ ...base, elapsedSeconds: 100, compileSeconds: 40, packagesDone: 100 })).toBe(
      500,
    );
    // 160 packages in 80 s: 0.5 s each, 1440 left → 720 s, plus 20 s to link.
    expect(estimateSecondsLeft({ ...base, elapsedSeconds: 120, compileSeconds: 80, packagesDone: 160 })).toBe(
      740,
    );
    // A slow machine past its prior guess still says a little is left, never zero or negative.
    expect(estimateSecondsLeft({ ...base, elapsedSeconds: 900, compileSeconds: 0, packagesDone: 0 })).toBe(5);
    expect(
      estimateSecondsLeft({ ...base, elapsedSeconds: 900, compileSeconds: 800, packagesDone: 1600 }),
    ).toBe(20);
  });

  test('the terminal line: count, share, time so far, time left', () => {
    const progress: BuildProgress = {
      phase: 'compiling',
      packagesDone: 412,
      packagesTotal: 1630,
      elapsedSeconds: 190,
      estimatedSecondsLeft: 365,
    };
    expect(progressLine('Building', progress)).toBe(
      'Building: 412/1630 packages (25%), 3 min 10 s so far, about 6 min 5 s left',
    );
    expect(progressLine('Building', { ...progress, phase: 'downloading' })).toMatch(
      /^Building: downloading modules,/,
    );
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(7)).toBe('7 s');
  });
});

(GO ? describe : describe.skip)('go build -v with progress', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-gobuild-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('counts the packages it compiles, reports each, prints lines with the estimate, builds the binary', async () => {
    // Unique contents so Go's build cache cannot hold them already.
    const stamp = `${process.pid}-${Date.now()}`;
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/progress\n\ngo 1.22\n');
    for (const name of ['alpha', 'beta']) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(
        path.join(dir, name, `${name}.go`),
        `package ${name}\n\nfunc Name() string { return "${name}-${stamp}" }\n`,
      );
    }
    fs.writeFileSync(
      path.join(dir, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/progress/alpha"\n\t"example.com/progress/beta"\n)\n\nfunc main() { fmt.Println(alpha.Name(), beta.Name()) }\n',
    );
    const lines: string[] = [];
    const heard: BuildProgress[] = [];
    const output = path.join(dir, 'progress-bin');
    const built = await goBuildWithProgress({
      go: GO!,
      sourceDir: dir,
      // The server's flags: the standard library then comes from Go's build cache, as the server's did.
      buildArgs: ['-trimpath', '-o', output, '.'],
      env: { ...process.env, GOFLAGS: '-mod=readonly', GOPROXY: 'off', GOTOOLCHAIN: 'local' },
      label: 'Building the example',
      priorSeconds: 30,
      log: (line) => lines.push(line),
      onProgress: (progress) => heard.push(progress),
      logEveryMs: 0,
    });
    expect(lines[0]).toBe('Building the example: downloading modules, 0 s so far, about 30 s left');
    const compiled = heard.filter((progress) => progress.packagesDone > 0);
    // The three packages of the module; the standard library's may come from the cache.
    expect(built.packagesCompiled).toBeGreaterThanOrEqual(3);
    // Each package heard as it compiles (the clock's updates repeat a count), up to the last.
    const counts = compiled.map((progress) => progress.packagesDone);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBe(built.packagesCompiled);
    expect(counts.at(-1)).toBe(built.packagesCompiled);
    // `go list -deps` counted the standard library too: an upper bound of what compiles.
    expect(compiled[0].packagesTotal).toBeGreaterThan(3);
    expect(
      lines.some((line) =>
        /^Building the example: \d+\/\d+ packages \(\d+%\), .* so far, about .* left$/.test(line),
      ),
    ).toBe(true);
    expect(execFileSync(output, { encoding: 'utf8' }).trim()).toBe(`alpha-${stamp} beta-${stamp}`);
  }, 180_000);

  test("a compile error fails with the compiler's message", async () => {
    const broken = fs.mkdtempSync(path.join(dir, 'broken-'));
    fs.writeFileSync(path.join(broken, 'go.mod'), 'module example.com/broken\n\ngo 1.22\n');
    fs.writeFileSync(path.join(broken, 'main.go'), 'package main\n\nfunc main() { undefinedName() }\n');
    await expect(
      goBuildWithProgress({
        go: GO!,
        sourceDir: broken,
        buildArgs: ['-trimpath', '-o', path.join(broken, 'bin'), '.'],
        env: { ...process.env, GOPROXY: 'off', GOTOOLCHAIN: 'local' },
        label: 'Building',
        priorSeconds: 10,
        log: () => undefined,
      }),
    ).rejects.toThrow(/undefined: undefinedName/);
  }, 120_000);
});

// A small valid scoring file (SPEC §5) that each test changes in one place, and helpers to run the
// real CLI as a child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');
export const examplePath = path.resolve(repoRoot, 'examples/scoring-example.json');
export const expectedPath = path.resolve(repoRoot, 'examples/scoring-example.expected.json');

/* eslint-disable @typescript-eslint/no-explicit-any */
export type ScoringFile = Record<string, any>;

/**
 * Category X holds A, B, C; category Y holds D alone (n = 1). Indicators: K1 (KEY_TASK 50, two
 * checkpoints of share 0.25), K2 (KEY_TASK 30), I1 (INSTRUCTION 10), M1 (MEETING 10): 80/10/10 (Art. 12).
 * Everyone completes everything unless a test says otherwise.
 */
export function baseFile(): ScoringFile {
  const full = {
    K1: { checkpoints: { 'K1-a': 1, 'K1-b': 1 }, yearEnd: 1 },
    K2: { yearEnd: 1 },
    I1: { yearEnd: 1 },
    M1: { yearEnd: 1 },
  };
  return {
    config: {},
    units: [
      { id: 'A', name: '甲区总工会', category: 'X' },
      { id: 'B', name: '乙区总工会', category: 'X' },
      { id: 'C', name: '丙区总工会', category: 'X' },
      { id: 'D', name: '丁县总工会', category: 'Y' },
    ],
    indicators: [
      {
        id: 'K1',
        name: '工会组建',
        group: 'KEY_TASK',
        weight: 50,
        checkpoints: [
          { id: 'K1-a', share: 0.25 },
          { id: 'K1-b', share: 0.25 },
        ],
      },
      { id: 'K2', name: '服务阵地', group: 'KEY_TASK', weight: 30 },
      { id: 'I1', name: '指示批示落实', group: 'INSTRUCTION', weight: 10 },
      { id: 'M1', name: '会议议定事项落实', group: 'MEETING', weight: 10 },
    ],
    results: {
      A: structuredClone(full),
      B: structuredClone(full),
      C: structuredClone(full),
      D: structuredClone(full),
    },
    rankings: {
      leaders: [{ evaluator: 'leader-1', order: { X: ['A', 'B', 'C'], Y: ['D'] } }],
      departments: [{ evaluator: 'dept-1', order: { X: ['A', 'B', 'C'], Y: ['D'] } }],
    },
    adjustments: [],
    downgrades: [],
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run -s score -- ARGS` without npm: tsx on scripts/scoreCli.ts, from the repository root. */
export function runScoreCli(args: string[], stdin?: string): CliRun {
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/scoreCli.ts', ...args],
    {
      cwd: repoRoot,
      input: stdin,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

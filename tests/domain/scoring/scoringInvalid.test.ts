// Every invalid input of SPEC §5 (and other malformed files) is refused as a whole with an error that
// names what is wrong and where; the CLI prints it as {"error": ...} on standard error and exits 2.
import {
  parseScoringInput,
  scoreUnits,
  scoringConfigSchema,
  type ScoringProblem,
} from '../../../domain/scoring';
import { baseFile, runScoreCli, type ScoringFile } from './scoringFixtures';

function problemsOf(file: unknown): ScoringProblem[] {
  try {
    scoreUnits(parseScoringInput(file));
  } catch (error) {
    // Compared by name, not instanceof (Jest re-requires modules).
    expect((error as Error).name).toBe('ScoringInputError');
    return (error as { details: ScoringProblem[] }).details;
  }
  throw new Error('the file was accepted');
}

function refused(change: (file: ScoringFile) => void, path: string, message: RegExp) {
  const file = baseFile();
  change(file);
  expect(problemsOf(file)).toEqual(
    expect.arrayContaining([{ path, message: expect.stringMatching(message) }]),
  );
}

describe('invalid scoring files (SPEC §5)', () => {
  it('accepts the base file (so each refusal below is caused by its one change)', () => {
    expect(scoreUnits(parseScoringInput(baseFile())).units).toHaveLength(4);
  });

  it('refuses weights not summing to 100, overall and per group (Art. 11, 12)', () => {
    refused(
      (file) => (file.indicators[0].weight = 40),
      'indicators[].weight',
      /must sum to 100, they sum to 90/,
    );
    refused(
      (file) => (file.indicators[0].weight = 40),
      'indicators[group=KEY_TASK].weight',
      /KEY_TASK must sum to 80, they sum to 70/,
    );
    // 80 + 10 + 10 overall, but the groups are configured 70/20/10.
    refused(
      (file) => (file.config = { groupWeights: { KEY_TASK: 70, INSTRUCTION: 20 } }),
      'indicators[group=INSTRUCTION].weight',
      /INSTRUCTION must sum to 20, they sum to 10/,
    );
  });

  it('refuses a share above 1 and shares summing above 1 (Art. 8, 11)', () => {
    refused(
      (file) => (file.indicators[0].checkpoints[0].share = 1.5),
      'indicators[0].checkpoints[0].share',
      /share must be within \[0, 1\]/,
    );
    refused(
      (file) => (file.indicators[0].checkpoints[0].share = 0.8),
      'indicators[0] (K1).checkpoints',
      /shares of indicator "K1" sum to more than 1/,
    );
  });

  it('refuses fractions outside [0, 1], naming unit, indicator and checkpoint (Art. 8)', () => {
    refused(
      (file) => (file.results.B.K1.checkpoints['K1-b'] = 1.2),
      'results.B.K1.checkpoints.K1-b',
      /fraction 1.2 is outside \[0, 1\]/,
    );
    refused(
      (file) => (file.results.C.K2.yearEnd = -0.1),
      'results.C.K2.yearEnd',
      /fraction -0.1 is outside \[0, 1\]/,
    );
    refused(
      (file) => (file.results.C.K2.yearEnd = '0.5'),
      'results.C.K2.yearEnd',
      /fraction must be a number/,
    );
  });

  it('refuses a ranking that misses, repeats or misplaces a unit, or skips a category (Art. 13)', () => {
    refused(
      (file) => (file.rankings.leaders[0].order.X = ['A', 'B']),
      'rankings.leaders[0] (leader-1).order.X',
      /evaluator "leader-1" did not rank "C"/,
    );
    refused(
      (file) => (file.rankings.departments[0].order.X = ['A', 'B', 'B']),
      'rankings.departments[0] (dept-1).order.X[2]',
      /evaluator "dept-1" ranks unit "B" twice/,
    );
    refused(
      (file) => (file.rankings.leaders[0].order.X = ['A', 'B', 'C', 'D']),
      'rankings.leaders[0] (leader-1).order.X[3]',
      /unit "D" of category "Y" in "X"/,
    );
    refused(
      (file) => delete file.rankings.leaders[0].order.Y,
      'rankings.leaders[0] (leader-1).order.Y',
      /did not rank category "Y"/,
    );
    refused(
      (file) => (file.rankings.leaders[0].order.Z = []),
      'rankings.leaders[0] (leader-1).order.Z',
      /unknown category "Z"/,
    );
  });

  it('refuses missing rankings and missing third-party scores when required (Art. 9, 11, 13)', () => {
    refused(
      (file) => (file.rankings.leaders = []),
      'rankings.leaders',
      /at least one party-group member ranking is required/,
    );
    refused(
      (file) => (file.rankings.departments = []),
      'rankings.departments',
      /at least one department ranking is required/,
    );
    refused((file) => delete file.rankings, 'rankings', /rankings \{leaders, departments\} are required/);
    refused(
      (file) => (file.config = { comprehensive: { thirdParty: 3 } }),
      'thirdParty.A',
      /third-party score of unit "A" is missing/,
    );
    refused(
      (file) => {
        file.config = { comprehensive: { thirdParty: 3 } };
        file.thirdParty = { A: 100, B: 100, C: 101, D: 100 };
      },
      'thirdParty.C',
      /must be a number within \[0, 100\]/,
    );
    refused(
      (file) => {
        file.config = { comprehensive: { leader: 10, department: 5 } };
        file.thirdParty = { A: 100, B: 100, C: 100, D: 100 };
      },
      'config.comprehensive.thirdParty',
      /no third-party weight/,
    );
  });

  it('refuses duplicate ids (units, indicators, checkpoints, evaluators)', () => {
    refused(
      (file) => file.units.push({ id: 'A', name: '重复', category: 'X' }),
      'units[4].id',
      /duplicate unit id "A"/,
    );
    refused(
      (file) => file.indicators.push({ ...file.indicators[3], weight: 0 }),
      'indicators[4].id',
      /duplicate indicator id "M1"/,
    );
    refused(
      (file) => (file.indicators[1].checkpoints = [{ id: 'K1-a', share: 0.1 }]),
      'indicators[1] (K2).checkpoints[0].id',
      /duplicate checkpoint id "K1-a"/,
    );
    refused(
      (file) => file.rankings.leaders.push(structuredClone(file.rankings.leaders[0])),
      'rankings.leaders[1].evaluator',
      /duplicate evaluator "leader-1"/,
    );
  });

  it('refuses unknown unit ids wherever a unit is named', () => {
    refused((file) => (file.results.Q = {}), 'results.Q', /unknown unit "Q"/);
    refused(
      (file) => (file.indicators[1].notUndertakenBy = ['Q']),
      'indicators[1] (K2).notUndertakenBy[0]',
      /unknown unit "Q"/,
    );
    refused(
      (file) => (file.adjustments = [{ unit: 'Q', kind: 'COMMENDATION_MAJOR', count: 1 }]),
      'adjustments[0].unit',
      /unknown unit "Q"/,
    );
    refused(
      (file) => (file.downgrades = [{ unit: 'Q', levels: 1, reason: 'MAJOR_ERROR' }]),
      'downgrades[0].unit',
      /unknown unit "Q"/,
    );
    refused(
      (file) => (file.rankings.leaders[0].order.X = ['A', 'B', 'Q']),
      'rankings.leaders[0] (leader-1).order.X[2]',
      /ranks unknown unit "Q"/,
    );
    refused(
      (file) => {
        file.thirdParty = { A: 1, B: 1, C: 1, D: 1, Q: 1 };
      },
      'thirdParty.Q',
      /unknown unit "Q"/,
    );
  });

  it('refuses a unit that undertakes no indicator (Art. 12)', () => {
    refused(
      (file) => {
        for (const indicator of file.indicators) indicator.notUndertakenBy = ['D'];
        delete file.results.D;
      },
      'units[D]',
      /unit "D" undertakes no indicator/,
    );
  });

  it('refuses results for unknown indicators, foreign checkpoints and indicators not undertaken', () => {
    refused(
      (file) => (file.results.A.Z9 = { yearEnd: 1 }),
      'results.A.Z9',
      /unknown indicator "Z9" for unit "A"/,
    );
    refused(
      (file) => (file.results.A.K2 = { checkpoints: { 'K1-a': 1 } }),
      'results.A.K2.checkpoints.K1-a',
      /not a checkpoint of indicator "K2"/,
    );
    refused(
      (file) => (file.indicators[1].notUndertakenBy = ['A']),
      'results.A.K2',
      /does not undertake indicator "K2" but has results/,
    );
  });

  it('refuses a malformed configuration (totals, thresholds, Art. 16)', () => {
    refused(
      (file) => (file.config = { indicatorShare: 80 }),
      'config.comprehensive',
      /must sum to 100 .* they sum to 95/,
    );
    refused(
      (file) => (file.config = { grades: { good: 80, fairlyGood: 85 } }),
      'config.grades',
      /must descend/,
    );
    refused((file) => (file.config = { grades: { pass: 55 } }), 'config.grades.pass', /may not be below 60/);
    refused(
      (file) => (file.config = { indicatorShare: 'high' }),
      'config.indicatorShare',
      /must be a number/,
    );
    refused((file) => (file.config = { groupWeight: {} }), 'config', /groupWeight/);
    expect(scoringConfigSchema.safeParse({ rankToScore: { top: 60, bottom: 100 } }).success).toBe(false);
  });

  it('refuses other malformed entries: levels, kinds, counts, decimals, shapes', () => {
    refused(
      (file) => (file.downgrades = [{ unit: 'A', levels: 3, reason: 'MAJOR_ERROR' }]),
      'downgrades[0].levels',
      /levels must be 1 or 2/,
    );
    refused(
      (file) => (file.downgrades = [{ unit: 'A', levels: 1, reason: 'LATE' }]),
      'downgrades[0].reason',
      /reason must be one of/,
    );
    refused(
      (file) => (file.adjustments = [{ unit: 'A', kind: 'PRAISE', count: 1 }]),
      'adjustments[0].kind',
      /kind must be one of/,
    );
    refused(
      (file) => (file.adjustments = [{ unit: 'A', kind: 'COMMENDATION_MAJOR', count: 0 }]),
      'adjustments[0].count',
      /at least 1/,
    );
    refused(
      (file) => (file.results.A.K2.yearEnd = 0.12345),
      'results.A.K2.yearEnd',
      /at most 4 decimal places, received 0\.12345/,
    );
    // One precision policy (domain/precision.ts): weights and shares 4 decimals, third-party scores 2.
    refused(
      (file) => (file.indicators[0].weight = 50.00001),
      'indicators[0].weight',
      /at most 4 decimal places/,
    );
    refused(
      (file) => {
        file.config = { comprehensive: { thirdParty: 3 } };
        file.thirdParty = { A: 41.325, B: 100, C: 100, D: 100 };
      },
      'thirdParty.A',
      /at most 2 decimal places, received 41\.325/,
    );
    refused((file) => (file.indicators[0].group = 'OTHER'), 'indicators[0].group', /group must be one of/);
    refused((file) => (file.units = []), 'units', /at least one unit/);
    refused((file) => (file.results.A.K2 = { yearend: 1 }), 'results.A.K2.yearend', /unexpected field/);
    expect(problemsOf(null)[0].path).toBe('(file)');
  });

  it('reports every problem at once and never a partial result', () => {
    const file = baseFile();
    file.results.A.K2.yearEnd = 2;
    file.results.B.I1.yearEnd = -1;
    file.rankings.leaders[0].order.X = ['A'];
    const problems = problemsOf(file);
    expect(problems.map((problem) => problem.path)).toEqual([
      'results.A.K2.yearEnd',
      'results.B.I1.yearEnd',
      'rankings.leaders[0] (leader-1).order.X',
    ]);
  });
});

describe('the CLI on invalid input', () => {
  function expectExit2(run: ReturnType<typeof runScoreCli>, message: RegExp) {
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const printed = JSON.parse(run.stderr) as { error: string };
    expect(printed.error).toMatch(message);
    return printed;
  }

  it('exits 2 with {"error": ...} naming the unit, indicator and checkpoint of a bad fraction', () => {
    const file = baseFile();
    file.results.B.K1.checkpoints['K1-b'] = 1.2;
    const printed = expectExit2(
      runScoreCli([], JSON.stringify(file)),
      /results\.B\.K1\.checkpoints\.K1-b: fraction 1\.2 is outside \[0, 1\]/,
    ) as unknown as {
      details: ScoringProblem[];
    };
    expect(printed.details).toEqual([
      { path: 'results.B.K1.checkpoints.K1-b', message: 'fraction 1.2 is outside [0, 1] (Art. 8)' },
    ]);
  });

  it('exits 2 on a number finer than the precision policy, never rounding it (Art. 16)', () => {
    const file = baseFile();
    file.results.B.K1.checkpoints['K1-b'] = 0.12345;
    expectExit2(
      runScoreCli([], JSON.stringify(file)),
      /results\.B\.K1\.checkpoints\.K1-b: fraction: .*at most 4 decimal places, received 0\.12345/,
    );
  });

  it('exits 2 naming the evaluator of an incomplete ranking, and on a file that is not JSON', () => {
    const file = baseFile();
    file.rankings.departments[0].order.X = ['A', 'C'];
    expectExit2(runScoreCli([], JSON.stringify(file)), /evaluator "dept-1" did not rank "B"/);
    expectExit2(runScoreCli([], '{"units": ['), /standard input is not valid JSON/);
    expectExit2(runScoreCli(['/nonexistent/scoring.json']), /cannot read \/nonexistent\/scoring.json/);
  });
});

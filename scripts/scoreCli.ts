// `npm run -s score -- FILE` (or the file on standard input): scores a scoring file (SPEC §5) and
// prints {"units": [...]} on standard output, exit 0; a bad file prints {"error": ...} on standard
// error and exits 2. `--no-breakdown` prints only the figures of SPEC §5.
import { readFileSync } from 'node:fs';
import { parseScoringInput, scoreUnits } from '../domain/scoring';
import { isScoringInputError } from '../domain/scoring/scoringInputError';

function readInput(path: string | undefined): string {
  return path === undefined || path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
}

function fail(error: object): never {
  process.stderr.write(`${JSON.stringify(error)}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  const withBreakdown = !argv.includes('--no-breakdown');
  const paths = argv.filter((arg) => !arg.startsWith('--'));
  if (paths.length > 1) fail({ error: `expected at most one FILE, got ${paths.length}: ${paths.join(' ')}` });
  let text: string;
  try {
    text = readInput(paths[0]);
  } catch (error) {
    fail({ error: `cannot read ${paths[0] ?? 'standard input'}: ${(error as Error).message}` });
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    fail({ error: `${paths[0] ?? 'standard input'} is not valid JSON: ${(error as Error).message}` });
  }
  try {
    const output = scoreUnits(parseScoringInput(file));
    // Without the breakdown, copy the figures only (the breakdown is built on first read).
    const units = withBreakdown
      ? output.units
      : output.units.map((unit) =>
          Object.fromEntries(
            Object.keys(unit)
              .filter((key) => key !== 'breakdown')
              .map((key) => [key, unit[key as keyof typeof unit]]),
          ),
        );
    process.stdout.write(`${JSON.stringify({ units }, null, 1)}\n`);
  } catch (error) {
    if (isScoringInputError(error)) fail(error.toJSON());
    throw error;
  }
}

main(process.argv.slice(2));

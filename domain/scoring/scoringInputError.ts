// A scoring file or configuration that cannot be scored (SPEC §5): the CLI prints it as
// {"error": ...} and exits 2, the API answers 400 with the same message and details. Nothing is
// scored when any problem is found, so there is never a partial result.

export interface ScoringProblem {
  /** Where: a JSON path into the scoring file, e.g. `results.zs.K1.checkpoints.K1-Q2`. */
  path: string;
  /** What rule is broken, naming the unit, indicator or evaluator concerned. */
  message: string;
}

export class ScoringInputError extends Error {
  override readonly name = 'ScoringInputError';
  /** Path of the first problem (the API reports it as the field). */
  readonly path: string;
  readonly details: ScoringProblem[];

  constructor(details: ScoringProblem[]) {
    const shown = details.slice(0, 5).map((problem) => `${problem.path}: ${problem.message}`);
    const more = details.length > 5 ? ` (and ${details.length - 5} more)` : '';
    super(`invalid scoring input: ${shown.join('; ')}${more}`);
    this.details = details;
    this.path = details[0]?.path ?? '';
  }

  /** The JSON printed on standard error by the CLI and sent by the API. */
  toJSON(): { error: string; details: ScoringProblem[] } {
    return { error: this.message, details: this.details };
  }
}

/** Under Jest modules are re-required, so compare by name rather than `instanceof`. */
export function isScoringInputError(error: unknown): error is ScoringInputError {
  return (
    error instanceof Error &&
    error.name === 'ScoringInputError' &&
    Array.isArray((error as ScoringInputError).details)
  );
}

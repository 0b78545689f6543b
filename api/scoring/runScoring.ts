// The scoring engine (domain/scoring, SPEC §5) behind the API: a file that cannot be scored becomes a
// 400 naming every problem's path (unit, indicator, evaluator) as a field; nothing is stored.
import { HttpError } from '../errors';
import { isScoringInputError, scoreScoringFile, type ScoringOutput } from '../../domain/scoring';

export function scoreOrRefuse(file: unknown): ScoringOutput {
  try {
    return scoreScoringFile(file);
  } catch (error) {
    if (isScoringInputError(error)) {
      const fields: Record<string, string> = {};
      for (const problem of error.details)
        fields[problem.path] = fields[problem.path]
          ? `${fields[problem.path]}; ${problem.message}`
          : problem.message;
      throw new HttpError(400, 'SCORING_INPUT', error.message, fields);
    }
    throw error;
  }
}

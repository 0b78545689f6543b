// The scoring engine of SPEC §3-§5 (Art. 10-17): parse and check a scoring file, then score it.
// Used by the cycle's scoring activity, the what-if API endpoint and `npm run score`.
export { parseScoringInput, indicatorGroups, adjustmentKinds, downgradeReasons } from './scoringInput';
export type {
  ScoringInput,
  ScoringUnit,
  ScoringIndicator,
  IndicatorResult,
  UnitRanking,
  ScoringAdjustment,
  ScoringDowngrade,
} from './scoringInput';
export { scoreUnits, adjustmentPoints } from './scoreUnits';
export { scoringConfigSchema, type ScoringConfig, type ScoringConfigInput } from './scoringConfig';
export { ScoringInputError, isScoringInputError, type ScoringProblem } from './scoringInputError';
export type { ScoringOutput, ScoredUnit, ScoreBreakdownOutput, IndicatorLine, Grade } from './scoringOutput';
export { gradeOfTotal, downgradeGrade, sharedRanks } from './grades';

import { parseScoringInput } from './scoringInput';
import { scoreUnits } from './scoreUnits';
import type { ScoringOutput } from './scoringOutput';

/** Parse, check and score a scoring file in one step (throws ScoringInputError on bad input). */
export function scoreScoringFile(file: unknown): ScoringOutput {
  return scoreUnits(parseScoringInput(file));
}

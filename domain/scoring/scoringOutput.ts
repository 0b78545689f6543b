// What scoring produces per unit (SPEC §5 output) and the breakdown that lets a unit check its own
// score by hand (the contract of mail/scoreBreakdown.ts). Numbers are plain JS numbers rounded half
// away from zero: points and scores to 2 decimals, weights and fractions to 4.
import type { AdjustmentKind, DowngradeReason, IndicatorGroup } from './scoringInput';

/**
 * The four grades (Art. 16: 好, 较好, 合格, 不合格), best first; a downgrade moves down this list
 * (Art. 17). The one definition: the API, the notices, the exports and the web app import it.
 */
export const gradesInOrder = ['GOOD', 'FAIRLY_GOOD', 'PASS', 'FAIL'] as const;
export type Grade = (typeof gradesInOrder)[number];

export interface PartialCredit {
  share: number;
  fraction: number;
  points: number;
}

export interface IndicatorLine {
  indicatorId: string;
  name: string;
  group: IndicatorGroup;
  baseWeight: number;
  /** After spreading the weights of the indicators the unit does not undertake (Art. 12). */
  effectiveWeight: number;
  undertaken: boolean;
  /** Process checkpoints (Art. 8, Art. 11 "含过程"). */
  checkpoints: (PartialCredit & { checkpointId: string })[];
  yearEnd: PartialCredit;
  completion: number;
  points: number;
  article: string;
}

export interface ComprehensivePart {
  score: number;
  /** Points per 100 of score (Art. 11): 10/5, or 8/4/3 with a third party. */
  weight: number;
  points: number;
}

export interface AdjustmentLine {
  kind: AdjustmentKind;
  count: number;
  pointsEach: number;
  /** Signed: + for a commendation (Art. 14), − for a criticism (Art. 15). */
  points: number;
  note: string;
  article: string;
}

export interface DowngradeLine {
  /** Levels applied: the sum of the decisions, capped at 2 (Art. 17). */
  levels: number;
  reasons: { reason: DowngradeReason; levels: number; note: string }[];
  article: string;
}

export interface ScoreBreakdownOutput {
  indicators: IndicatorLine[];
  indicatorScore: number;
  indicatorShare: number;
  indicatorPoints: number;
  comprehensive: {
    leader: ComprehensivePart;
    department: ComprehensivePart;
    thirdParty: ComprehensivePart | null;
    points: number;
    article: string;
  };
  adjustments: AdjustmentLine[];
  downgrade: DowngradeLine | null;
  total: number;
  scoreGrade: Grade;
  finalGrade: Grade;
  categoryRank: number;
  categorySize: number;
  article: string;
}

export interface ScoredUnit {
  id: string;
  indicatorScore: number;
  indicatorPoints: number;
  leaderScore: number;
  departmentScore: number;
  thirdPartyScore: number | null;
  comprehensivePoints: number;
  bonus: number;
  deduction: number;
  downgradeLevels: number;
  total: number;
  scoreGrade: Grade;
  finalGrade: Grade;
  categoryRank: number;
  breakdown: ScoreBreakdownOutput;
}

export interface ScoringOutput {
  /** In the order of the input's units (SPEC §5). */
  units: ScoredUnit[];
}

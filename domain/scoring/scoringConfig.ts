// The cycle's scoring configuration (SPEC §4), every field optional with the defaults of the measures.
// Stored with the cycle (Cycle.scoringConfig) and carried in the scoring file (SPEC §5).
import { z } from 'zod';
import { sumsTo, toScaled } from './exactArithmetic';
import { exactDecimal } from '../precision';

// Points are weights of the total: the precision policy's 4 decimals (domain/precision.ts).
const points = (what: string) =>
  exactDecimal('weight', `${what} must be a number`)
    .min(0, { error: `${what} must be between 0 and 100` })
    .max(100, { error: `${what} must be between 0 and 100` });

/**
 * Comprehensive evaluation weights (Art. 11, 13): leaders 10 and departments 5, or with a third
 * party leaders 8, departments 4 and the third party 3. Giving `thirdParty` switches the defaults
 * of the other two to 8/4.
 */
const comprehensiveSchema = z
  .strictObject({
    leader: points('comprehensive.leader').optional(),
    department: points('comprehensive.department').optional(),
    thirdParty: points('comprehensive.thirdParty').optional(),
  })
  .default({})
  .transform((value): { leader: number; department: number; thirdParty?: number } =>
    value.thirdParty === undefined
      ? { leader: value.leader ?? 10, department: value.department ?? 5 }
      : { leader: value.leader ?? 8, department: value.department ?? 4, thirdParty: value.thirdParty },
  );

/**
 * Group totals (Art. 12). The article says 80 % and "20 % each" (120 in all); the default reads the
 * two 20s as sharing 20, and the totals are validated to sum to 100.
 */
const groupWeightsSchema = z
  .strictObject({
    KEY_TASK: points('groupWeights.KEY_TASK').default(80),
    INSTRUCTION: points('groupWeights.INSTRUCTION').default(10),
    MEETING: points('groupWeights.MEETING').default(10),
  })
  .default({ KEY_TASK: 80, INSTRUCTION: 10, MEETING: 10 });

/** Rank r of n converts linearly from top (rank 1) to bottom (rank n); n = 1 gives top (Art. 13). */
const rankToScoreSchema = z
  .strictObject({
    top: points('rankToScore.top').default(100),
    bottom: points('rankToScore.bottom').default(60),
  })
  .default({ top: 100, bottom: 60 });

/**
 * Grade thresholds (Art. 16). Only "below 60 is FAIL" is in the measures; GOOD and FAIRLY_GOOD are
 * configuration. `pass` stays configurable but may not be below 60, since a total below 60 is FAIL
 * whatever the configuration (Art. 16); a stricter pass mark above 60 is allowed.
 */
const gradesSchema = z
  .strictObject({
    good: points('grades.good').default(90),
    fairlyGood: points('grades.fairlyGood').default(80),
    pass: points('grades.pass').default(60),
  })
  .default({ good: 90, fairlyGood: 80, pass: 60 });

export const scoringConfigSchema = z
  .strictObject({
    /** Indicator assessment weight (Art. 11): 85. */
    indicatorShare: points('indicatorShare').default(85),
    comprehensive: comprehensiveSchema,
    groupWeights: groupWeightsSchema,
    rankToScore: rankToScoreSchema,
    grades: gradesSchema,
  })
  .superRefine((config, ctx) => {
    const { indicatorShare, comprehensive, groupWeights, rankToScore, grades } = config;
    const parts = [
      indicatorShare,
      comprehensive.leader,
      comprehensive.department,
      comprehensive.thirdParty ?? 0,
    ];
    if (!sumsTo(parts, 100)) {
      ctx.addIssue({
        code: 'custom',
        path: ['comprehensive'],
        message: `indicatorShare + comprehensive weights must sum to 100 (Art. 11: 85 + 10 + 5, or 85 + 8 + 4 + 3), they sum to ${parts.reduce((a, b) => a + toScaled(b), 0) / 10_000}`,
      });
    }
    const groups = Object.values(groupWeights);
    if (!sumsTo(groups, 100)) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupWeights'],
        message: `group weights must sum to 100 (Art. 12: 80 + 10 + 10), they sum to ${groups.reduce((a, b) => a + toScaled(b), 0) / 10_000}`,
      });
    }
    if (!(rankToScore.top > rankToScore.bottom)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rankToScore'],
        message: 'rankToScore.top must be above rankToScore.bottom (Art. 13)',
      });
    }
    if (!(grades.good > grades.fairlyGood && grades.fairlyGood > grades.pass)) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades'],
        message: 'grade thresholds must descend: good > fairlyGood > pass (Art. 16)',
      });
    }
    if (grades.pass < 60) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades', 'pass'],
        message: 'grades.pass may not be below 60: a total below 60 is FAIL (Art. 16)',
      });
    }
  });

export type ScoringConfig = z.output<typeof scoringConfigSchema>;
export type ScoringConfigInput = z.input<typeof scoringConfigSchema>;

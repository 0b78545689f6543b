// The documented shape of scoring's output (domain/scoring/scoringOutput.ts, SPEC §5), for what-if,
// the cycle's preview and the stored breakdown of each result.
import { z } from 'zod';
import { gradesInOrder } from '../../domain/scoring/scoringOutput';
import '../openapi/registry';

export const grade = z
  .enum(gradesInOrder)
  .describe('Art. 16: GOOD 好, FAIRLY_GOOD 较好, PASS 合格, FAIL 不合格');
const partialCredit = { share: z.number(), fraction: z.number(), points: z.number() };
const comprehensivePart = z.object({ score: z.number(), weight: z.number(), points: z.number() });

export const scoreBreakdownSchema = z
  .object({
    indicators: z.array(
      z.object({
        indicatorId: z.string(),
        name: z.string(),
        group: z.enum(['KEY_TASK', 'INSTRUCTION', 'MEETING']),
        baseWeight: z.number(),
        effectiveWeight: z.number().describe('after spreading the weights not undertaken (Art. 12)'),
        undertaken: z.boolean(),
        checkpoints: z.array(z.object({ ...partialCredit, checkpointId: z.string() })),
        yearEnd: z.object(partialCredit),
        completion: z.number(),
        points: z.number(),
        article: z.string(),
      }),
    ),
    indicatorScore: z.number(),
    indicatorShare: z.number(),
    indicatorPoints: z.number(),
    comprehensive: z.object({
      leader: comprehensivePart,
      department: comprehensivePart,
      thirdParty: comprehensivePart.nullable(),
      points: z.number(),
      article: z.string(),
    }),
    adjustments: z.array(
      z.object({
        kind: z.string(),
        count: z.number(),
        pointsEach: z.number(),
        points: z.number().describe('signed: + commendation (Art. 14), − criticism (Art. 15)'),
        note: z.string(),
        article: z.string(),
      }),
    ),
    downgrade: z
      .object({
        levels: z.int().describe('the sum of the decisions, capped at 2 (Art. 17)'),
        reasons: z.array(z.object({ reason: z.string(), levels: z.int(), note: z.string() })),
        article: z.string(),
      })
      .nullable(),
    total: z.number(),
    scoreGrade: grade,
    finalGrade: grade,
    categoryRank: z.int(),
    categorySize: z.int(),
    article: z.string(),
  })
  .describe('how the total was reached, line by line, so a unit can check it by hand');

export const scoredUnitSchema = z.object({
  id: z.string(),
  indicatorScore: z.number(),
  indicatorPoints: z.number(),
  leaderScore: z.number(),
  departmentScore: z.number(),
  thirdPartyScore: z.number().nullable(),
  comprehensivePoints: z.number(),
  bonus: z.number(),
  deduction: z.number(),
  downgradeLevels: z.int(),
  total: z.number(),
  scoreGrade: grade,
  finalGrade: grade,
  categoryRank: z.int(),
  breakdown: scoreBreakdownSchema,
});

export const scoringOutputSchema = z.object({
  units: z.array(scoredUnitSchema).describe('in the order of the input’s units (SPEC §5)'),
});

// The per-unit score breakdown shown in result notices (Art. 10–17). It mirrors the breakdown the
// scoring engine produces (domain/scoring/scoringOutput.ts, written in parallel): this schema is
// structural and accepts extra fields, so the engine can add detail without breaking notices.
import { z } from 'zod';
import {
  adjustmentKindSchema,
  decimalValue,
  downgradeReasonSchema,
  gradeSchema,
  indicatorGroupSchema,
} from './noticeFields';

const articleRef = z.union([z.string(), z.number()]).optional();

const partialCredit = z.object({ share: decimalValue, fraction: decimalValue, points: decimalValue });

export const indicatorLineSchema = z.object({
  indicatorId: z.string(),
  name: z.string(),
  group: indicatorGroupSchema,
  baseWeight: decimalValue,
  /** After spreading the weights of indicators the unit does not undertake (Art. 12). */
  effectiveWeight: decimalValue,
  undertaken: z.boolean(),
  /** Process checkpoints (Art. 8, Art. 11 "含过程"). */
  /** `name` is optional: the engine knows ids only, a drafter may add the checkpoint's name. */
  checkpoints: z.array(partialCredit.extend({ checkpointId: z.string(), name: z.string().optional() })),
  yearEnd: partialCredit,
  /** Completion fraction 0–1. */
  completion: decimalValue,
  points: decimalValue,
  article: articleRef,
});

const comprehensivePart = z.object({ score: decimalValue, weight: decimalValue, points: decimalValue });

export const scoreBreakdownSchema = z.object({
  indicators: z.array(indicatorLineSchema),
  /** Art. 9, 11, 13: leader and department rankings, optionally a third party. */
  comprehensive: z.object({
    leader: comprehensivePart,
    department: comprehensivePart,
    thirdParty: comprehensivePart.nullable().optional(),
    article: articleRef,
  }),
  /** Art. 14 commendations (+) and Art. 15 criticisms (−). */
  adjustments: z.array(
    z.object({
      kind: adjustmentKindSchema,
      count: z.number(),
      pointsEach: decimalValue,
      points: decimalValue,
      note: z.string().default(''),
      article: articleRef,
    }),
  ),
  /** Art. 17: a grade lowered by 1–2 levels. */
  downgrade: z
    .object({
      levels: z.number(),
      reasons: z.array(
        z.object({ reason: downgradeReasonSchema, levels: z.number(), note: z.string().default('') }),
      ),
      article: articleRef,
    })
    .nullable()
    .optional(),
  total: decimalValue,
  scoreGrade: gradeSchema,
  finalGrade: gradeSchema,
  categoryRank: z.number(),
});

export type ScoreBreakdown = z.input<typeof scoreBreakdownSchema>;

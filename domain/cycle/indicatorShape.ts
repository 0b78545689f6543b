// The shape of an indicator as the office enters it (Art. 5, 8, 12): one definition for the API's
// indicator routes and the Excel import (domain/targets/), so a workbook row is held to exactly the
// rules a typed indicator is. Numbers follow the precision policy (domain/precision.ts).
import { z } from 'zod';
import { exactDecimal } from '../precision';

/** The pattern of indicator and checkpoint codes. */
export const TARGET_CODE = /^[A-Za-z0-9._-]{1,40}$/;

// A date a cycle can use at all: years like 4730 are a typing slip, refused by name.
export const isoDate = z.iso.datetime({ offset: true }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 2000 && year <= 2101;
}, 'the year must lie between 2000 and 2101');

export const indicatorBody = z.object({
  code: z.string().regex(TARGET_CODE, 'letters, digits, dot, dash or underscore'),
  name: z.string().min(1).max(200),
  nameEn: z.string().max(200).optional(),
  group: z.enum(['KEY_TASK', 'INSTRUCTION', 'MEETING']),
  weight: exactDecimal('weight').gt(0).max(100),
  standard: z.string().max(5000).default(''),
  departmentCode: z.string().max(40).optional(),
  checkpoints: z
    .array(
      z.object({
        code: z.string().regex(TARGET_CODE, 'letters, digits, dot, dash or underscore'),
        name: z.string().min(1).max(200),
        dueAt: isoDate,
        share: exactDecimal('share').gt(0).max(1),
        standard: z.string().max(5000).default(''),
      }),
    )
    .max(100)
    .superRefine((checkpoints, context) => {
      // A checkpoint code is unique in its cycle (schema: Checkpoint @@unique([cycleId, code])).
      checkpoints.forEach((checkpoint, index) => {
        if (checkpoints.findIndex((other) => other.code === checkpoint.code) < index)
          context.addIssue({
            code: 'custom',
            path: [index, 'code'],
            message: `checkpoint code ${checkpoint.code} is listed twice`,
          });
      });
    })
    .default([]),
  notUndertakenBy: z.array(z.string().max(40)).max(200).default([]),
});

export type IndicatorInput = z.input<typeof indicatorBody>;

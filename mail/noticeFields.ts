// Building blocks of notice data: plain JSON (strings, numbers, booleans), so a notice can be drafted
// by an activity, stored, and re-rendered for a preview without any class instances.
import { z } from 'zod';
import { gradesInOrder } from '../domain/scoring/scoringOutput';

/** A decimal as a JSON number or an exact decimal string ("86.245"); printed by format/numbers.ts. */
export const decimalValue = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)], {
  error: 'expected a number or a decimal string',
});

/** An instant (ISO 8601 with Z or an offset) or a calendar date (2026-11-24). */
export const isoInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'expected an ISO 8601 date-time or date',
});

export const gradeSchema = z.enum(gradesInOrder);
export type Grade = z.infer<typeof gradeSchema>;

export const indicatorGroupSchema = z.enum(['KEY_TASK', 'INSTRUCTION', 'MEETING']);

export const adjustmentKindSchema = z.enum([
  'COMMENDATION_MAJOR',
  'COMMENDATION_MINOR',
  'CRITICISM_MAJOR',
  'CRITICISM_MINOR',
]);

export const downgradeReasonSchema = z.enum([
  'CADRE_SELECTION',
  'PARTY_DISCIPLINE',
  'MAJOR_ERROR',
  'FALSIFICATION',
  'LEADERSHIP_SANCTIONED',
]);

export const incentiveKindSchema = z.enum(['RECOGNITION', 'RECOGNITION_AND_REWARD']);

/** What every notice carries: the federation, its reference number (文号), the date, the addressee. */
export const noticeHeaderSchema = z.object({
  federationName: z.string().min(1),
  federationNameEn: z.string().min(1).default('Dalian Municipal Federation of Trade Unions'),
  /** 文号-like reference, e.g. 大工考〔2026〕3号. */
  docNumber: z.string().min(1),
  year: z.int().min(2000).max(2100),
  /** 成文日期: printed as 2026年11月24日 (Beijing time). */
  issuedAt: isoInstant,
  /** 主送: the person or body the notice is addressed to. */
  recipientName: z.string().min(1),
  /** Link into Kaohe; absent for party committees, which have no login (SPEC §1). */
  portalUrl: z.url().optional(),
});

// Database rows several cycle routes answer with, as documented in /api/openapi.json: the columns a
// client reads are listed and checked; a row may carry its table's other columns too (row()).
import { z } from 'zod';
import { CYCLE_STAGES } from '../../domain/cycle/stages';
import { decimal, instant, nullableInstant, row } from '../openapi/responseSchemas';

export const cycleStage = z.enum(CYCLE_STAGES);
export const indicatorGroup = z.enum(['KEY_TASK', 'INSTRUCTION', 'MEETING']);

export const cycleRow = row({
  id: z.string(),
  year: z.int(),
  title: z.string(),
  stage: cycleStage,
  workflowId: z.string(),
  scoringConfig: z.unknown().describe('domain/scoring/scoringConfig.ts'),
  approvalRule: z.unknown().describe('domain/cycle/approvalRule.ts'),
  useThirdParty: z.boolean(),
  selfCheckOpensAt: instant,
  selfCheckDueAt: instant,
  verificationDueAt: instant,
  evaluationDueAt: instant,
  explanationDays: z.int(),
  reminderLeadDays: z.int(),
  docNumber: z.string().nullable(),
  publishedAt: nullableInstant,
  closedAt: nullableInstant,
});

export const checkpointRow = row({
  id: z.string(),
  indicatorId: z.string(),
  code: z.string(),
  name: z.string(),
  dueAt: instant,
  standard: z.string(),
  share: decimal,
  closedAt: nullableInstant,
});

export const indicatorRow = row({
  id: z.string(),
  cycleId: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  group: indicatorGroup,
  weight: decimal,
  standard: z.string(),
  departmentId: z.string().nullable(),
  sortOrder: z.int(),
});

export const departmentRow = row({ id: z.string(), code: z.string(), name: z.string() });

/** An evidence file as the lists show it (name, type, size, hash; the bytes come from GET /evidence/{id}). */
export const evidenceRef = row({ id: z.string(), originalName: z.string(), sha256: z.string() });

// Incentives for units graded GOOD (Art. 20): recognition, or recognition with a reward in lieu of a
// subsidy (以奖代补), which needs a positive amount. The API checks the same; the form says it first.
import type { ResultRow } from './resultRows';

export const INCENTIVE_KINDS = ['RECOGNITION', 'RECOGNITION_AND_REWARD'] as const;
export type IncentiveKind = (typeof INCENTIVE_KINDS)[number];

export interface IncentiveDraft {
  unitId?: string;
  kind?: IncentiveKind;
  amount?: number | null;
  note?: string;
}

/** Only units whose final grade (after any downgrade, Art. 17) is GOOD may receive an incentive. */
export function goodUnits(rows: readonly ResultRow[]): ResultRow[] {
  return rows.filter((row) => row.finalGrade === 'GOOD');
}

export type IncentiveProblem = 'unitRequired' | 'notGood' | 'kindRequired' | 'amountRequired';

/** What is wrong with a draft, per field; empty when it may be sent. */
export function incentiveProblems(
  draft: IncentiveDraft,
  goodUnitIds: readonly string[],
): Partial<Record<'unitId' | 'kind' | 'amount', IncentiveProblem>> {
  const problems: Partial<Record<'unitId' | 'kind' | 'amount', IncentiveProblem>> = {};
  if (!draft.unitId) problems.unitId = 'unitRequired';
  else if (!goodUnitIds.includes(draft.unitId)) problems.unitId = 'notGood';
  if (!draft.kind) problems.kind = 'kindRequired';
  if (draft.kind === 'RECOGNITION_AND_REWARD' && !(typeof draft.amount === 'number' && draft.amount > 0))
    problems.amount = 'amountRequired';
  return problems;
}

/** The request body: an amount only goes with a reward; an empty note is left out. */
export function incentiveBody(draft: IncentiveDraft): {
  unitId: string;
  kind: IncentiveKind;
  amount?: number;
  note?: string;
} {
  return {
    unitId: draft.unitId ?? '',
    kind: draft.kind ?? 'RECOGNITION',
    ...(draft.kind === 'RECOGNITION_AND_REWARD' && typeof draft.amount === 'number'
      ? { amount: draft.amount }
      : {}),
    ...(draft.note?.trim() ? { note: draft.note.trim() } : {}),
  };
}

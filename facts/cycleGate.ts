// The gates the annual-cycle workflow publishes in PostgreSQL (stage, approval freeze, round closes) and
// that every fact the API writes is checked against, in the same transaction.
//
// Why a row lock: a fact takes the cycle row FOR SHARE, and every activity that moves a gate (a stage
// change, the approval freeze, a round close) takes it FOR UPDATE, so a fact is either wholly before the
// gate moved or wholly after it, never half (README, "Volume"). Facts do not block one another.
import { Prisma } from '../prisma/client';
import type { CycleStage } from '../domain/cycle/stages';
import { isActionOpen, ACTION_WINDOWS, type CycleAction } from '../domain/cycle/actionWindows';
import { isStageAtOrAfter } from '../domain/cycle/stages';
import { RefusalReason } from '../domain/cycle/refusalReason';
import { refuse } from './refusal';

export type Tx = Prisma.TransactionClient;

export interface CycleGate {
  id: string;
  year: number;
  workflowId: string;
  stage: CycleStage;
  engine: number;
  frozenAt: Date | null;
  publishedAt: Date | null;
  closedAt: Date | null;
  useThirdParty: boolean;
  explanationDays: number;
}

export async function lockCycleGate(
  tx: Tx,
  cycleId: string,
  mode: 'share' | 'update' = 'share',
): Promise<CycleGate> {
  const lock = mode === 'share' ? Prisma.sql`FOR SHARE` : Prisma.sql`FOR UPDATE`;
  const rows = await tx.$queryRaw<CycleGate[]>`
    SELECT "id", "year", "workflowId", "stage"::text AS "stage", "engine", "frozenAt", "publishedAt", "closedAt",
           "useThirdParty", "explanationDays"
      FROM "Cycle" WHERE "id" = ${cycleId} ${lock}`;
  if (rows.length === 0) refuse(RefusalReason.NOT_FOUND, `cycle ${cycleId} not found`);
  return rows[0];
}

/** The action must be open in the cycle's current stage (domain/cycle/actionWindows.ts). */
export function requireOpen(gate: CycleGate, action: CycleAction, what: string): void {
  if (gate.stage === 'CLOSED')
    refuse(RefusalReason.CLOSED, `the cycle ${gate.year} is closed; nothing in it changes any more`);
  if (!gate.publishedAt) refuse(RefusalReason.WRONG_STAGE, `${what}: the targets are not published yet`);
  if (!isActionOpen(action, gate.stage)) {
    refuse(
      RefusalReason.WRONG_STAGE,
      `${what} is not open in stage ${gate.stage} (open in: ${ACTION_WINDOWS[action].join(', ')})`,
    );
  }
}

/** Scoring inputs are frozen while submitted for approval, and for good once approved (Art. 18). */
export function requireRevisable(gate: CycleGate, what: string): void {
  if (isStageAtOrAfter(gate.stage, 'NOTIFICATION'))
    refuse(RefusalReason.CLOSED, `${what}: results are approved and immutable`);
  if (gate.frozenAt || gate.stage === 'APPROVAL')
    refuse(
      RefusalReason.WRONG_STAGE,
      `${what}: the results are submitted for approval; wait for the outcome`,
    );
}

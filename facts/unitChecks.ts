// Checks shared by the facts: the unit is assessed, a completion fraction is within 0-1.
import { RefusalReason } from '../domain/cycle/refusalReason';
import type { Tx } from './cycleGate';
import { refuse } from './refusal';
import { cycleUnits } from '../db/cycleStructure';

// The cycle's units are those it was published with (db/cycleStructure.ts, Art. 6 per year).
export async function requireAssessedUnit(tx: Tx, cycleId: string, unitId: string) {
  const unit = (await cycleUnits(tx, cycleId)).find((row) => row.id === unitId);
  if (!unit) refuse(RefusalReason.NOT_FOUND, `unit ${unitId} is not assessed in this cycle`);
  return unit;
}

export async function requireAssessedUnits(tx: Tx, cycleId: string, unitIds: string[]) {
  const wanted = new Set(unitIds);
  const units = (await cycleUnits(tx, cycleId)).filter((unit) => wanted.has(unit.id));
  for (const unitId of unitIds) {
    if (!units.some((unit) => unit.id === unitId))
      refuse(RefusalReason.NOT_FOUND, `unit ${unitId} is not assessed in this cycle`);
  }
  return units;
}

export function requireFraction(field: string, value: unknown): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    refuse(RefusalReason.INVALID, `${field}: a completion fraction must be within 0-1 (SPEC §4)`);
}

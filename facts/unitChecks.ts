// Checks shared by the facts: the unit is assessed, a completion fraction is within 0-1.
import { RefusalReason } from '../domain/cycle/refusalReason';
import type { Tx } from './cycleGate';
import { refuse } from './refusal';

export async function requireAssessedUnit(tx: Tx, unitId: string) {
  const unit = await tx.unit.findUnique({ where: { id: unitId } });
  if (!unit || !unit.active) refuse(RefusalReason.NOT_FOUND, `unit ${unitId} is not assessed in this cycle`);
  return unit;
}

export async function requireAssessedUnits(tx: Tx, unitIds: string[]) {
  const units = await tx.unit.findMany({ where: { id: { in: [...new Set(unitIds)] }, active: true } });
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

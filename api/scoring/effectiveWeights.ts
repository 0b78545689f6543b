// Art. 12: the weight of an indicator a unit does not undertake is spread evenly over all that unit's
// other indicators (SPEC §4). Shown to units with their targets; the scoring engine applies the same rule.
export interface WeightedIndicator {
  id: string;
  weight: number;
  notUndertakenBy: string[];
}

/** Effective weight per undertaken indicator of one unit, rounded to 4 decimals for display only. */
export function effectiveWeights(indicators: WeightedIndicator[], unitId: string): Map<string, number> {
  const own = indicators.filter((indicator) => !indicator.notUndertakenBy.includes(unitId));
  // Work in ten-thousandths so that 100 = 1,000,000 exactly and the sum stays 100.
  const units = (value: number) => Math.round(value * 10000);
  const spread = indicators
    .filter((indicator) => indicator.notUndertakenBy.includes(unitId))
    .reduce((sum, indicator) => sum + units(indicator.weight), 0);
  const weights = new Map<string, number>();
  if (own.length === 0) return weights;
  for (const indicator of own)
    weights.set(indicator.id, (units(indicator.weight) + spread / own.length) / 10000);
  return weights;
}

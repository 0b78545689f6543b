// Exact arithmetic for scoring (SPEC §4: no binary floats). Inputs (weights, shares, fractions,
// scores) carry at most 4 decimal places, so each is an exact integer count of 1/10,000; sums of
// their products stay exact safe integers in the hot loop. Quotients (spread weights, mean ranks)
// are taken once per unit with decimal.js at 60 significant digits, which is exact for every
// terminating quotient and, for the others, far from any half-cent tie; rounding happens only at
// output, half away from zero.
import Decimal from 'decimal.js';

export const ScoringDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type ScoringDecimal = InstanceType<typeof ScoringDecimal>;

/** Inputs are counted in units of 1/10,000 (the database keeps 4 decimals: Decimal(6,4), Decimal(9,4)). */
export const INPUT_SCALE = 10_000;
export const INPUT_DECIMALS = 4;

/** True when the number has at most 4 decimal places (so `toScaled` is exact). */
export function hasInputPrecision(value: number): boolean {
  return Number.isFinite(value) && Math.round(value * INPUT_SCALE) / INPUT_SCALE === value;
}

/** The exact integer count of 1/10,000 in a number validated by hasInputPrecision. */
export function toScaled(value: number): number {
  return Math.round(value * INPUT_SCALE);
}

/** Round half away from zero to `places` decimals and return a plain JS number (e.g. 82.83). */
export function roundedNumber(value: ScoringDecimal, places = 2): number {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber();
}

/**
 * numerator / denominator rounded half away from zero to `places` decimals, as a JS number;
 * both are integers. Below 2^52 a double division decides the rounding exactly, larger values go
 * through BigInt, so the breakdown of every indicator stays exact without a decimal object per line.
 */
const TWO_TO_52 = 2 ** 52;

export function roundedRatio(numerator: number, denominator: number, places = 2): number {
  const unit = places === 2 ? 100 : 10 ** places;
  const scaledNumerator = numerator * unit;
  const magnitude = scaledNumerator < 0 ? -scaledNumerator : scaledNumerator;
  if (magnitude < TWO_TO_52 && denominator > 0 && denominator < TWO_TO_52) {
    // The quotient is correctly rounded and |n| < 2^52 keeps its error below 1/(2d), the least
    // distance of n/d from a half that it does not equal: Math.round decides as exact division would.
    const quotient = Math.round(magnitude / denominator);
    return (scaledNumerator < 0 ? -quotient : quotient) / unit;
  }
  const n = BigInt(numerator) * BigInt(unit);
  const d = BigInt(denominator);
  const bigMagnitude = n < 0n ? -n : n;
  let quotient = bigMagnitude / d;
  if ((bigMagnitude % d) * 2n >= d) quotient += 1n;
  return Number(n < 0n ? -quotient : quotient) / unit;
}

/** Sum of numbers as exact 1/10,000 counts, compared against a target (e.g. weights sum to 100). */
export function sumsTo(values: readonly number[], target: number): boolean {
  return values.reduce((sum, value) => sum + toScaled(value), 0) === toScaled(target);
}

export function formatInput(value: number): string {
  return new ScoringDecimal(value).toFixed();
}

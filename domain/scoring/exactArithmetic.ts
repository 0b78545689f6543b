// Exact arithmetic for scoring (SPEC §4: no binary floats). Inputs (weights, shares, fractions,
// scores) carry at most 4 decimal places, so each is an exact integer count of 1/10,000; sums of
// their products stay exact safe integers in the hot loop. Quotients (spread weights, mean ranks)
// are taken once per unit with decimal.js at 60 significant digits, which is exact for every
// terminating quotient and, for the others, far from any half-cent tie; rounding happens only at
// output, half away from zero.
import Decimal from 'decimal.js';
import { DECIMAL_PLACES, hasAtMostDecimals } from '../precision';

export const ScoringDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type ScoringDecimal = InstanceType<typeof ScoringDecimal>;

/**
 * Inputs are counted in units of 1/10,000: the finest precision of the policy (domain/precision.ts),
 * so every accepted input (4-decimal fractions, shares, weights; 2-decimal scores) is an exact count.
 */
export const INPUT_DECIMALS = Math.max(...Object.values(DECIMAL_PLACES));
export const INPUT_SCALE = 10 ** INPUT_DECIMALS;

/** True when the number has at most 4 decimal places (so `toScaled` is exact). */
export function hasInputPrecision(value: number): boolean {
  return hasAtMostDecimals(value, INPUT_DECIMALS);
}

/** The exact integer count of 1/10,000 in a number validated by hasInputPrecision. */
export function toScaled(value: number): number {
  return Math.round(value * INPUT_SCALE);
}

/** Round half away from zero to `places` decimals and return a plain JS number (e.g. 82.83). */
export function roundedNumber(value: ScoringDecimal, places = 2): number {
  // `+ 0` turns a negative zero (−0.001 rounded) into 0.
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toNumber() + 0;
}

const TWO_TO_52 = 2 ** 52;

/**
 * a × b / denominator rounded half away from zero to `places` decimals, as a JS number; a, b and
 * the denominator are safe integers (exact counts of the scales above), the denominator positive.
 * When the scaled product is below 2^52 every double step is exact and a double division decides the
 * rounding exactly; otherwise BigInt does. So each breakdown line is exact without a decimal object.
 */
export function roundedQuotient(a: number, b: number, denominator: number, places = 2): number {
  const unit = places === 2 ? 100 : 10 ** places;
  const scaled = a * b * unit;
  const magnitude = scaled < 0 ? -scaled : scaled;
  if (magnitude < TWO_TO_52 && denominator < TWO_TO_52) {
    // A computed product below 2^52 means the true one is too, so it is exact. The quotient is
    // correctly rounded, and n < 2^52 keeps its error below 1/(2d), the least distance of n/d from a
    // half it does not equal: Math.round decides as exact division would (ties go up, away from 0).
    const quotient = Math.round(magnitude / denominator);
    // `+ 0` keeps a zero from coming out as −0 (a negative factor times 0).
    return (scaled < 0 ? -quotient : quotient) / unit + 0;
  }
  return Number(roundedBigQuotient(BigInt(a) * BigInt(b) * BigInt(unit), BigInt(denominator))) / unit;
}

/** n / d rounded half away from zero to an integer, exactly (d > 0). */
export function roundedBigQuotient(n: bigint, d: bigint): bigint {
  const magnitude = n < 0n ? -n : n;
  let quotient = magnitude / d;
  if ((magnitude % d) * 2n >= d) quotient += 1n;
  return n < 0n ? -quotient : quotient;
}

/** Sum of numbers as exact 1/10,000 counts, compared against a target (e.g. weights sum to 100). */
export function sumsTo(values: readonly number[], target: number): boolean {
  return values.reduce((sum, value) => sum + toScaled(value), 0) === toScaled(target);
}

export function formatInput(value: number): string {
  return new ScoringDecimal(value).toFixed();
}

// Numbers on notices. Scores print with exactly two decimals, rounded half away from zero (SPEC §4:
// round only for display); weights and shares print as entered.
import Decimal from 'decimal.js';

export type DecimalValue = number | string;

/** 86.245 → "86.25", 34.5 → "34.50", -2 → "-2.00". */
export function formatPoints(value: DecimalValue): string {
  return new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Weights and shares as entered, without trailing zeros: "12", "0.25", "13.3333". */
export function formatPlainNumber(value: DecimalValue): string {
  return new Decimal(value).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();
}

/** A fraction 0–1 as a percentage: 0.8 → "80%", 0.125 → "12.5%". */
export function formatPercent(fraction: DecimalValue): string {
  return `${new Decimal(fraction).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()}%`;
}

/** Money in yuan with thousands separators: 50000 → "50,000.00". */
export function formatAmount(value: DecimalValue): string {
  const [whole, cents] = formatPoints(value).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

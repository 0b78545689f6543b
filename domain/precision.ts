// One precision policy for every number a person enters (fractions, shares, weights, scores, amounts),
// the same in the API, the cycle, the scoring preview, what-if and `npm run score`. A number is stored
// exactly as entered or refused with the field and the allowed precision: it is never rounded on the
// way in, because a rounded input can move a unit across the 60-point boundary (Art. 16: below 60 is
// FAIL) and so decide a criticism notice and an owed explanation (Art. 20, 21).
import { z } from 'zod';

/**
 * Decimal places allowed per kind of number; each matches the column that stores it, so what is
 * accepted is stored exactly.
 */
export const DECIMAL_PLACES = {
  /** Completion fractions in [0, 1] (verification, self-check; Art. 8): 0.01 % steps, Decimal(6,4). */
  fraction: 4,
  /** A checkpoint's share of its indicator in [0, 1] (Art. 8, 11 含过程): Decimal(6,4). */
  share: 4,
  /** Indicator weights and the scoring configuration's points (Art. 11, 12): Decimal(9,4). */
  weight: 4,
  /** Third-party scores 0–100 (Art. 9, 11): the 2-decimal grain of every published score, Decimal(6,2). */
  score: 2,
  /** Incentive amounts in yuan (Art. 19): fen, Decimal(12,2). */
  amount: 2,
} as const;
export type NumberKind = keyof typeof DECIMAL_PLACES;

/**
 * True when `value` has at most `places` decimal places as written (its shortest decimal form, the
 * one JSON carried): 0.1235 has 4, 0.12345 has 5, 0.1 + 0.2 has 17. Plain arithmetic, no decimal
 * object, since the scoring file checks millions of fractions: k / 10^p is the double nearest the
 * decimal k·10^-p, so the round trip returns `value` exactly when its shortest form has ≤ p places.
 */
export function hasAtMostDecimals(value: number, places: number): boolean {
  if (!Number.isFinite(value)) return false;
  const scale = 10 ** places;
  return Math.round(value * scale) / scale === value;
}

/** The refusal text: Chinese first, English after it (user-facing text, STYLE). */
export function precisionMessage(places: number, value?: unknown): string {
  const got = typeof value === 'number' ? String(value) : undefined;
  return (
    `最多保留 ${places} 位小数${got ? `，收到 ${got}` : ''}（不作四舍五入）` +
    ` / at most ${places} decimal places${got ? `, received ${got}` : ''} (never rounded)`
  );
}

/** Null when the number is within the policy for its kind, else the refusal message. */
export function precisionProblem(kind: NumberKind, value: number): string | null {
  return hasAtMostDecimals(value, DECIMAL_PLACES[kind])
    ? null
    : precisionMessage(DECIMAL_PLACES[kind], value);
}

/**
 * A zod number that is refused (never rounded) when it has more decimal places than its kind allows;
 * range rules chain on it as on any z.number(). Used by every API body that takes a number and by
 * the scoring file parser.
 */
export function exactDecimal(kind: NumberKind, error?: string) {
  const places = DECIMAL_PLACES[kind];
  return z
    .number(error ? { error } : undefined)
    .refine((value) => hasAtMostDecimals(value, places), {
      error: (issue) => precisionMessage(places, issue.input),
    })
    .meta({ description: `at most ${places} decimal places; a finer number is refused, never rounded` });
}

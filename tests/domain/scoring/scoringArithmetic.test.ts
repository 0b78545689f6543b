// Exact arithmetic and the configuration of SPEC §4: rounding half away from zero, the double fast
// path of roundedQuotient against exact BigInt division, 4-decimal inputs, and configuration defaults.
import fc from 'fast-check';
import {
  ScoringDecimal,
  hasInputPrecision,
  roundedBigQuotient,
  roundedNumber,
  roundedQuotient,
} from '../../../domain/scoring/exactArithmetic';
import { scoringConfigSchema } from '../../../domain/scoring';

/** a × b / d rounded half away from zero to 2 decimals, by BigInt only: the reference. */
function reference(a: number, b: number, d: number): number {
  return Number(roundedBigQuotient(BigInt(a) * BigInt(b) * 100n, BigInt(d))) / 100;
}

describe('exact arithmetic', () => {
  it('rounds half away from zero, only at output', () => {
    expect(roundedNumber(new ScoringDecimal('82.8325'))).toBe(82.83);
    expect(roundedNumber(new ScoringDecimal('12.455'))).toBe(12.46);
    expect(roundedNumber(new ScoringDecimal('-12.455'))).toBe(-12.46);
    expect(roundedNumber(new ScoringDecimal('89.995'))).toBe(90);
    // 0.1 + 0.2 in binary floats is 0.30000000000000004; here it is 0.3.
    expect(new ScoringDecimal(0.1).plus(0.2).toString()).toBe('0.3');
  });

  it('decides ties and near-ties of a × b / d exactly, like BigInt division', () => {
    expect(roundedQuotient(1, 1, 200)).toBe(0.01); // 0.005 → 0.01
    expect(roundedQuotient(-1, 1, 200)).toBe(-0.01);
    expect(roundedQuotient(2, 1, 3)).toBe(0.67);
    expect(roundedQuotient(2 ** 40, 2 ** 20, 3)).toBe(reference(2 ** 40, 2 ** 20, 3)); // BigInt path
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
        fc.integer({ min: 0, max: 2 ** 21 }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (a, b, d) => {
          expect(roundedQuotient(a, b, d)).toBe(reference(a, b, d));
        },
      ),
      { numRuns: 2000 },
    );
    // Exact halves: (2k + 1) × d / (2 × 100 × d) is always a tie.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 20 }), (k, d) => {
        expect(roundedQuotient(2 * k + 1, d, 200 * d)).toBe(reference(2 * k + 1, d, 200 * d));
        expect(roundedQuotient(2 * k + 1, d, 200 * d)).toBe((k + 1) / 100);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts inputs with at most 4 decimal places (the database keeps 4)', () => {
    expect([0.1, 0.95, 0.1234, 33.3333, 100, 0].every(hasInputPrecision)).toBe(true);
    expect([0.12345, 1 / 3, Number.NaN, Number.POSITIVE_INFINITY].some(hasInputPrecision)).toBe(false);
  });
});

describe('scoring configuration (SPEC §4)', () => {
  it('defaults to the measures: 85 %, 10/5, groups 80/10/10, ranks 100→60, grades 90/80/60', () => {
    expect(scoringConfigSchema.parse({})).toEqual({
      indicatorShare: 85,
      comprehensive: { leader: 10, department: 5 },
      groupWeights: { KEY_TASK: 80, INSTRUCTION: 10, MEETING: 10 },
      rankToScore: { top: 100, bottom: 60 },
      grades: { good: 90, fairlyGood: 80, pass: 60 },
    });
  });

  it('switches to 8/4/3 when a third party is engaged (Art. 11), and parses its own output again', () => {
    const config = scoringConfigSchema.parse({ comprehensive: { thirdParty: 3 } });
    expect(config.comprehensive).toEqual({ leader: 8, department: 4, thirdParty: 3 });
    expect(scoringConfigSchema.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it('refuses totals other than 100, thresholds out of order, a pass mark below 60 (Art. 11, 12, 16)', () => {
    const issues = (value: unknown) =>
      scoringConfigSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(issues({ comprehensive: { leader: 10, department: 5, thirdParty: 3 } })).toEqual([
      'comprehensive',
    ]);
    expect(issues({ groupWeights: { KEY_TASK: 60 } })).toEqual(['groupWeights']);
    expect(issues({ grades: { good: 80, fairlyGood: 80 } })).toEqual(['grades']);
    expect(issues({ grades: { pass: 59 } })).toEqual(['grades.pass']);
    expect(issues({ grades: { pass: 65 } })).toEqual([]); // a stricter pass mark is allowed
    expect(issues({ rankToScore: { top: 50 } })).toEqual(['rankToScore']);
    expect(issues({ indicatorShare: 85.00001 })).toEqual(['indicatorShare']);
  });
});

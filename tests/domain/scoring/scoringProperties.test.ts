// Properties of the scoring engine over random valid scoring files (fast-check): redistributed
// weights sum to 100 (Art. 12), more completion never lowers a total (Art. 8, 11), input order
// never matters, and evaluators who rank alike do not change a score by their number (Art. 13).
import fc from 'fast-check';
import { parseScoringInput, scoreUnits, type ScoredUnit } from '../../../domain/scoring';
import type { ScoringFile } from './scoringFixtures';

const RUNS = { numRuns: 100 };

/** count non-negative integers summing to total (cut points of a line of length total). */
function partition(g: fc.GeneratorValue, total: number, count: number): number[] {
  const cuts = Array.from({ length: count - 1 }, () => g(fc.integer, { min: 0, max: total })).sort(
    (a, b) => a - b,
  );
  return [...cuts, total].map((cut, index) => cut - (index === 0 ? 0 : cuts[index - 1]));
}

const fraction = (g: fc.GeneratorValue) => g(fc.integer, { min: 0, max: 10_000 }) / 10_000;

/** A valid scoring file: 1-7 units in 1-3 categories, 3-8 indicators with 0-3 checkpoints, 1-3 evaluators of each kind. */
function drawFile(g: fc.GeneratorValue): ScoringFile {
  const categoryCount = g(fc.integer, { min: 1, max: 3 });
  const units = Array.from({ length: g(fc.integer, { min: 1, max: 7 }) }, (_, i) => ({
    id: `u${i}`,
    name: `单位${i}`,
    category: `C${g(fc.integer, { min: 0, max: categoryCount - 1 })}`,
  }));
  const unitIds = units.map((unit) => unit.id);
  const indicators: ScoringFile[] = [];
  for (const [group, total, most] of [
    ['KEY_TASK', 80, 4],
    ['INSTRUCTION', 10, 2],
    ['MEETING', 10, 2],
  ] as const) {
    // Weights with up to 4 decimals, summing exactly to the group total (Art. 12).
    for (const weight of partition(g, total * 10_000, g(fc.integer, { min: 1, max: most }))) {
      const id = `I${indicators.length}`;
      const checkpointCount = g(fc.integer, { min: 0, max: 3 });
      const shares = partition(g, 10_000, checkpointCount + 1).slice(0, checkpointCount); // the rest is year-end
      indicators.push({
        id,
        name: `指标${indicators.length}`,
        group,
        weight: weight / 10_000,
        checkpoints: shares.map((share, k) => ({ id: `${id}-Q${k + 1}`, share: share / 10_000 })),
        // The first indicator is undertaken by everyone, so no unit is left without an indicator.
        notUndertakenBy: indicators.length === 0 ? [] : g(fc.subarray, unitIds),
      });
    }
  }
  const results: ScoringFile = {};
  for (const unit of units) {
    results[unit.id] = {};
    for (const indicator of indicators) {
      if (indicator.notUndertakenBy.includes(unit.id) || g(fc.integer, { min: 0, max: 9 }) === 0) continue; // missing = 0
      results[unit.id][indicator.id] = {
        checkpoints: Object.fromEntries(
          indicator.checkpoints.map((checkpoint: { id: string }) => [checkpoint.id, fraction(g)]),
        ),
        yearEnd: fraction(g),
      };
    }
  }
  const categories = [...new Set(units.map((unit) => unit.category))];
  const ranking = (prefix: string) =>
    Array.from({ length: g(fc.integer, { min: 1, max: 3 }) }, (_, e) => ({
      evaluator: `${prefix}${e}`,
      order: Object.fromEntries(
        categories.map((category) => {
          const members = units.filter((unit) => unit.category === category).map((unit) => unit.id);
          return [
            category,
            g(fc.shuffledSubarray, members, { minLength: members.length, maxLength: members.length }),
          ];
        }),
      ),
    }));
  const file: ScoringFile = {
    config: {},
    units,
    indicators,
    results,
    rankings: { leaders: ranking('leader-'), departments: ranking('dept-') },
    adjustments: Array.from({ length: g(fc.integer, { min: 0, max: 3 }) }, () => ({
      unit: g(fc.constantFrom, ...unitIds),
      kind: g(
        fc.constantFrom,
        'COMMENDATION_MAJOR',
        'COMMENDATION_MINOR',
        'CRITICISM_MAJOR',
        'CRITICISM_MINOR',
      ),
      count: g(fc.integer, { min: 1, max: 3 }),
      note: '',
    })),
    downgrades: Array.from({ length: g(fc.integer, { min: 0, max: 2 }) }, () => ({
      unit: g(fc.constantFrom, ...unitIds),
      levels: g(fc.constantFrom, 1, 2),
      reason: 'MAJOR_ERROR',
      note: '',
    })),
  };
  if (g(fc.boolean)) {
    file.config = { comprehensive: { thirdParty: 3 } };
    file.thirdParty = Object.fromEntries(
      // Third-party scores carry at most 2 decimals (domain/precision.ts).
      unitIds.map((id) => [id, g(fc.integer, { min: 0, max: 10_000 }) / 100]),
    );
  }
  return file;
}

const score = (file: ScoringFile) => scoreUnits(parseScoringInput(file)).units;

/** The figures of SPEC §5 without the breakdown (which a reordered input lists in its own order). */
function figures(unit: ScoredUnit) {
  const { breakdown: _breakdown, ...rest } = unit;
  return rest;
}

function byId(units: ScoredUnit[]) {
  return Object.fromEntries(units.map((unit) => [unit.id, unit]));
}

function shuffle<T>(g: fc.GeneratorValue, items: readonly T[]): T[] {
  return g(fc.shuffledSubarray, [...items], { minLength: items.length, maxLength: items.length });
}

describe('scoring properties', () => {
  it('every unit’s effective weights sum to 100 and are spread evenly over its other indicators (Art. 12)', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        for (const unit of score(drawFile(g))) {
          const lines = unit.breakdown.indicators;
          const undertaken = lines.filter((line) => line.undertaken);
          const spread = lines
            .filter((line) => !line.undertaken)
            .reduce((sum, line) => sum + line.baseWeight, 0);
          for (const line of lines) {
            // Each line is w + R/m, rounded to 4 decimals; not undertaken: 0.
            const exact = line.undertaken ? line.baseWeight + spread / undertaken.length : 0;
            expect(Math.abs(line.effectiveWeight - exact)).toBeLessThanOrEqual(0.00005 + 1e-9);
          }
          // Rounded to 4 decimals each, the sum is 100 within half a unit of the 4th decimal per line.
          const sum = undertaken.reduce((acc, line) => acc + line.effectiveWeight, 0);
          expect(Math.abs(sum - 100)).toBeLessThanOrEqual(undertaken.length * 0.00005 + 1e-9);
          // And I = Σ w′ × c (Art. 11), up to the same rounding of the lines.
          const recomputed = undertaken.reduce((acc, line) => acc + line.points, 0);
          expect(Math.abs(recomputed - unit.indicatorScore)).toBeLessThanOrEqual(0.005 * (lines.length + 1));
        }
      }),
      RUNS,
    );
  });

  it('raising any completion fraction never lowers that unit’s total (Art. 8, 11)', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const file = drawFile(g);
        const unit = g(fc.constantFrom, ...(file.units as { id: string }[])).id;
        const undertaken = file.indicators.filter(
          (indicator: { notUndertakenBy: string[] }) => !indicator.notUndertakenBy.includes(unit),
        );
        const indicator = g(fc.constantFrom, ...undertaken);
        const before = byId(score(file))[unit];
        const cell = (file.results[unit][indicator.id] ??= { checkpoints: {} });
        const part = g(
          fc.constantFrom,
          'yearEnd',
          ...indicator.checkpoints.map((checkpoint: { id: string }) => checkpoint.id),
        );
        const current: number = (part === 'yearEnd' ? cell.yearEnd : cell.checkpoints?.[part]) ?? 0;
        const raised = g(fc.integer, { min: Math.round(current * 10_000), max: 10_000 }) / 10_000;
        if (part === 'yearEnd') cell.yearEnd = raised;
        else (cell.checkpoints ??= {})[part] = raised;
        const after = byId(score(file))[unit];
        expect(after.indicatorScore).toBeGreaterThanOrEqual(before.indicatorScore);
        expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      RUNS,
    );
  });

  it('a permutation of the input order never changes any result', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const file = drawFile(g);
        const permuted: ScoringFile = {
          ...structuredClone(file),
          units: shuffle(g, file.units),
          indicators: shuffle<ScoringFile>(g, file.indicators).map((indicator: ScoringFile) => ({
            ...indicator,
            checkpoints: shuffle(g, indicator.checkpoints),
            notUndertakenBy: shuffle(g, indicator.notUndertakenBy),
          })),
          results: Object.fromEntries(shuffle(g, Object.entries(file.results))),
          rankings: {
            leaders: shuffle<ScoringFile>(g, file.rankings.leaders).map((ranking: ScoringFile) => ({
              ...ranking,
              order: Object.fromEntries(shuffle(g, Object.entries(ranking.order))),
            })),
            departments: shuffle(g, file.rankings.departments),
          },
          adjustments: shuffle(g, file.adjustments),
          downgrades: shuffle(g, file.downgrades),
        };
        const original = byId(score(file));
        const reordered = score(permuted);
        // Output follows the input's unit order (SPEC §5)...
        expect(reordered.map((unit) => unit.id)).toEqual(
          permuted.units.map((unit: { id: string }) => unit.id),
        );
        for (const unit of reordered) {
          // ...and every figure, grade and rank is the same.
          expect(figures(unit)).toEqual(figures(original[unit.id]));
          const lines = (result: ScoredUnit) =>
            [...result.breakdown.indicators]
              .map((line) => ({
                ...line,
                checkpoints: [...line.checkpoints].sort((a, b) =>
                  a.checkpointId.localeCompare(b.checkpointId),
                ),
              }))
              .sort((a, b) => a.indicatorId.localeCompare(b.indicatorId));
          expect(lines(unit)).toEqual(lines(original[unit.id]));
        }
      }),
      RUNS,
    );
  });

  it('totals do not depend on how many evaluators submitted the same ranking (Art. 13)', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const file = drawFile(g);
        const single = {
          ...file,
          rankings: { leaders: [file.rankings.leaders[0]], departments: [file.rankings.departments[0]] },
        };
        const copies = (ranking: { order: unknown }, count: number, prefix: string) =>
          Array.from({ length: count }, (_, index) => ({
            evaluator: `${prefix}${index}`,
            order: structuredClone(ranking.order),
          }));
        const many = {
          ...file,
          rankings: {
            leaders: copies(file.rankings.leaders[0], g(fc.integer, { min: 2, max: 10 }), 'same-leader-'),
            departments: copies(
              file.rankings.departments[0],
              g(fc.integer, { min: 2, max: 10 }),
              'same-dept-',
            ),
          },
        };
        expect(score(many).map(figures)).toEqual(score(single).map(figures));
      }),
      RUNS,
    );
  });
});

// The shared example (SPEC §5): the engine and the CLI give exactly scoring-example.expected.json, and
// every unit's breakdown is what notices, the API and the UI read (mail/scoreBreakdown.ts).
import fs from 'node:fs';
import { parseScoringInput, scoreUnits } from '../../../domain/scoring';
import { scoreBreakdownSchema } from '../../../mail/scoreBreakdown';
import { examplePath, expectedPath, runScoreCli } from './scoringFixtures';

const example = JSON.parse(fs.readFileSync(examplePath, 'utf8'));
const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8')) as { units: Record<string, unknown>[] };
const figureKeys = Object.keys(expected.units[0]);

function figuresOf(units: Record<string, unknown>[]) {
  return units.map((unit) => Object.fromEntries(figureKeys.map((key) => [key, unit[key]])));
}

describe('the shared scoring example (SPEC §5)', () => {
  const output = scoreUnits(parseScoringInput(example));

  it('gives exactly the expected figures, grades and ranks, in input order', () => {
    expect({ units: figuresOf(output.units as unknown as Record<string, unknown>[]) }).toStrictEqual(
      expected,
    );
    // Every figure of SPEC §5 is present and nothing else but the breakdown.
    for (const unit of output.units)
      expect(Object.keys(unit).sort()).toEqual([...figureKeys, 'breakdown'].sort());
  });

  it('explains each unit by a breakdown that the notice schema accepts and that adds up', () => {
    for (const unit of output.units) {
      const parsed = scoreBreakdownSchema.safeParse(unit.breakdown);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(unit.breakdown.total).toBe(unit.total);
      expect(unit.breakdown.finalGrade).toBe(unit.finalGrade);
      expect(unit.breakdown.categoryRank).toBe(unit.categoryRank);
    }
    // 中山区 (zs) does not undertake K3 (20): the other four get 5 more each (Art. 12): 35, 35, 15, 15.
    const zs = output.units.find((unit) => unit.id === 'zs')!;
    expect(
      zs.breakdown.indicators.map((line) => [line.indicatorId, line.effectiveWeight, line.undertaken]),
    ).toEqual([
      ['K1', 35, true],
      ['K2', 35, true],
      ['K3', 0, false],
      ['I1', 15, true],
      ['M1', 15, true],
    ]);
    // K1: 35 × (0.2 × 1 + 0.2 × 1 + 0.6 × 0.95) = 7 + 7 + 19.95 = 33.95 (Art. 8, 11 含过程).
    const k1 = zs.breakdown.indicators[0];
    expect(k1.checkpoints.map((part) => part.points)).toEqual([7, 7]);
    expect(k1.yearEnd).toEqual({ share: 0.6, fraction: 0.95, points: 19.95 });
    expect(k1.completion).toBe(0.97);
    expect(k1.points).toBe(33.95);
    expect(zs.breakdown.comprehensive.leader).toEqual({ score: 100, weight: 10, points: 10 });
    expect(zs.breakdown.comprehensive.department).toEqual({ score: 90, weight: 5, points: 4.5 });
    expect(zs.breakdown.adjustments).toEqual([
      {
        kind: 'COMMENDATION_MAJOR',
        count: 1,
        pointsEach: 1,
        points: 1,
        note: '市委通报表扬',
        article: 'Art. 14',
      },
    ]);
    const shk = output.units.find((unit) => unit.id === 'shk')!;
    expect(shk.breakdown.downgrade).toEqual({
      levels: 1,
      reasons: [{ reason: 'FALSIFICATION', levels: 1, note: '考核材料弄虚作假 (Art. 17)' }],
      article: 'Art. 17',
    });
  });

  it('gives the same result through the CLI as a child process (FILE and standard input)', () => {
    const summary = runScoreCli(['--no-breakdown', examplePath]);
    expect(summary.stderr).toBe('');
    expect(summary.status).toBe(0);
    expect(JSON.parse(summary.stdout)).toStrictEqual(expected);

    const full = runScoreCli([], fs.readFileSync(examplePath, 'utf8'));
    expect(full.status).toBe(0);
    const printed = JSON.parse(full.stdout) as { units: Record<string, unknown>[] };
    expect({ units: figuresOf(printed.units) }).toStrictEqual(expected);
    expect(printed.units[0].breakdown).toEqual(JSON.parse(JSON.stringify(output.units[0].breakdown)));
  });
});

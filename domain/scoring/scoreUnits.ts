// The scoring engine (SPEC §4, Art. 10-17): pure, exact, and fast enough for 10,000 units.
// Every weight, share and fraction is an exact count of 1/10,000 (exactArithmetic.ts), so the
// per-indicator sums are exact integers; a unit's quotients are taken once with decimal.js.
import { INPUT_SCALE, ScoringDecimal, roundedNumber, roundedQuotient, toScaled } from './exactArithmetic';
import { downgradeGrade, gradeOfTotal, sharedRanks } from './grades';
import type { AdjustmentKind, IndicatorResult, ScoringInput, UnitRanking } from './scoringInput';
import type {
  AdjustmentLine,
  DowngradeLine,
  IndicatorLine,
  ScoreBreakdownOutput,
  ScoredUnit,
  ScoringOutput,
} from './scoringOutput';

/** Art. 14 (+) and Art. 15 (−), points per commendation or criticism. */
export const adjustmentPoints: Record<AdjustmentKind, { points: number; article: string }> = {
  COMMENDATION_MAJOR: { points: 1, article: 'Art. 14' },
  COMMENDATION_MINOR: { points: 0.5, article: 'Art. 14' },
  CRITICISM_MAJOR: { points: -2, article: 'Art. 15' },
  CRITICISM_MINOR: { points: -1, article: 'Art. 15' },
};

const INDICATOR_ARTICLE = 'Art. 8, 11, 12';
const ZERO = new ScoringDecimal(0);
/** Completion c is counted in 1/10^8 (share × fraction); weight × c in 1/10^12. */
const COMPLETION_SCALE = INPUT_SCALE * INPUT_SCALE;
const POINTS_SCALE = COMPLETION_SCALE * INPUT_SCALE;

function appendTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface RankSums {
  /** unit → sum of its ranks over the evaluators (rank 1 = first). */
  sums: Map<string, number>;
  evaluators: number;
}

/** Sum of each unit's ranks over all evaluators; the mean rank converts linearly, so L = score(mean rank). */
function rankSums(rankings: readonly UnitRanking[]): RankSums {
  const sums = new Map<string, number>();
  for (const ranking of rankings) {
    for (const order of Object.values(ranking.order)) {
      order.forEach((unitId, index) => sums.set(unitId, (sums.get(unitId) ?? 0) + index + 1));
    }
  }
  return { sums, evaluators: rankings.length };
}

/**
 * Mean rank-converted score (Art. 13): rank r of n scores top − (r − 1)(top − bottom)/(n − 1),
 * n = 1 scores top; the mean over k evaluators is top − (Σr − k)(top − bottom)/(k(n − 1)).
 */
function meanRankScore(
  rank: RankSums,
  unitId: string,
  categorySize: number,
  top: number,
  bottom: number,
): ScoringDecimal {
  const topScore = new ScoringDecimal(top);
  if (categorySize === 1) return topScore;
  const excess = (rank.sums.get(unitId) ?? 0) - rank.evaluators;
  return topScore.minus(
    new ScoringDecimal(top)
      .minus(bottom)
      .times(excess)
      .div(rank.evaluators * (categorySize - 1)),
  );
}

type PreparedIndicator = ReturnType<typeof prepareIndicators>[number];

function prepareIndicators(input: ScoringInput) {
  return input.indicators.map((indicator) => {
    const checkpointShares = indicator.checkpoints.map((checkpoint) => toScaled(checkpoint.share));
    const checkpointShareSum = checkpointShares.reduce((sum, share) => sum + share, 0);
    return {
      source: indicator,
      weight: toScaled(indicator.weight),
      excluded: new Set(indicator.notUndertakenBy),
      checkpointShares,
      /** The year-end part takes what the checkpoints leave: 1 − Σ share_k (Art. 8, 11 含过程). */
      yearEndShare: INPUT_SCALE - checkpointShareSum,
    };
  });
}

/** Completion c = Σ share_k × fraction_k + (1 − Σ share_k) × yearEnd, in 1/10^8 (Art. 8, 11 含过程). */
function completionOf(indicator: PreparedIndicator, cell: IndicatorResult | undefined): number {
  if (!cell) return 0;
  let completion = indicator.yearEndShare * toScaled(cell.yearEnd ?? 0);
  const fractions = cell.checkpoints;
  if (fractions) {
    const checkpoints = indicator.source.checkpoints;
    for (let k = 0; k < checkpoints.length; k += 1)
      completion += indicator.checkpointShares[k] * toScaled(fractions[checkpoints[k].id] ?? 0);
  }
  return completion;
}

/**
 * The exact sums behind a unit's indicator score (the hot loop: no allocation). Art. 12: the
 * weights R of the indicators the unit does not undertake are spread evenly over its m others,
 * w′ = w + R/m, so I = Σ w′c = (m·Σ w c + R·Σ c)/m with a single division, done by the caller.
 */
function indicatorSums(
  indicators: readonly PreparedIndicator[],
  unitId: string,
  unitResults: Record<string, IndicatorResult>,
) {
  let m = 0;
  let spread = 0; // R in 1/10^4
  let weightedCompletion = 0; // Σ w·c in 1/10^12
  let completionSum = 0; // Σ c in 1/10^8
  for (const indicator of indicators) {
    if (indicator.excluded.has(unitId)) {
      spread += indicator.weight;
      continue;
    }
    m += 1;
    const completion = completionOf(indicator, unitResults[indicator.source.id]);
    weightedCompletion += indicator.weight * completion;
    completionSum += completion;
  }
  return { m, spread, weightedCompletion, completionSum };
}

/** One breakdown line per indicator: effective weight, checkpoint and year-end parts, points of I (0–100). */
function indicatorLines(
  indicators: readonly PreparedIndicator[],
  unitId: string,
  unitResults: Record<string, IndicatorResult>,
  m: number,
  spread: number,
): IndicatorLine[] {
  const denominator = m * POINTS_SCALE;
  return indicators.map((indicator) => {
    const { source } = indicator;
    const undertaken = !indicator.excluded.has(unitId);
    const cell = undertaken ? unitResults[source.id] : undefined;
    // m·w′ in 1/10^4, kept whole so that every part divides exactly once.
    const mTimesWeight = undertaken ? m * indicator.weight + spread : 0;
    // A plain loop: no closure per line (tsx names every closure it creates, which is slow here).
    const checkpoints: IndicatorLine['checkpoints'] = [];
    for (let k = 0; k < source.checkpoints.length; k += 1) {
      const checkpoint = source.checkpoints[k];
      const fraction = cell?.checkpoints?.[checkpoint.id] ?? 0;
      checkpoints.push({
        checkpointId: checkpoint.id,
        share: checkpoint.share,
        fraction,
        points: roundedQuotient(
          mTimesWeight,
          indicator.checkpointShares[k] * toScaled(fraction),
          denominator,
        ),
      });
    }
    const yearEndFraction = cell?.yearEnd ?? 0;
    const completion = completionOf(indicator, cell);
    return {
      indicatorId: source.id,
      name: source.name,
      group: source.group,
      baseWeight: source.weight,
      effectiveWeight: roundedQuotient(mTimesWeight, 1, m * INPUT_SCALE, 4),
      undertaken,
      checkpoints,
      yearEnd: {
        share: indicator.yearEndShare / INPUT_SCALE,
        fraction: yearEndFraction,
        points: roundedQuotient(
          mTimesWeight,
          indicator.yearEndShare * toScaled(yearEndFraction),
          denominator,
        ),
      },
      completion: roundedQuotient(completion, 1, COMPLETION_SCALE, 4),
      points: roundedQuotient(mTimesWeight, completion, denominator),
      article: INDICATOR_ARTICLE,
    };
  });
}

/** A comprehensive-evaluation part (Art. 11, 13): score, weight per 100, points. */
function comprehensivePart(score: ScoringDecimal, weight: number, points: ScoringDecimal) {
  return { score: roundedNumber(score), weight, points: roundedNumber(points) };
}

/** Score every unit of a checked scoring file (parseScoringInput). Never fails on a checked file. */
export function scoreUnits(input: ScoringInput): ScoringOutput {
  const { config } = input;
  const categorySize = new Map<string, number>();
  for (const unit of input.units) categorySize.set(unit.category, (categorySize.get(unit.category) ?? 0) + 1);

  const indicators = prepareIndicators(input);

  const leaderRanks = rankSums(input.rankings.leaders);
  const departmentRanks = rankSums(input.rankings.departments);
  const { top, bottom } = config.rankToScore;
  const hundred = new ScoringDecimal(100);
  const indicatorShare = new ScoringDecimal(config.indicatorShare).div(hundred);
  const leaderWeight = new ScoringDecimal(config.comprehensive.leader).div(hundred);
  const departmentWeight = new ScoringDecimal(config.comprehensive.department).div(hundred);
  const thirdPartyWeight =
    config.comprehensive.thirdParty === undefined
      ? null
      : new ScoringDecimal(config.comprehensive.thirdParty).div(hundred);

  const adjustmentsOf = new Map<string, ScoringInput['adjustments']>();
  for (const adjustment of input.adjustments) appendTo(adjustmentsOf, adjustment.unit, adjustment);
  const downgradesOf = new Map<string, ScoringInput['downgrades']>();
  for (const downgrade of input.downgrades) appendTo(downgradesOf, downgrade.unit, downgrade);

  const scored = input.units.map((unit) => {
    const unitResults = input.results[unit.id] ?? {};

    const { m, spread, weightedCompletion, completionSum } = indicatorSums(indicators, unit.id, unitResults);
    const indicatorScore = new ScoringDecimal(weightedCompletion)
      .times(m)
      .plus(new ScoringDecimal(spread).times(completionSum))
      .div(new ScoringDecimal(m).times(POINTS_SCALE));
    const indicatorPoints = indicatorScore.times(indicatorShare); // Art. 11: 85 %

    // Comprehensive evaluation (Art. 9, 11, 13) within the unit's category.
    const size = categorySize.get(unit.category)!;
    const leaderScore = meanRankScore(leaderRanks, unit.id, size, top, bottom);
    const departmentScore = meanRankScore(departmentRanks, unit.id, size, top, bottom);
    const thirdPartyScore =
      thirdPartyWeight && input.thirdParty ? new ScoringDecimal(input.thirdParty[unit.id]) : null;
    const leaderPoints = leaderScore.times(leaderWeight);
    const departmentPoints = departmentScore.times(departmentWeight);
    const thirdPartyPoints =
      thirdPartyScore && thirdPartyWeight ? thirdPartyScore.times(thirdPartyWeight) : null;
    const comprehensivePoints = leaderPoints.plus(departmentPoints).plus(thirdPartyPoints ?? 0);

    // Commendations (Art. 14) and criticisms (Art. 15).
    let bonus = ZERO;
    let deduction = ZERO;
    const adjustmentLines: AdjustmentLine[] = (adjustmentsOf.get(unit.id) ?? []).map((adjustment) => {
      const rule = adjustmentPoints[adjustment.kind];
      const points = new ScoringDecimal(rule.points).times(adjustment.count);
      if (points.isPositive()) bonus = bonus.plus(points);
      else deduction = deduction.minus(points);
      return {
        kind: adjustment.kind,
        count: adjustment.count,
        pointsEach: rule.points,
        points: roundedNumber(points),
        note: adjustment.note,
        article: rule.article,
      };
    });

    // Art. 11: the total adds the unrounded parts.
    const total = indicatorPoints.plus(comprehensivePoints).plus(bonus).minus(deduction);
    const roundedTotal = roundedNumber(total);

    const decisions = downgradesOf.get(unit.id) ?? [];
    const downgradeLevels = Math.min(
      2,
      decisions.reduce((sum, decision) => sum + decision.levels, 0),
    );
    const downgrade: DowngradeLine | null =
      decisions.length === 0
        ? null
        : {
            levels: downgradeLevels,
            reasons: decisions.map(({ reason, levels, note }) => ({ reason, levels, note })),
            article: 'Art. 17',
          };

    return {
      unit,
      roundedTotal,
      result: {
        id: unit.id,
        indicatorScore: roundedNumber(indicatorScore),
        indicatorPoints: roundedNumber(indicatorPoints),
        leaderScore: roundedNumber(leaderScore),
        departmentScore: roundedNumber(departmentScore),
        thirdPartyScore: thirdPartyScore ? roundedNumber(thirdPartyScore) : null,
        comprehensivePoints: roundedNumber(comprehensivePoints),
        bonus: roundedNumber(bonus),
        deduction: roundedNumber(deduction),
        downgradeLevels,
        total: roundedTotal,
        lines: () => indicatorLines(indicators, unit.id, unitResults, m, spread),
        comprehensive: () => ({
          leader: comprehensivePart(leaderScore, config.comprehensive.leader, leaderPoints),
          department: comprehensivePart(departmentScore, config.comprehensive.department, departmentPoints),
          thirdParty:
            thirdPartyScore && thirdPartyPoints
              ? comprehensivePart(thirdPartyScore, config.comprehensive.thirdParty!, thirdPartyPoints)
              : null,
        }),
        adjustmentLines,
        downgrade,
      },
    };
  });

  // Grades (Art. 16, 17) and shared category ranks (SPEC §4), both from the rounded total.
  const rankOf = new Map<string, number>();
  const byCategory = new Map<string, typeof scored>();
  for (const entry of scored) appendTo(byCategory, entry.unit.category, entry);
  for (const members of byCategory.values()) {
    const ranks = sharedRanks(members.map((entry) => Math.round(entry.roundedTotal * 100)));
    members.forEach((entry, index) => rankOf.set(entry.unit.id, ranks[index]));
  }

  return {
    units: scored.map(({ unit, result }): ScoredUnit => {
      const { lines, comprehensive, adjustmentLines, downgrade, ...figures } = result;
      const scoreGrade = gradeOfTotal(figures.total, config.grades);
      const finalGrade = downgradeGrade(scoreGrade, figures.downgradeLevels);
      const categoryRank = rankOf.get(unit.id)!;
      const scoredUnit = { ...figures, scoreGrade, finalGrade, categoryRank } as ScoredUnit;
      // The breakdown (3 million small objects for 10,000 units × 60 indicators × 4 checkpoints) is
      // built on first read and kept: the same pure calculation, paid only by callers that show it.
      let breakdown: ScoreBreakdownOutput | undefined;
      Object.defineProperty(scoredUnit, 'breakdown', {
        enumerable: true,
        configurable: true,
        set: (value: ScoreBreakdownOutput) => {
          breakdown = value;
        },
        get: () =>
          (breakdown ??= {
            indicators: lines(),
            indicatorScore: figures.indicatorScore,
            indicatorShare: config.indicatorShare,
            indicatorPoints: figures.indicatorPoints,
            comprehensive: {
              ...comprehensive(),
              points: figures.comprehensivePoints,
              article: 'Art. 9, 11, 13',
            },
            adjustments: adjustmentLines,
            downgrade,
            total: figures.total,
            scoreGrade,
            finalGrade,
            categoryRank,
            categorySize: categorySize.get(unit.category)!,
            article: 'Art. 10, 11, 16, 17',
          }),
      });
      return scoredUnit;
    }),
  };
}

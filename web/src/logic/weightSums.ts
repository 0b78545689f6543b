// Live weight checks of the target editor (Art. 11, 12; SPEC §4): indicator weights sum to 100 overall
// and, per group, to the group's configured total (default KEY_TASK 80, INSTRUCTION 10, MEETING 10).
// Sums are taken in hundredths so 33.33 + 33.33 + 33.34 is exactly 100 (no binary-float drift).

export type IndicatorGroup = 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
export const INDICATOR_GROUPS: readonly IndicatorGroup[] = ['KEY_TASK', 'INSTRUCTION', 'MEETING'];

/** SPEC §4 defaults, Art. 12 read as 80 / 10 / 10 (the two "20 %" share 20). */
export const DEFAULT_GROUP_WEIGHTS: Record<IndicatorGroup, number> = {
  KEY_TASK: 80,
  INSTRUCTION: 10,
  MEETING: 10,
};

export interface GroupSum {
  group: IndicatorGroup;
  sum: number;
  expected: number;
  ok: boolean;
}

export interface WeightCheck {
  groups: GroupSum[];
  total: number;
  totalOk: boolean;
  /** The configured group totals themselves must sum to 100. */
  groupWeightsOk: boolean;
  ok: boolean;
}

const hundredths = (value: number) => Math.round(Number(value) * 100);

export function checkWeights(
  indicators: readonly { group?: string | null; weight?: number | string | null }[],
  groupWeights: Record<IndicatorGroup, number> = DEFAULT_GROUP_WEIGHTS,
): WeightCheck {
  const sums = new Map<IndicatorGroup, number>(INDICATOR_GROUPS.map((group) => [group, 0]));
  let total = 0;
  for (const indicator of indicators) {
    const weight = Number(indicator.weight);
    if (!Number.isFinite(weight)) continue;
    total += hundredths(weight);
    const group = indicator.group as IndicatorGroup;
    if (sums.has(group)) sums.set(group, sums.get(group)! + hundredths(weight));
  }
  const groups = INDICATOR_GROUPS.map((group) => {
    const sum = sums.get(group)!;
    const expected = hundredths(groupWeights[group] ?? 0);
    return { group, sum: sum / 100, expected: expected / 100, ok: sum === expected };
  });
  const groupWeightsOk =
    INDICATOR_GROUPS.reduce((acc, group) => acc + hundredths(groupWeights[group] ?? 0), 0) === 10000;
  const totalOk = total === 10000;
  return {
    groups,
    total: total / 100,
    totalOk,
    groupWeightsOk,
    ok: totalOk && groupWeightsOk && groups.every((group) => group.ok),
  };
}

/** Σ share of an indicator's checkpoints must not exceed 1 (Art. 8, 11 "含过程"). */
export function checkpointShareTotal(checkpoints: readonly { share?: number | string | null }[]): {
  total: number;
  ok: boolean;
} {
  const total = checkpoints.reduce(
    (acc, checkpoint) => acc + Math.round(Number(checkpoint.share ?? 0) * 10000),
    0,
  );
  return { total: total / 10000, ok: total <= 10000 };
}

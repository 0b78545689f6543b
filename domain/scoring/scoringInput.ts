// The scoring file of SPEC §5, parsed and checked as a whole before anything is scored: every
// problem is collected with its path and the unit, indicator or evaluator it concerns, and one
// ScoringInputError carries them all (never a partial result).
import { z } from 'zod';
import { sumsTo, toScaled } from './exactArithmetic';
import { exactDecimal, precisionProblem } from '../precision';
import { scoringConfigSchema, type ScoringConfig } from './scoringConfig';
import { ScoringInputError, type ScoringProblem } from './scoringInputError';

export const indicatorGroups = ['KEY_TASK', 'INSTRUCTION', 'MEETING'] as const;
export type IndicatorGroup = (typeof indicatorGroups)[number];
export const adjustmentKinds = [
  'COMMENDATION_MAJOR',
  'COMMENDATION_MINOR',
  'CRITICISM_MAJOR',
  'CRITICISM_MINOR',
] as const;
export type AdjustmentKind = (typeof adjustmentKinds)[number];
export const downgradeReasons = [
  'CADRE_SELECTION',
  'PARTY_DISCIPLINE',
  'MAJOR_ERROR',
  'FALSIFICATION',
  'LEADERSHIP_SANCTIONED',
] as const;
export type DowngradeReason = (typeof downgradeReasons)[number];

const id = z
  .string({ error: 'expected a non-empty string id' })
  .min(1, { error: 'expected a non-empty string id' });
// Numbers follow the one precision policy of the API and the cycle (domain/precision.ts).
const exactNumber = (what: 'weight' | 'share') => exactDecimal(what, `${what} must be a number`);

const rankingSchema = z.object({
  evaluator: id,
  /** category → unit ids, rank 1 first (Art. 13). */
  order: z.record(z.string(), z.array(id)),
});

const scoringFileSchema = z.object({
  config: z.unknown().optional(),
  units: z
    .array(z.object({ id, name: z.string(), category: id }))
    .min(1, { error: 'at least one unit is needed' }),
  indicators: z
    .array(
      z.object({
        id,
        name: z.string(),
        group: z.enum(indicatorGroups, {
          error: `group must be one of ${indicatorGroups.join(', ')} (Art. 12)`,
        }),
        weight: exactNumber('weight').refine((value) => value >= 0, { error: 'weight may not be negative' }),
        checkpoints: z
          .array(
            z.object({
              id,
              share: exactNumber('share').refine((value) => value >= 0 && value <= 1, {
                error: 'share must be within [0, 1] (Art. 8, 11)',
              }),
            }),
          )
          .default([]),
        notUndertakenBy: z.array(id).default([]),
      }),
    )
    .min(1, { error: 'at least one indicator is needed (Art. 8)' })
    // Keeps every exact count of the engine a safe integer (exactArithmetic.ts).
    .max(1000, { error: 'at most 1,000 indicators' }),
  /** unitId → indicatorId → fractions; checked by hand below (it is the bulk of the file). */
  results: z.record(z.string(), z.unknown()).default({}),
  rankings: z.object(
    {
      leaders: z.array(rankingSchema),
      departments: z.array(rankingSchema),
    },
    { error: 'rankings {leaders, departments} are required (Art. 13)' },
  ),
  thirdParty: z.record(z.string(), z.unknown()).optional(),
  adjustments: z
    .array(
      z.object({
        unit: id,
        kind: z.enum(adjustmentKinds, {
          error: `kind must be one of ${adjustmentKinds.join(', ')} (Art. 14, 15)`,
        }),
        count: z
          .int({ error: 'count must be a whole number' })
          .min(1, { error: 'count must be at least 1' })
          .default(1),
        note: z.string().default(''),
      }),
    )
    .default([]),
  downgrades: z
    .array(
      z.object({
        unit: id,
        levels: z.union([z.literal(1), z.literal(2)], { error: 'levels must be 1 or 2 (Art. 17)' }),
        reason: z.enum(downgradeReasons, {
          error: `reason must be one of ${downgradeReasons.join(', ')} (Art. 17)`,
        }),
        note: z.string().default(''),
      }),
    )
    .default([]),
});

export interface ScoringUnit {
  id: string;
  name: string;
  category: string;
}
export interface ScoringIndicator {
  id: string;
  name: string;
  group: IndicatorGroup;
  weight: number;
  checkpoints: { id: string; share: number }[];
  notUndertakenBy: string[];
}
export interface IndicatorResult {
  checkpoints?: Record<string, number>;
  yearEnd?: number;
}
export interface UnitRanking {
  evaluator: string;
  order: Record<string, string[]>;
}
export interface ScoringAdjustment {
  unit: string;
  kind: AdjustmentKind;
  count: number;
  note: string;
}
export interface ScoringDowngrade {
  unit: string;
  levels: 1 | 2;
  reason: DowngradeReason;
  note: string;
}

/** A scoring file that passed every check of SPEC §5: scoreUnits can no longer fail on it. */
export interface ScoringInput {
  config: ScoringConfig;
  units: ScoringUnit[];
  indicators: ScoringIndicator[];
  /** unitId → indicatorId → fractions; missing = 0 (SPEC §5). */
  results: Record<string, Record<string, IndicatorResult>>;
  rankings: { leaders: UnitRanking[]; departments: UnitRanking[] };
  /** Present exactly when the configuration has a third-party weight (Art. 9, 11). */
  thirdParty?: Record<string, number>;
  adjustments: ScoringAdjustment[];
  downgrades: ScoringDowngrade[];
}

function zodPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
}

/** zod's "Invalid input: expected array, received undefined" reads better as "required (an array)". */
function zodMessage(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing ? `required (expected ${missing[1]})` : message;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse and check a scoring file (SPEC §5). Throws ScoringInputError listing every problem. */
export function parseScoringInput(raw: unknown): ScoringInput {
  const problems: ScoringProblem[] = [];
  const refuse = (path: string, message: string) => problems.push({ path, message });

  const shape = scoringFileSchema.safeParse(raw);
  if (!shape.success) {
    throw new ScoringInputError(
      shape.error.issues.map((issue) => ({
        path: zodPath(issue.path) || '(file)',
        message: zodMessage(issue.message),
      })),
    );
  }
  const file = shape.data;

  // A file with third-party scores and no third-party weight takes the 8/4/3 default (Art. 11).
  let rawConfig: unknown = file.config ?? {};
  if (file.thirdParty !== undefined && isPlainObject(rawConfig)) {
    const comprehensive = isPlainObject(rawConfig.comprehensive) ? rawConfig.comprehensive : {};
    if (comprehensive.thirdParty === undefined) {
      if (comprehensive.leader !== undefined || comprehensive.department !== undefined) {
        refuse(
          'config.comprehensive.thirdParty',
          'third-party scores are given but the configuration has no third-party weight (Art. 11: 8/4/3)',
        );
      } else {
        rawConfig = { ...rawConfig, comprehensive: { thirdParty: 3 } };
      }
    }
  }
  const configResult = scoringConfigSchema.safeParse(rawConfig);
  if (!configResult.success) {
    for (const issue of configResult.error.issues)
      refuse(zodPath(['config', ...issue.path]), zodMessage(issue.message));
    throw new ScoringInputError(problems);
  }
  const config = configResult.data;

  // Units and categories (Art. 6).
  const unitById = new Map<string, ScoringUnit>();
  const unitsOfCategory = new Map<string, string[]>();
  file.units.forEach((unit, index) => {
    if (unitById.has(unit.id)) refuse(`units[${index}].id`, `duplicate unit id "${unit.id}"`);
    unitById.set(unit.id, unit);
    const members = unitsOfCategory.get(unit.category) ?? [];
    members.push(unit.id);
    unitsOfCategory.set(unit.category, members);
  });
  const unitRef = (unitId: string, path: string) => {
    if (!unitById.has(unitId)) refuse(path, `unknown unit "${unitId}"`);
  };

  // Indicators, weights and checkpoints (Art. 8, 11, 12).
  const indicatorById = new Map<string, ScoringIndicator>();
  const checkpointOwner = new Map<string, string>();
  const undertakenCount = new Map<string, number>(file.units.map((unit) => [unit.id, 0]));
  file.indicators.forEach((indicator, index) => {
    const where = `indicators[${index}] (${indicator.id})`;
    if (indicatorById.has(indicator.id))
      refuse(`indicators[${index}].id`, `duplicate indicator id "${indicator.id}"`);
    indicatorById.set(indicator.id, indicator);
    const shares = indicator.checkpoints.map((checkpoint) => checkpoint.share);
    if (shares.reduce((sum, share) => sum + toScaled(share), 0) > toScaled(1)) {
      refuse(
        `${where}.checkpoints`,
        `checkpoint shares of indicator "${indicator.id}" sum to more than 1 (Art. 8, 11 含过程)`,
      );
    }
    indicator.checkpoints.forEach((checkpoint, k) => {
      const owner = checkpointOwner.get(checkpoint.id);
      if (owner !== undefined)
        refuse(
          `${where}.checkpoints[${k}].id`,
          `duplicate checkpoint id "${checkpoint.id}" (also in indicator "${owner}")`,
        );
      checkpointOwner.set(checkpoint.id, indicator.id);
    });
    const excluded = new Set<string>();
    indicator.notUndertakenBy.forEach((unitId, k) => {
      unitRef(unitId, `${where}.notUndertakenBy[${k}]`);
      if (excluded.has(unitId)) refuse(`${where}.notUndertakenBy[${k}]`, `unit "${unitId}" is listed twice`);
      excluded.add(unitId);
    });
    for (const unit of file.units)
      if (!excluded.has(unit.id)) undertakenCount.set(unit.id, (undertakenCount.get(unit.id) ?? 0) + 1);
  });
  if (
    !sumsTo(
      file.indicators.map((indicator) => indicator.weight),
      100,
    )
  ) {
    const sum = file.indicators.reduce((acc, indicator) => acc + toScaled(indicator.weight), 0) / 10_000;
    refuse('indicators[].weight', `indicator weights must sum to 100, they sum to ${sum} (Art. 11, 12)`);
  }
  for (const group of indicatorGroups) {
    const weights = file.indicators
      .filter((indicator) => indicator.group === group)
      .map((indicator) => indicator.weight);
    if (!sumsTo(weights, config.groupWeights[group])) {
      const sum = weights.reduce((acc, weight) => acc + toScaled(weight), 0) / 10_000;
      refuse(
        `indicators[group=${group}].weight`,
        `weights of group ${group} must sum to ${config.groupWeights[group]}, they sum to ${sum} (Art. 12)`,
      );
    }
  }
  for (const unit of file.units) {
    if (undertakenCount.get(unit.id) === 0)
      refuse(`units[${unit.id}]`, `unit "${unit.id}" undertakes no indicator (Art. 12)`);
  }

  // Results: fractions in [0, 1] for known units, indicators the unit undertakes and their checkpoints
  // (Art. 8). This is the bulk of the file (10,000 units × 60 indicators × 4 checkpoints), so paths
  // are built only for a problem, and checked cells are kept as they are rather than copied.
  const fractionProblem = (value: unknown): string | null => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'fraction must be a number';
    if (value < 0 || value > 1) return `fraction ${value} is outside [0, 1] (Art. 8)`;
    const precision = precisionProblem('fraction', value);
    if (precision) return `fraction: ${precision}`;
    return null;
  };
  const excludedBy = new Map(
    file.indicators.map((indicator) => [indicator.id, new Set(indicator.notUndertakenBy)]),
  );
  for (const unitId in file.results) {
    const byIndicator = file.results[unitId];
    const unitPath = `results.${unitId}`;
    if (!unitById.has(unitId)) {
      refuse(unitPath, `unknown unit "${unitId}"`);
      continue;
    }
    if (!isPlainObject(byIndicator)) {
      refuse(unitPath, 'expected an object {indicatorId: {checkpoints, yearEnd}}');
      continue;
    }
    for (const indicatorId in byIndicator) {
      const cell = byIndicator[indicatorId];
      const excluded = excludedBy.get(indicatorId);
      if (!excluded) {
        refuse(`${unitPath}.${indicatorId}`, `unknown indicator "${indicatorId}" for unit "${unitId}"`);
        continue;
      }
      if (excluded.has(unitId)) {
        refuse(
          `${unitPath}.${indicatorId}`,
          `unit "${unitId}" does not undertake indicator "${indicatorId}" but has results for it (Art. 12)`,
        );
        continue;
      }
      if (!isPlainObject(cell)) {
        refuse(`${unitPath}.${indicatorId}`, 'expected an object {checkpoints, yearEnd}');
        continue;
      }
      for (const key in cell) {
        if (key !== 'checkpoints' && key !== 'yearEnd')
          refuse(
            `${`${unitPath}.${indicatorId}`}.${key}`,
            'unexpected field (expected checkpoints, yearEnd)',
          );
      }
      if (cell.yearEnd !== undefined) {
        const problem = fractionProblem(cell.yearEnd);
        if (problem) refuse(`${`${unitPath}.${indicatorId}`}.yearEnd`, problem);
      }
      const checkpoints = cell.checkpoints;
      if (checkpoints === undefined) continue;
      if (!isPlainObject(checkpoints)) {
        refuse(`${`${unitPath}.${indicatorId}`}.checkpoints`, 'expected an object {checkpointId: fraction}');
        continue;
      }
      for (const checkpointId in checkpoints) {
        if (checkpointOwner.get(checkpointId) !== indicatorId) {
          refuse(
            `${`${unitPath}.${indicatorId}`}.checkpoints.${checkpointId}`,
            `checkpoint "${checkpointId}" is not a checkpoint of indicator "${indicatorId}" (unit "${unitId}")`,
          );
          continue;
        }
        const problem = fractionProblem(checkpoints[checkpointId]);
        if (problem) refuse(`${`${unitPath}.${indicatorId}`}.checkpoints.${checkpointId}`, problem);
      }
    }
  }
  /** Every cell passed the checks above: {checkpoints?: {id: fraction}, yearEnd?: fraction}. */
  const results = file.results as ScoringInput['results'];

  // Rankings (Art. 9, 13): each lists every unit of every category exactly once.
  const checkRankings = (rankings: UnitRanking[], kind: 'leaders' | 'departments') => {
    if (rankings.length === 0)
      refuse(
        `rankings.${kind}`,
        `at least one ${kind === 'leaders' ? 'party-group member' : 'department'} ranking is required (Art. 13)`,
      );
    const evaluators = new Set<string>();
    rankings.forEach((ranking, index) => {
      const where = `rankings.${kind}[${index}] (${ranking.evaluator})`;
      if (evaluators.has(ranking.evaluator))
        refuse(`rankings.${kind}[${index}].evaluator`, `duplicate evaluator "${ranking.evaluator}"`);
      evaluators.add(ranking.evaluator);
      for (const category of Object.keys(ranking.order)) {
        if (!unitsOfCategory.has(category))
          refuse(
            `${where}.order.${category}`,
            `evaluator "${ranking.evaluator}" ranks unknown category "${category}"`,
          );
      }
      for (const [category, members] of unitsOfCategory) {
        const order = ranking.order[category];
        const path = `${where}.order.${category}`;
        if (!order) {
          refuse(path, `evaluator "${ranking.evaluator}" did not rank category "${category}" (Art. 13)`);
          continue;
        }
        const seen = new Set<string>();
        order.forEach((unitId, position) => {
          const unit = unitById.get(unitId);
          if (!unit)
            refuse(`${path}[${position}]`, `evaluator "${ranking.evaluator}" ranks unknown unit "${unitId}"`);
          else if (unit.category !== category)
            refuse(
              `${path}[${position}]`,
              `evaluator "${ranking.evaluator}" ranks unit "${unitId}" of category "${unit.category}" in "${category}"`,
            );
          else if (seen.has(unitId))
            refuse(`${path}[${position}]`, `evaluator "${ranking.evaluator}" ranks unit "${unitId}" twice`);
          seen.add(unitId);
        });
        const missing = members.filter((unitId) => !seen.has(unitId));
        if (missing.length > 0)
          refuse(
            path,
            `evaluator "${ranking.evaluator}" did not rank ${missing.map((unitId) => `"${unitId}"`).join(', ')} (every unit of the category exactly once, Art. 13)`,
          );
      }
    });
  };
  checkRankings(file.rankings.leaders, 'leaders');
  checkRankings(file.rankings.departments, 'departments');

  // Third-party scores (Art. 9, 11): one 0–100 score per unit exactly when a third party is engaged.
  let thirdParty: Record<string, number> | undefined;
  if (config.comprehensive.thirdParty !== undefined) {
    thirdParty = {};
    const given = file.thirdParty ?? {};
    for (const [unitId, score] of Object.entries(given)) {
      const path = `thirdParty.${unitId}`;
      if (!unitById.has(unitId)) refuse(path, `unknown unit "${unitId}"`);
      else if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100)
        refuse(path, `third-party score of unit "${unitId}" must be a number within [0, 100] (Art. 11)`);
      else if (precisionProblem('score', score))
        refuse(path, `third-party score of unit "${unitId}": ${precisionProblem('score', score)}`);
      else thirdParty[unitId] = score;
    }
    for (const unit of file.units) {
      if (given[unit.id] === undefined)
        refuse(
          `thirdParty.${unit.id}`,
          `third-party score of unit "${unit.id}" is missing: the configuration engages a third party (Art. 9, 11)`,
        );
    }
  }

  file.adjustments.forEach((adjustment, index) => unitRef(adjustment.unit, `adjustments[${index}].unit`));
  file.downgrades.forEach((downgrade, index) => unitRef(downgrade.unit, `downgrades[${index}].unit`));

  if (problems.length > 0) throw new ScoringInputError(problems);
  return {
    config,
    units: file.units,
    indicators: file.indicators,
    results,
    rankings: file.rankings,
    ...(thirdParty ? { thirdParty } : {}),
    adjustments: file.adjustments,
    downgrades: file.downgrades,
  };
}

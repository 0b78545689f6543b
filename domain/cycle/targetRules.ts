// Rules a cycle's targets must satisfy before publication (Art. 5, 8, 11, 12; SPEC §4).
export interface TargetIndicator {
  code: string;
  group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
  weight: number;
  checkpoints: { code: string; share: number; dueAt: string }[];
  notUndertakenBy: string[];
}

/** The rule a problem breaks, as a code a screen renders in the user's language with `params`. */
export type TargetRule =
  | 'noIndicators'
  | 'weightTotal'
  | 'groupWeightTotal'
  | 'duplicateIndicatorCode'
  | 'shareTotal'
  | 'duplicateCheckpointCode'
  | 'checkpointAfterSelfCheck'
  | 'unknownUnit'
  | 'unitUndertakesNothing';

export interface TargetProblem {
  field: string;
  message: string;
  rule: TargetRule;
  params: Record<string, string | number>;
  /** Where in the input it lies: the indicator's index, and the checkpoint's / non-undertaking's index in it. */
  at: { indicator?: number; checkpoint?: number; notUndertaken?: number };
}

const cents = (value: number) => Math.round(value * 10000);

export function targetProblems(args: {
  indicators: TargetIndicator[];
  unitCodes: string[];
  groupWeights: Record<string, number>;
  selfCheckOpensAt: string;
}): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const { indicators, unitCodes, groupWeights } = args;
  if (indicators.length === 0)
    problems.push({
      field: 'indicators',
      message: 'a cycle needs at least one indicator (Art. 8)',
      rule: 'noIndicators',
      params: {},
      at: {},
    });
  const total = indicators.reduce((sum, indicator) => sum + cents(indicator.weight), 0);
  if (indicators.length > 0 && total !== cents(100)) {
    problems.push({
      field: 'indicators.weight',
      message: `indicator weights must sum to 100, they sum to ${total / 10000} (Art. 11)`,
      rule: 'weightTotal',
      params: { expected: 100, actual: total / 10000 },
      at: {},
    });
  }
  for (const [group, expected] of Object.entries(groupWeights)) {
    const sum = indicators
      .filter((indicator) => indicator.group === group)
      .reduce((acc, indicator) => acc + cents(indicator.weight), 0);
    if (indicators.length > 0 && sum !== cents(expected)) {
      problems.push({
        field: `indicators[group=${group}].weight`,
        message: `weights of group ${group} must sum to ${expected}, they sum to ${sum / 10000} (Art. 12)`,
        rule: 'groupWeightTotal',
        params: { group, expected, actual: sum / 10000 },
        at: {},
      });
    }
  }
  const codes = new Set<string>();
  const checkpointCodes = new Set<string>();
  indicators.forEach((indicator, indicatorIndex) => {
    if (codes.has(indicator.code))
      problems.push({
        field: `indicators[${indicator.code}].code`,
        message: 'duplicate indicator code',
        rule: 'duplicateIndicatorCode',
        params: { code: indicator.code },
        at: { indicator: indicatorIndex },
      });
    codes.add(indicator.code);
    const shares = indicator.checkpoints.reduce((sum, checkpoint) => sum + cents(checkpoint.share), 0);
    if (shares > cents(1)) {
      problems.push({
        field: `indicators[${indicator.code}].checkpoints.share`,
        message: `checkpoint shares sum to ${shares / 10000}, above 1 (Art. 8, 11)`,
        rule: 'shareTotal',
        params: { indicator: indicator.code, actual: shares / 10000 },
        at: { indicator: indicatorIndex },
      });
    }
    indicator.checkpoints.forEach((checkpoint, checkpointIndex) => {
      const at = { indicator: indicatorIndex, checkpoint: checkpointIndex };
      if (checkpointCodes.has(checkpoint.code))
        problems.push({
          field: `checkpoints[${checkpoint.code}].code`,
          message: 'duplicate checkpoint code',
          rule: 'duplicateCheckpointCode',
          params: { code: checkpoint.code },
          at,
        });
      checkpointCodes.add(checkpoint.code);
      if (Date.parse(checkpoint.dueAt) >= Date.parse(args.selfCheckOpensAt)) {
        problems.push({
          field: `checkpoints[${checkpoint.code}].dueAt`,
          message:
            'a checkpoint falls due on or after the day the year-end self-check opens; it must fall due before (Art. 8)',
          rule: 'checkpointAfterSelfCheck',
          params: { code: checkpoint.code, selfCheckOpensAt: args.selfCheckOpensAt },
          at,
        });
      }
    });
    indicator.notUndertakenBy.forEach((unitCode, notUndertaken) => {
      if (!unitCodes.includes(unitCode))
        problems.push({
          field: `indicators[${indicator.code}].notUndertakenBy`,
          message: `unknown unit ${unitCode}`,
          rule: 'unknownUnit',
          params: { unit: unitCode },
          at: { indicator: indicatorIndex, notUndertaken },
        });
    });
  });
  for (const unitCode of unitCodes) {
    if (
      indicators.length > 0 &&
      indicators.every((indicator) => indicator.notUndertakenBy.includes(unitCode))
    ) {
      problems.push({
        field: `units[${unitCode}]`,
        message: 'the unit undertakes no indicator (Art. 12)',
        rule: 'unitUndertakesNothing',
        params: { unit: unitCode },
        at: {},
      });
    }
  }
  return problems;
}

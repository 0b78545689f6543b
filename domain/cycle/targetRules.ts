// Rules a cycle's targets must satisfy before publication (Art. 5, 8, 11, 12; SPEC §4).
export interface TargetIndicator {
  code: string;
  group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
  weight: number;
  checkpoints: { code: string; share: number; dueAt: string }[];
  notUndertakenBy: string[];
}

export interface TargetProblem {
  field: string;
  message: string;
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
    problems.push({ field: 'indicators', message: 'a cycle needs at least one indicator (Art. 8)' });
  const total = indicators.reduce((sum, indicator) => sum + cents(indicator.weight), 0);
  if (indicators.length > 0 && total !== cents(100)) {
    problems.push({
      field: 'indicators.weight',
      message: `indicator weights must sum to 100, they sum to ${total / 10000} (Art. 11)`,
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
      });
    }
  }
  const codes = new Set<string>();
  const checkpointCodes = new Set<string>();
  for (const indicator of indicators) {
    if (codes.has(indicator.code))
      problems.push({ field: `indicators[${indicator.code}].code`, message: 'duplicate indicator code' });
    codes.add(indicator.code);
    const shares = indicator.checkpoints.reduce((sum, checkpoint) => sum + cents(checkpoint.share), 0);
    if (shares > cents(1)) {
      problems.push({
        field: `indicators[${indicator.code}].checkpoints.share`,
        message: `checkpoint shares sum to ${shares / 10000}, above 1 (Art. 8, 11)`,
      });
    }
    for (const checkpoint of indicator.checkpoints) {
      if (checkpointCodes.has(checkpoint.code))
        problems.push({
          field: `checkpoints[${checkpoint.code}].code`,
          message: 'duplicate checkpoint code',
        });
      checkpointCodes.add(checkpoint.code);
      if (Date.parse(checkpoint.dueAt) >= Date.parse(args.selfCheckOpensAt)) {
        problems.push({
          field: `checkpoints[${checkpoint.code}].dueAt`,
          message:
            'a checkpoint falls due on or after the day the year-end self-check opens; it must fall due before (Art. 8)',
        });
      }
    }
    for (const unitCode of indicator.notUndertakenBy) {
      if (!unitCodes.includes(unitCode))
        problems.push({
          field: `indicators[${indicator.code}].notUndertakenBy`,
          message: `unknown unit ${unitCode}`,
        });
    }
  }
  for (const unitCode of unitCodes) {
    if (
      indicators.length > 0 &&
      indicators.every((indicator) => indicator.notUndertakenBy.includes(unitCode))
    ) {
      problems.push({ field: `units[${unitCode}]`, message: 'the unit undertakes no indicator (Art. 12)' });
    }
  }
  return problems;
}

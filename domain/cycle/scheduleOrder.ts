// The schedule of a cycle follows SPEC §2 (Art. 8): self-check opens < self-check due <= verification
// due <= evaluation due. Compared as instants, so dates written with different UTC offsets order right.
export interface CycleSchedule {
  selfCheckOpensAt: string;
  selfCheckDueAt: string;
  verificationDueAt: string;
  evaluationDueAt: string;
}

export const SCHEDULE_ORDER_RULE =
  'dates must follow the cycle: self-check opens < self-check due <= verification due <= evaluation due';

export function isScheduleInOrder(schedule: CycleSchedule): boolean {
  const at = (value: string) => Date.parse(value);
  const [opens, due, verification, evaluation] = [
    at(schedule.selfCheckOpensAt),
    at(schedule.selfCheckDueAt),
    at(schedule.verificationDueAt),
    at(schedule.evaluationDueAt),
  ];
  return opens < due && due <= verification && verification <= evaluation;
}

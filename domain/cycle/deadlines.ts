// Reminder and escalation times as plain date arithmetic, so the workflow only sleeps until them.
/** One calendar day in milliseconds: the one definition, imported wherever days are counted. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Reminders before a deadline, e.g. 3 days and 1 day before (Art. 21 explanations, Art. 8 checkpoints). */
export function reminderTimes(dueAt: number, leadDays: number[], now: number): number[] {
  return leadDays
    .map((days) => dueAt - days * DAY_MS)
    .filter((at) => at > now)
    .sort((a, b) => a - b);
}

/** Art. 21 explanations are due a number of days after the criticism notice (default 15). */
export function explanationDueAt(noticeAt: number, days: number): number {
  return noticeAt + days * DAY_MS;
}

/** The n-th of a weekly (every `everyDays`) chase counted from a deadline, not from the last event. */
export function weeklyFrom(deadline: number, everyDays: number, n: number): number {
  return deadline + n * everyDays * DAY_MS;
}

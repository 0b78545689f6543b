// Dates a person types for a cycle must be plausible (issue 16; domain/cycle/plausibleDates.ts): every
// implausible one is refused by its field in one answer, before anything is stored.
import { badRequest } from '../errors';
import { implausibleDates, plausibleWindow, type PlausibleWindow } from '../../domain/cycle/plausibleDates';

export interface ScheduledCycle {
  id: string;
  year: number;
  /** The year it was prepared in widens the window, as at its creation (setupWindow). */
  createdAt: Date;
  selfCheckOpensAt: Date;
  evaluationDueAt: Date;
}

/** The window of a cycle that exists: its year and the next, widened to the year it was prepared in and its schedule. */
export function cycleWindow(cycle: ScheduledCycle): PlausibleWindow {
  return plausibleWindow(cycle.year, [cycle.createdAt, cycle.selfCheckOpensAt, cycle.evaluationDueAt]);
}

/** `{ a: x }` under `schedule` → `{ 'schedule.a': x }`: the field paths the refusal names. */
export function prefixed(prefix: string, dates: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(dates).map(([field, iso]) => [`${prefix}.${field}`, iso]));
}

export function requirePlausible(dates: Record<string, string>, window: PlausibleWindow): void {
  const problems = implausibleDates(dates, window);
  const fields = Object.keys(problems);
  if (fields.length > 0) throw badRequest(`${fields[0]}: ${problems[fields[0]]}`, problems);
}

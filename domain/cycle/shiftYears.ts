// A date of last year's cycle moved to the new one (last year as a template, issue 14): the same
// Beijing wall-clock day and time, whole years later; 29 February becomes 28 February in a common year.
import { fromBeijingWallClock, toBeijingWallClock } from '../targets/beijingTime';

export function shiftByYears(instant: Date, years: number): Date {
  const wall = toBeijingWallClock(instant);
  const year = wall.getUTCFullYear() + years;
  const month = wall.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(
    Date.UTC(
      year,
      month,
      Math.min(wall.getUTCDate(), lastDay),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    ),
  );
  return fromBeijingWallClock(moved);
}

// A workbook has no time zones: its dates are Beijing wall-clock time (UTC+8, no daylight saving), the
// time every office and unit of the federation works in. Stored instants convert both ways exactly.
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant as a Date whose UTC fields read the Beijing wall clock (what a workbook cell holds). */
export function toBeijingWallClock(instant: Date): Date {
  return new Date(instant.getTime() + OFFSET_MS);
}

/** The instant a Beijing wall-clock Date (UTC fields = wall clock) stands for. */
export function fromBeijingWallClock(wallClock: Date): Date {
  return new Date(wallClock.getTime() - OFFSET_MS);
}

const TEXT_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** A date typed as text (2027-06-30, 2027/6/30 17:00, 2027年6月30日), read as Beijing time; else null. */
export function parseBeijingText(text: string): Date | null {
  const match = TEXT_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Refuse 2027-02-30 rather than let it roll over into March.
  if (wall.getUTCMonth() !== month - 1 || wall.getUTCDate() !== day || hour > 23) return null;
  return fromBeijingWallClock(wall);
}

// Plausible dates for a cycle (Art. 8: the assessment runs over one year, its review early the next).
// A deadline can move only within the cycle's year and the next; a schedule whose own dates lie outside
// those years (a cycle prepared ahead, or a test) widens the window to cover them. Pure functions.

export interface PlausibleWindow {
  from: Date;
  /** Exclusive. */
  until: Date;
}

const utcYear = (iso: string | Date) => new Date(iso).getUTCFullYear();

/** From 1 January of the cycle's year (or of its earliest date) to the end of the year after it. */
export function plausibleWindow(year: number, scheduleDates: (string | Date)[] = []): PlausibleWindow {
  const years = [year, ...scheduleDates.map(utcYear)].filter(Number.isFinite);
  return {
    from: new Date(Date.UTC(Math.min(...years), 0, 1)),
    until: new Date(Date.UTC(Math.max(...years) + 2, 0, 1)),
  };
}

/** Null when the date lies in the window, else the rule it breaks. */
export function implausibleDate(iso: string, window: PlausibleWindow): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'not a date';
  if (at < window.from.getTime() || at >= window.until.getTime())
    return `must lie between ${window.from.toISOString().slice(0, 10)} and ${new Date(window.until.getTime() - 1).toISOString().slice(0, 10)} (the cycle's year and the next)`;
  return null;
}

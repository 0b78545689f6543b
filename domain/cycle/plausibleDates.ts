// Plausible dates for a cycle (Art. 8: the assessment runs over one year, its review early the next).
// A cycle's dates lie within the cycle's year and the next. Two things widen that window, never more:
// when the cycle is set up, the year it is prepared in (a cycle prepared ahead); afterwards, the cycle's
// own schedule as it was accepted. So a year typed as 2207 or 4730 is refused by name. Pure functions.

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

/** The window's first and last day (YYYY-MM-DD), as the refusal names them. */
export function windowDays(window: PlausibleWindow): { from: string; until: string } {
  return {
    from: window.from.toISOString().slice(0, 10),
    until: new Date(window.until.getTime() - 1).toISOString().slice(0, 10),
  };
}

/** Null when the date lies in the window, else the rule it breaks. */
export function implausibleDate(iso: string, window: PlausibleWindow): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 'not a date';
  if (at < window.from.getTime() || at >= window.until.getTime()) {
    const { from, until } = windowDays(window);
    return `must lie between ${from} and ${until} (the cycle's year and the next)`;
  }
  return null;
}

/** Where a new cycle's dates may lie: its year and the next, and the year it is prepared in. */
export function setupWindow(year: number, preparedAt: Date): PlausibleWindow {
  return plausibleWindow(year, [preparedAt]);
}

/** Each implausible date by its field, with the rule it breaks (empty when every date is plausible). */
export function implausibleDates(
  dates: Record<string, string>,
  window: PlausibleWindow,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, iso] of Object.entries(dates)) {
    const problem = implausibleDate(iso, window);
    if (problem) problems[field] = problem;
  }
  return problems;
}

// How often pages that show progress refresh by themselves while open (issue 14): often enough that a
// badge drops soon after the work is done, rarely enough for the API's read models to stay cheap.
export const REFRESH_MS = 20_000;

// When the API answers 503 ENGINE_BUSY (README "Volume": the engine or the database is momentarily
// saturated and nothing was saved), the web app retries the same request by itself, with the same
// Idempotency-Key, after the server's Retry-After, a bounded number of times.
export const MAX_BUSY_RETRIES = 8;

/** How long to wait before retry `attempt` (1-based), or null to give up and show the error. */
export function busyRetryDelayMs(status: number, retryAfter: string | null, attempt: number): number | null {
  if (status !== 503 || attempt > MAX_BUSY_RETRIES) return null;
  const seconds = Number(retryAfter);
  const base = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 30) * 1000 : 1000;
  // A little more each time, so many clients that were refused together do not return together.
  return base + (attempt - 1) * 500;
}

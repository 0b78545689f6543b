// Issue 11: the web app retries an action the API refused with 503 ENGINE_BUSY, after Retry-After.
import { busyRetryDelayMs, MAX_BUSY_RETRIES } from '../../web/src/logic/retryPolicy';

describe('retrying an action the engine was too busy to take', () => {
  test('a 503 waits the server’s Retry-After, a little longer each time', () => {
    expect(busyRetryDelayMs(503, '2', 1)).toBe(2000);
    expect(busyRetryDelayMs(503, '2', 3)).toBe(3000);
    expect(busyRetryDelayMs(503, null, 1)).toBe(1000);
    expect(busyRetryDelayMs(503, '3600', 1)).toBe(30_000);
  });

  test('anything else, or too many tries, is shown to the user', () => {
    expect(busyRetryDelayMs(201, null, 1)).toBeNull();
    expect(busyRetryDelayMs(409, '2', 1)).toBeNull();
    expect(busyRetryDelayMs(500, '2', 1)).toBeNull();
    expect(busyRetryDelayMs(503, '2', MAX_BUSY_RETRIES + 1)).toBeNull();
  });
});

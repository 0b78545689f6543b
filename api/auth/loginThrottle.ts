// Sign-in throttling that holds under parallel attempts: each attempt first takes a slot from two
// counters in PostgreSQL, one per user name and address, one per address across user names, with a single
// atomic upsert each; only then is the password checked. Twenty parallel guesses therefore see counts
// 1..20, not twenty times 0. A successful sign-in gives its slots back. The per-address limit is higher
// than the per-account one (colleagues share an office address); neither locks an account for everyone,
// so no one elsewhere can lock a user out.
import type { Db } from '../../prisma/client';

export const THROTTLE_WINDOW_MINUTES = 15;

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
}

export const accountKey = (username: string, ip: string) => `account:${username}|${ip}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** Counts one attempt under `key` and returns the count in the current window (atomic). */
async function take(db: Db, key: string): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "count", "windowStartedAt") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "LoginThrottle"."windowStartedAt" <= now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})
                     THEN 1 ELSE "LoginThrottle"."count" + 1 END,
      "windowStartedAt" = CASE WHEN "LoginThrottle"."windowStartedAt" <= now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})
                     THEN now() ELSE "LoginThrottle"."windowStartedAt" END
    RETURNING "count"`;
  return Number(rows[0].count);
}

async function giveBack(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE "LoginThrottle" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

/**
 * Takes a slot for a sign-in attempt. Returns which limit refused it, or a release function to call when
 * the attempt succeeded (a success does not count against either limit).
 */
export async function takeSignInSlot(
  db: Db,
  username: string,
  ip: string,
  limits: ThrottleLimits,
): Promise<{ refused: 'account' | 'address' } | { release(): Promise<void> }> {
  const byAddress = await take(db, addressKey(ip));
  const byAccount = await take(db, accountKey(username, ip));
  if (byAccount > limits.perAccount) return { refused: 'account' };
  if (byAddress > limits.perAddress) return { refused: 'address' };
  return {
    async release() {
      await giveBack(db, addressKey(ip));
      await db.loginThrottle.deleteMany({ where: { key: accountKey(username, ip) } });
    },
  };
}

// Who did it, by name: the saved-state reads (submissions, verifications, third-party scores) carry the
// display name of the user who entered each row, so a screen never shows a user id (issue 13).
import type { Db } from '../../prisma/client';

/** Display names by user id for the ids given (unknown ids are simply absent). */
export async function userNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, displayName: true },
  });
  return new Map(users.map((user) => [user.id, user.displayName]));
}

// The audit log (Art. 23: falsification and negligence are accountable): who, when, what, before/after.
// Written by the API (its own actions and denials) and by activities, always in the transaction of the
// change it records.
import type { Db, Prisma } from '../prisma/client';

export interface AuditEntry {
  cycleId?: string | null;
  actor?: { userId: string; role: string } | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'OK' | 'DENIED';
  ip?: string | null;
  at?: string;
  /**
   * Makes the entry idempotent: a retried activity (workflow/run/activity) or a repeated request with the
   * same Idempotency-Key (api/user/key) writes its row once; the key is `<prefix>/<action>/<targetId>`.
   * Without it every call is its own event.
   */
  eventKeyPrefix?: string | null;
}

export type AuditWriter = Pick<Db, 'auditLog'> | Prisma.TransactionClient;

const asJson = (value: unknown) =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

export async function writeAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  const data = {
    cycleId: entry.cycleId ?? null,
    actorId: entry.actor?.userId ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: asJson(entry.before),
    after: asJson(entry.after),
    outcome: entry.outcome ?? 'OK',
    ip: entry.ip ?? null,
    at: entry.at ? new Date(entry.at) : undefined,
    eventKey: entry.eventKeyPrefix ? `${entry.eventKeyPrefix}/${entry.action}/${entry.targetId ?? ''}` : null,
  };
  if (data.eventKey) {
    await db.auditLog.upsert({ where: { eventKey: data.eventKey }, create: data, update: {} });
  } else {
    await db.auditLog.create({ data });
  }
}

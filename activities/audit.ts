// The audit log (Art. 23: falsification and negligence are accountable): who, when, what, before/after.
import { Context } from '@temporalio/activity';
import type { Db, Prisma } from '../prisma/client';
import type { Actor } from '../workflows/contract';

export interface AuditEntry {
  cycleId?: string | null;
  actor?: Pick<Actor, 'userId' | 'role'> | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'OK' | 'DENIED';
  ip?: string | null;
  at?: string;
}

type Writer = Pick<Db, 'auditLog'> | Prisma.TransactionClient;

const asJson = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

/**
 * Inside an activity the entry is keyed by (workflow, activity, action), so a retried activity writes
 * its audit row once; outside (API reads, denials) every call is its own event.
 */
export async function writeAudit(db: Writer, entry: AuditEntry): Promise<void> {
  let eventKey: string | null = null;
  {
    try {
      const info = Context.current().info;
      eventKey = `${info.workflowExecution?.workflowId}/${info.workflowExecution?.runId}/${info.activityId}/${entry.action}/${entry.targetId ?? ''}`;
    } catch {
      eventKey = null;
    }
  }
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
    eventKey,
  };
  if (eventKey) {
    await db.auditLog.upsert({ where: { eventKey }, create: data, update: {} });
  } else {
    await db.auditLog.create({ data });
  }
}

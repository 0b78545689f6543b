// Audit rows written by activities: keyed by (workflow, run, activity, action, target), so a retried
// activity writes its row once (db/audit.ts holds the writer itself).
import { Context } from '@temporalio/activity';
import { writeAudit as writeAuditRow, type AuditEntry, type AuditWriter } from '../db/audit';

export type { AuditEntry } from '../db/audit';

/** The running activity's key prefix; null outside an activity (a test, a script). */
export function activityAuditKey(): string | null {
  try {
    const info = Context.current().info;
    return `${info.workflowExecution?.workflowId}/${info.workflowExecution?.runId}/${info.activityId}`;
  } catch {
    return null;
  }
}

export async function writeAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await writeAuditRow(db, { ...entry, eventKeyPrefix: entry.eventKeyPrefix ?? activityAuditKey() });
}

// The audit log as a person reads it (Art. 23; issue 13): each action by its name in the locale, the
// target by name (the API's targetName) and what changed, field by field, from before to after.
import { translate, type Locale, type MessageKey } from '../i18n/messages';

export const AUDIT_ACTIONS = [
  'adjustment.record',
  'approval.decide',
  'approval.submit',
  'approval.vote',
  'auth.login',
  'auth.logout',
  'auth.password.change',
  'checkpoint.submit',
  'checkpoint.verify',
  'cycle.close',
  'cycle.create',
  'cycle.publish',
  'cycle.score',
  'cycle.update',
  'deadline.extend',
  'downgrade.record',
  'evidence.delete',
  'evidence.upload',
  'explanation.review',
  'explanation.submit',
  'feedback.confirm',
  'feedback.record',
  'incentive.record',
  'indicator.create',
  'indicator.delete',
  'indicator.update',
  'notification.resend',
  'opinion.edit',
  'ranking.submit',
  'results.export.notice',
  'results.export.xlsx',
  'selfcheck.submit',
  'stage.enter',
  'thirdparty.enter',
  'unit.contacts.update',
  'user.create',
  'user.password.reset',
  'yearend.verify',
] as const;

/** "cycle.publish" → 发布目标任务; a refusal ("denied:POST /api/…") → 被拒绝的请求; else the code itself. */
export function auditActionLabel(action: string, locale: Locale): string {
  if (action.startsWith('denied:')) return translate(locale, 'audit.action.denied');
  if ((AUDIT_ACTIONS as readonly string[]).includes(action))
    return translate(locale, `audit.action.${action}` as MessageKey);
  return action;
}

export interface AuditChange {
  field: string;
  before?: string;
  after?: string;
}

const show = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/**
 * Before/after as a list of the fields that differ (objects compared by their top-level fields); a
 * value that is not an object is one change named "".
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject(before) && !isObject(after)) {
    if (before === undefined && after === undefined) return [];
    if (before === null && after === null) return [];
    return show(before) === show(after) ? [] : [{ field: '', before: show(before), after: show(after) }];
  }
  const from = isObject(before) ? before : {};
  const to = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields
    .map((field) => ({ field, before: show(from[field]), after: show(to[field]) }))
    .filter((change) => change.before !== change.after);
}

// Every email the cycle owes goes through the outbox: drafted per recipient with an idempotency key,
// stored, then delivered. A retried or replayed activity finds the rows and sends nothing twice.
//
// Failure handling: a draft that cannot be stored (its data fails the template's schema — a bug) does
// not hold back the other recipients; an SMTP failure leaves its row QUEUED. Either way the activity
// throws after trying every notice of the batch, and Temporal retries it with backoff
// (workflows/activityProxies.ts); the retry drafts the same keys, finds the rows, skips the SENT ones
// and delivers the rest.
import { Context } from '@temporalio/activity';
import type { ActivityDeps } from './deps';
import { noticeProblem } from './notices/noticeProblem';
import type { NoticeBuilder, NoticeDraft } from './notices/noticeDraft';
import { NOTICE_BUILDERS, type CycleNoticeEvent } from './notices';
import { deliverNotice, enqueueNotice } from '../mail/outbox';

export interface SendNoticesArgs {
  cycleId: string;
  event: CycleNoticeEvent;
  /** When the workflow raised the event (the notice's date; deterministic across retries). */
  at: string;
  params?: Record<string, unknown>;
}

export interface SendNoticesResult {
  /** Notices of this event the outbox holds for the batch (new or found). */
  queued: number;
  /** Delivered by this call (0 on a repeat: they were already sent). */
  sent: number;
}

/** Progress for Temporal, so a long batch is not presumed dead; a no-op outside an activity. */
function heartbeat(details: unknown): void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return; // called directly (a script, the office's resend): nobody to tell
  }
  context.heartbeat(details);
}

export class NoticeBatchError extends Error {
  override name = 'NoticeBatchError';
}

export function noticeActivities({ db, mailer, mailFrom, publicUrl, noticeLeaseMs }: ActivityDeps) {
  return {
    async sendNotices(args: SendNoticesArgs): Promise<SendNoticesResult> {
      const build: NoticeBuilder | undefined = NOTICE_BUILDERS[args.event];
      if (!build) throw noticeProblem(`event: no notices are defined for "${String(args.event)}"`);
      const drafts = await build({
        db,
        cycleId: args.cycleId,
        at: args.at,
        publicUrl,
        params: args.params ?? {},
      });
      const failures: string[] = [];
      const ids: string[] = [];
      const seen = new Set<string>();
      for (const draft of drafts) {
        if (seen.has(draft.key)) continue; // one key, one email, even if a builder listed it twice
        seen.add(draft.key);
        try {
          ids.push(await enqueue(draft));
        } catch (error) {
          failures.push(`${draft.key} not stored: ${(error as Error).message}`);
        }
      }
      let sent = 0;
      for (const id of ids) {
        try {
          if (await deliverNotice(db, mailer, id, mailFrom, { leaseMs: noticeLeaseMs })) sent += 1;
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        }
        heartbeat({ event: args.event, delivered: sent, of: ids.length });
      }
      if (failures.length > 0) {
        // Temporal retries the batch with backoff; delivered notices are skipped next time.
        throw new NoticeBatchError(
          `${args.event}: ${failures.length} of ${drafts.length} notices not delivered yet: ${failures.slice(0, 3).join('; ')}`,
        );
      }
      return { queued: ids.length, sent };

      function enqueue(draft: NoticeDraft) {
        return enqueueNotice(db, {
          idempotencyKey: draft.key,
          cycleId: args.cycleId,
          event: draft.template,
          unitId: draft.unitId,
          recipientEmail: draft.recipientEmail,
          recipientName: draft.recipientName,
          locale: draft.locale,
          data: draft.data,
        });
      }
    },
  };
}

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
import pLimit from 'p-limit';
import { deliverNotice, enqueueNotice } from '../mail/outbox';
import { SMTP_CONNECTIONS } from '../mail/mailer';

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

export function noticeActivities({
  db,
  mailer,
  mailFrom,
  publicUrl,
  evidenceDir,
  noticeLeaseMs,
  noticeDeliveryWidth = SMTP_CONNECTIONS,
}: ActivityDeps) {
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
      // A batch of hundreds (results to every unit and its party committee, Art. 18) is stored and
      // delivered as many at a time as the mailer has connections, not one by one: each notice is its
      // own row, lease and SMTP conversation, so their order does not matter.
      const limit = pLimit(noticeDeliveryWidth);
      const unique = new Map<string, NoticeDraft>(); // one key, one email, even if a builder listed it twice
      for (const draft of drafts) if (!unique.has(draft.key)) unique.set(draft.key, draft);
      const ids = (
        await Promise.all(
          [...unique.values()].map((draft) =>
            limit(async () => {
              try {
                return await enqueue(draft);
              } catch (error) {
                failures.push(`${draft.key} not stored: ${(error as Error).message}`);
                return undefined;
              }
            }),
          ),
        )
      ).filter((id): id is string => id !== undefined);
      let sent = 0;
      let tried = 0;
      await Promise.all(
        ids.map((id) =>
          limit(async () => {
            try {
              if (await deliverNotice(db, mailer, id, mailFrom, { evidenceDir, leaseMs: noticeLeaseMs }))
                sent += 1;
            } catch (error) {
              failures.push(`${id}: ${(error as Error).message}`);
            }
            tried += 1;
            heartbeat({ event: args.event, delivered: sent, tried, of: ids.length });
          }),
        ),
      );
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

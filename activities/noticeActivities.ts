// Every email the cycle owes goes through the outbox: drafted per recipient with an idempotency key,
// stored, then delivered. A retried or replayed activity finds the rows and sends nothing twice.
import { Context } from '@temporalio/activity';
import type { ActivityDeps } from './deps';
import type { NoticeBuilder } from './notices/noticeDraft';
import { NOTICE_BUILDERS, type CycleNoticeEvent } from './notices';
import { deliverNotice, enqueueNotice } from '../mail/outbox';

export function noticeActivities({ db, mailer, mailFrom, publicUrl }: ActivityDeps) {
  return {
    async sendNotices(args: { cycleId: string; event: CycleNoticeEvent; at: string; params?: Record<string, unknown> }) {
      const build: NoticeBuilder = NOTICE_BUILDERS[args.event];
      const drafts = await build({ db, cycleId: args.cycleId, at: args.at, publicUrl, params: args.params ?? {} });
      const ids: string[] = [];
      for (const draft of drafts) {
        ids.push(
          await enqueueNotice(db, {
            idempotencyKey: draft.key,
            cycleId: args.cycleId,
            event: draft.template,
            unitId: draft.unitId,
            recipientEmail: draft.recipientEmail,
            recipientName: draft.recipientName,
            locale: draft.locale,
            data: draft.data,
          }),
        );
      }
      let sent = 0;
      const failures: string[] = [];
      for (const id of ids) {
        try {
          if (await deliverNotice(db, mailer, id, mailFrom)) sent += 1;
        } catch (error) {
          failures.push(`${id}: ${(error as Error).message}`);
        }
        Context.current().heartbeat({ delivered: sent });
      }
      if (failures.length > 0) {
        // Temporal retries the batch with backoff; delivered notices are skipped next time.
        throw new Error(`${failures.length} of ${ids.length} notices not delivered yet: ${failures.slice(0, 3).join('; ')}`);
      }
      return { queued: ids.length, sent };
    },
  };
}

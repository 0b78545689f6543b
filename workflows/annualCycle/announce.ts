// Sends a stage's notices. A notice that cannot be built (NOTICE_INVALID: a deterministic problem in
// the stored data) fails at once instead of being retried for a day; the year must not stop for it, so
// it is recorded in the audit log for the office and the stage goes on. Any other failure is retried
// by Temporal as configured (workflows/activityProxies.ts).
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { notices, records } from '../activityProxies';
import type { SendNoticesArgs } from '../../activities/noticeActivities';

export async function announce(args: SendNoticesArgs): Promise<void> {
  try {
    await notices.sendNotices(args);
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    if (!(cause instanceof ApplicationFailure) || cause.type !== 'NOTICE_INVALID') throw error;
    await records.audit({
      cycleId: args.cycleId,
      action: 'notice.invalid',
      targetType: 'Notice',
      targetId: args.event,
      after: { event: args.event, params: args.params ?? {}, reason: cause.message },
      at: args.at,
    });
  }
}

// Activities as seen from workflow code: types only, with explicit timeouts and retries.
import { proxyActivities } from '@temporalio/workflow';
import type { CycleActivities } from '../activities';

/** Database writes: short, retried quickly. Idempotent by design (natural keys, ids from the workflow). */
export const records = proxyActivities<CycleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
  },
});

/**
 * Scoring a whole federation (Art. 10-17): one transaction writing every unit's result, which for
 * hundreds of units outlasts the 30 seconds of an ordinary write on a loaded machine. Retried as quickly.
 */
export const scoring = proxyActivities<Pick<CycleActivities, 'scoreCycle'>>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
  },
});

/** Email batches: SMTP may be down for a while; back off up to 10 minutes and keep trying for a day. */
export const notices = proxyActivities<Pick<CycleActivities, 'sendNotices'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  scheduleToCloseTimeout: '1 day',
});

// A notice that cannot be built from the stored data is a deterministic problem (missing result, wrong
// parameter): retrying for a day would not help, so it fails at once, non-retryable, with its reason;
// the cycle's workflow records it and carries on (workflows/annualCycle/announce.ts).
import { ApplicationFailure } from '@temporalio/common';

export const NOTICE_INVALID = 'NOTICE_INVALID';

export function noticeProblem(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: NOTICE_INVALID, message, nonRetryable: true });
}

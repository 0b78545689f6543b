// The notices of SPEC §2 by the cycle event that triggers them (the events workflows/ send).
import type { NoticeBuilder } from './noticeDraft';
import { targetsPublished } from './targetsPublished';
import { checkpointReminder } from './checkpointReminder';
import { checkpointOverdue } from './checkpointOverdue';
import { selfCheckOpened } from './selfCheckOpened';
import { selfCheckClosing } from './selfCheckClosing';
import { rankingRequest } from './rankingRequest';
import { approvalRequest } from './approvalRequest';
import { approvalOutcome } from './approvalOutcome';
import { resultNotice } from './resultNotice';
import { incentiveNotice } from './incentiveNotice';
import { criticismNotice } from './criticismNotice';
import { explanationReminder } from './explanationReminder';
import { explanationOverdueEscalation } from './explanationOverdueEscalation';
import { explanationAccepted, explanationReturned } from './explanationReviewed';
import { feedbackRequest } from './feedbackRequest';
import { feedbackReminder } from './feedbackReminder';
import { feedbackConfirmed } from './feedbackConfirmed';

export const NOTICE_BUILDERS = {
  TARGETS_PUBLISHED: targetsPublished, // Art. 8, 12
  CHECKPOINT_REMINDER: checkpointReminder, // Art. 8
  CHECKPOINT_OVERDUE: checkpointOverdue, // Art. 8
  SELF_CHECK_OPENED: selfCheckOpened, // Art. 8
  SELF_CHECK_CLOSING: selfCheckClosing, // Art. 8
  RANKING_REQUEST: rankingRequest, // Art. 9, 13
  APPROVAL_REQUEST: approvalRequest, // Art. 18
  APPROVAL_OUTCOME: approvalOutcome, // Art. 18
  RESULT_NOTICE: resultNotice, // Art. 18: the unit and its party committee
  INCENTIVE_NOTICE: incentiveNotice, // Art. 20
  CRITICISM_NOTICE: criticismNotice, // Art. 21
  EXPLANATION_REMINDER: explanationReminder, // Art. 21
  EXPLANATION_OVERDUE_ESCALATION: explanationOverdueEscalation, // Art. 21
  EXPLANATION_ACCEPTED: explanationAccepted, // Art. 21
  EXPLANATION_RETURNED: explanationReturned, // Art. 21
  FEEDBACK_REQUEST: feedbackRequest, // Art. 19
  FEEDBACK_REMINDER: feedbackReminder, // Art. 19
  FEEDBACK_CONFIRMED: feedbackConfirmed, // Art. 19
} satisfies Record<string, NoticeBuilder>;

export type CycleNoticeEvent = keyof typeof NOTICE_BUILDERS;

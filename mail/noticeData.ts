// What each notice's template needs, as zod schemas over plain JSON. Activities draft these from the
// database; renderNotice validates them, so a missing total or a malformed deadline fails loudly at
// drafting time instead of producing an email with a blank where the rank should be.
import { z } from 'zod';
import type { NoticeEvent } from './noticeEvents';
import {
  decimalValue,
  gradeSchema,
  incentiveKindSchema,
  indicatorGroupSchema,
  isoInstant,
  noticeHeaderSchema,
} from './noticeFields';
import { scoreBreakdownSchema } from './scoreBreakdown';

const unitNotice = noticeHeaderSchema.extend({ unitName: z.string().min(1), portalUrl: z.url() });

const indicatorRef = z.object({ code: z.string(), name: z.string() });

// Art. 8: each unit receives its own target list; Art. 12: indicators it does not undertake are left
// out and their weight is spread over the others (effectiveWeight, when the drafter computed it).
const targetsPublished = unitNotice.extend({
  indicators: z
    .array(
      z.object({
        code: z.string(),
        name: z.string().min(1),
        group: indicatorGroupSchema,
        weight: decimalValue,
        effectiveWeight: decimalValue.optional(),
        standard: z.string().default(''),
        checkpoints: z
          .array(
            z.object({
              code: z.string(),
              name: z.string().min(1),
              dueAt: isoInstant,
              share: decimalValue,
              standard: z.string().default(''),
            }),
          )
          .default([]),
      }),
    )
    .min(1),
  notUndertaken: z.array(indicatorRef).default([]),
});

// Art. 8: 节点 — the checkpoints of one due date the unit has not yet submitted evidence for.
const checkpointRound = unitNotice.extend({
  dueAt: isoInstant,
  checkpoints: z
    .array(
      z.object({
        indicatorCode: z.string(),
        indicatorName: z.string().min(1),
        code: z.string(),
        name: z.string().min(1),
        standard: z.string().default(''),
      }),
    )
    .min(1),
});

const selfCheckOpened = unitNotice.extend({ dueAt: isoInstant });
const selfCheckClosing = unitNotice.extend({
  dueAt: isoInstant,
  missingIndicators: z.array(indicatorRef).default([]),
});

// Art. 9, 13: party-group members (leader evaluation) and departments rank the units of each category.
const rankingRequest = noticeHeaderSchema.extend({
  portalUrl: z.url(),
  evaluatorRole: z.enum(['PARTY_MEMBER', 'DEPARTMENT']),
  dueAt: isoInstant,
  categories: z.array(z.object({ name: z.string().min(1), unitNames: z.array(z.string()).min(1) })).min(1),
  /** 0 for the first request, then the number of the reminder. */
  reminder: z.int().min(0).default(0),
});

const gradeCounts = z.object({
  GOOD: z.int().min(0),
  FAIRLY_GOOD: z.int().min(0),
  PASS: z.int().min(0),
  FAIL: z.int().min(0),
});

// Art. 18: 经市总党组会议审定 — one round of the party group's approval.
const approvalRequest = noticeHeaderSchema.extend({
  portalUrl: z.url(),
  round: z.int().min(1),
  resultsUrl: z.url(),
  unitCount: z.int().min(1),
  gradeCounts,
});

const approvalOutcome = noticeHeaderSchema.extend({
  portalUrl: z.url(),
  round: z.int().min(1),
  outcome: z.enum(['APPROVED', 'REJECTED']),
  approvals: z.int().min(0),
  rejections: z.int().min(0),
  notVoted: z.int().min(0).default(0),
  comments: z
    .array(z.object({ voterName: z.string(), decision: z.enum(['APPROVE', 'REJECT']), comment: z.string() }))
    .default([]),
});

// Art. 18: the unit and its same-level party committee receive the unit's result and the category ranking.
const resultNotice = noticeHeaderSchema.extend({
  unitName: z.string().min(1),
  categoryName: z.string().min(1),
  categoryRank: z.int().min(1),
  categorySize: z.int().min(1),
  total: decimalValue,
  scoreGrade: gradeSchema,
  finalGrade: gradeSchema,
  indicatorScore: decimalValue,
  indicatorPoints: decimalValue,
  comprehensivePoints: decimalValue,
  bonus: decimalValue,
  deduction: decimalValue,
  breakdown: scoreBreakdownSchema,
  categoryTable: z
    .array(
      z.object({
        rank: z.int().min(1),
        unitName: z.string().min(1),
        total: decimalValue,
        finalGrade: gradeSchema,
      }),
    )
    .min(1),
  /** 评价意见 (Art. 10), drafted and edited by the office. */
  opinion: z.string().default(''),
});

// Art. 21: 通报批评 of a failing unit, to the unit and to its party committee, with the deadline of the
// written explanation its principal leader owes both.
const criticismNotice = noticeHeaderSchema.extend({
  recipientRole: z.enum(['UNIT', 'PARTY_COMMITTEE']),
  unitName: z.string().min(1),
  partyCommitteeName: z.string().min(1),
  total: decimalValue,
  scoreGrade: gradeSchema,
  finalGrade: gradeSchema,
  explanationDueAt: isoInstant,
});

const explanationReminder = unitNotice.extend({
  partyCommitteeName: z.string().min(1),
  dueAt: isoInstant,
  daysLeft: z.int().min(0),
  /** RETURNED: a revision was asked for and not yet resubmitted. */
  status: z.enum(['PENDING', 'RETURNED']).default('PENDING'),
});

const explanationOverdue = noticeHeaderSchema.extend({
  portalUrl: z.url(),
  unitName: z.string().min(1),
  principalLeaderName: z.string().min(1),
  dueAt: isoInstant,
  daysOverdue: z.int().min(1),
  escalation: z.int().min(1),
});

const explanationAccepted = unitNotice.extend({ revision: z.int().min(1), comment: z.string().default('') });
const explanationReturned = unitNotice.extend({
  revision: z.int().min(1),
  comment: z.string().min(1),
  dueAt: isoInstant,
});
// Art. 21: the failing unit's principal leader explains in writing to the same-level party committee
// and to the federation; once the office accepts it, the committee receives the text itself and the
// list of its attached files (name, type, size, SHA-256, so a copy can be checked against it).
const explanationForwarded = noticeHeaderSchema.extend({
  unitName: z.string().min(1),
  principalLeaderName: z.string().min(1),
  revision: z.int().min(1),
  submittedAt: isoInstant,
  content: z.string().min(1),
  files: z
    .array(
      z.object({
        name: z.string().min(1),
        mimeType: z.string().min(1),
        sizeBytes: z.int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** Carried by the email itself; false when over the size cap (mail/noticeAttachments.ts). */
        attached: z.boolean().default(false),
      }),
    )
    .default([]),
});

// Art. 19: the leadership group's feedback to the principal leader, who confirms relaying it to the staff.
const feedbackRequest = unitNotice.extend({ feedback: z.string().min(1) });
const feedbackReminder = unitNotice.extend({ reminder: z.int().min(1), requestedAt: isoInstant });
const feedbackConfirmed = noticeHeaderSchema.extend({
  portalUrl: z.url(),
  unitName: z.string().min(1),
  confirmedAt: isoInstant,
  confirmedBy: z.string().min(1),
  note: z.string().default(''),
});

// Art. 20: 精神鼓励, or 精神鼓励与以奖代补相结合 with an amount, for units graded GOOD.
const incentiveNotice = unitNotice.extend({
  total: decimalValue,
  finalGrade: z.literal('GOOD'),
  categoryName: z.string().min(1),
  categoryRank: z.int().min(1),
  kind: incentiveKindSchema,
  /** Yuan, for RECOGNITION_AND_REWARD. */
  amount: decimalValue.nullable().default(null),
  note: z.string().default(''),
});

export const noticeDataSchemas = {
  TARGETS_PUBLISHED: targetsPublished,
  CHECKPOINT_REMINDER: checkpointRound,
  CHECKPOINT_OVERDUE: checkpointRound,
  SELF_CHECK_OPENED: selfCheckOpened,
  SELF_CHECK_CLOSING: selfCheckClosing,
  RANKING_REQUEST: rankingRequest,
  APPROVAL_REQUEST: approvalRequest,
  APPROVAL_OUTCOME: approvalOutcome,
  RESULT_NOTICE_UNIT: resultNotice,
  RESULT_NOTICE_PARTY_COMMITTEE: resultNotice,
  CRITICISM_NOTICE: criticismNotice,
  EXPLANATION_REMINDER: explanationReminder,
  EXPLANATION_OVERDUE_ESCALATION: explanationOverdue,
  EXPLANATION_ACCEPTED: explanationAccepted,
  EXPLANATION_RETURNED: explanationReturned,
  EXPLANATION_FORWARDED: explanationForwarded,
  FEEDBACK_REQUEST: feedbackRequest,
  FEEDBACK_REMINDER: feedbackReminder,
  FEEDBACK_CONFIRMED: feedbackConfirmed,
  INCENTIVE_NOTICE: incentiveNotice,
} satisfies Record<NoticeEvent, z.ZodType>;

/** What a drafter supplies (defaults may be omitted). */
export type NoticeDataInput<E extends NoticeEvent> = z.input<(typeof noticeDataSchemas)[E]>;
/** What the template sees, after validation and defaults. */
export type NoticeData<E extends NoticeEvent> = z.output<(typeof noticeDataSchemas)[E]>;

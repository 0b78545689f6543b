// A failing unit's written explanation (Art. 21: 通报批评, 责令主要负责人向同级党委和市总工会做出书面说明).
// Criticism notice, reminders before the deadline, weekly escalation to the leadership group once
// overdue, and the office's review (accept, or return for revision with a new deadline).
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  explanationStatusQuery,
  extendExplanationSignal,
  reviewExplanationUpdate,
  submitExplanationUpdate,
  RefusalReason,
  type ExplanationReviewInput,
  type ExplanationStatus,
  type ExplanationSubmitInput,
} from './contract';
import { notices, records } from './activityProxies';
import { refuse, requireOwnUnit, requireRole } from './refuse';
import { waitUntil } from './waitUntil';
import { DAY_MS, explanationDueAt } from '../domain/cycle/deadlines';

export interface ExplanationInput {
  cycleId: string;
  unitId: string;
  explanationDays: number; // default 15 (SPEC §2.12)
  reminderDaysBefore: number[]; // e.g. [3, 1]
  escalationEveryDays: number; // weekly
}

export async function explanationWorkflow(input: ExplanationInput): Promise<void> {
  let dueAt = explanationDueAt(Date.now(), input.explanationDays);
  let status: ExplanationStatus['status'] = 'PENDING';
  let escalations = 0;
  let revision = 0;
  const snapshot = (): ExplanationStatus => ({ unitId: input.unitId, dueAt: new Date(dueAt).toISOString(), status, escalations });

  setHandler(explanationStatusQuery, snapshot);
  setHandler(extendExplanationSignal, ({ newDueAt }) => {
    dueAt = Date.parse(newDueAt);
  });
  setHandler(
    submitExplanationUpdate,
    async (submission: ExplanationSubmitInput) => {
      revision += 1;
      const late = Date.now() > dueAt;
      status = 'SUBMITTED';
      await records.recordExplanationSubmission({
        cycleId: input.cycleId,
        unitId: input.unitId,
        input: submission,
        revision,
        late,
        at: new Date().toISOString(),
      });
      return snapshot();
    },
    {
      validator: (submission: ExplanationSubmitInput) => {
        requireRole(submission.actor, ['UNIT'], 'written explanation');
        requireOwnUnit(submission.actor, input.unitId);
        if (status === 'SUBMITTED') refuse(RefusalReason.WRONG_STAGE, 'the explanation is awaiting the office’s review');
        if (status === 'ACCEPTED') refuse(RefusalReason.CLOSED, 'the explanation was already accepted');
        if (!submission.content.trim()) refuse(RefusalReason.INVALID, 'content: the explanation may not be empty');
      },
    },
  );
  setHandler(
    reviewExplanationUpdate,
    async (review: ExplanationReviewInput) => {
      if (review.decision === 'ACCEPT') {
        status = 'ACCEPTED';
      } else {
        status = 'RETURNED';
        dueAt = explanationDueAt(Date.now(), input.explanationDays);
      }
      await records.recordExplanationReview({
        cycleId: input.cycleId,
        unitId: input.unitId,
        input: review,
        newDueAt: new Date(dueAt).toISOString(),
        at: new Date().toISOString(),
      });
      await notices.sendNotices({
        cycleId: input.cycleId,
        event: review.decision === 'ACCEPT' ? 'EXPLANATION_ACCEPTED' : 'EXPLANATION_RETURNED',
        at: new Date().toISOString(),
        params: { unitId: input.unitId, revision },
      });
      return snapshot();
    },
    {
      validator: (review: ExplanationReviewInput) => {
        requireRole(review.actor, ['OFFICE'], 'explanation review');
        if (status !== 'SUBMITTED') refuse(RefusalReason.WRONG_STAGE, `nothing to review: the explanation is ${status}`);
        if (review.decision === 'RETURN' && !review.comment?.trim()) {
          refuse(RefusalReason.INVALID, 'comment: say what must be revised');
        }
      },
    },
  );

  await records.openExplanation({ cycleId: input.cycleId, unitId: input.unitId, dueAt: new Date(dueAt).toISOString() });
  await notices.sendNotices({
    cycleId: input.cycleId,
    event: 'CRITICISM_NOTICE',
    at: new Date().toISOString(),
    params: { unitId: input.unitId },
  });

  const awaitingUnit = () => status === 'PENDING' || status === 'RETURNED';
  while (status !== 'ACCEPTED') {
    if (!awaitingUnit()) {
      await condition(() => status !== 'SUBMITTED');
      continue;
    }
    const cycleRevision = revision;
    for (const days of [...input.reminderDaysBefore].sort((a, b) => b - a)) {
      const remindAt = () => dueAt - days * DAY_MS;
      if (remindAt() <= Date.now()) continue;
      if ((await waitUntil(remindAt, () => !awaitingUnit())) === 'deadline') {
        await notices.sendNotices({
          cycleId: input.cycleId,
          event: 'EXPLANATION_REMINDER',
          at: new Date().toISOString(),
          params: { unitId: input.unitId, daysBefore: days, revision: cycleRevision },
        });
      }
    }
    if ((await waitUntil(() => dueAt, () => !awaitingUnit())) === 'done') continue;
    // Overdue: escalate to the leadership group now and every week until the unit submits.
    while (awaitingUnit()) {
      escalations += 1;
      await records.recordExplanationEscalation({ cycleId: input.cycleId, unitId: input.unitId, escalations });
      await notices.sendNotices({
        cycleId: input.cycleId,
        event: 'EXPLANATION_OVERDUE_ESCALATION',
        at: new Date().toISOString(),
        params: { unitId: input.unitId, escalation: escalations },
      });
      await condition(() => !awaitingUnit(), input.escalationEveryDays * DAY_MS);
    }
  }
  await condition(allHandlersFinished);
}

// After publication: feedback (Art. 19), incentives (Art. 20), failing units' explanations (Art. 21).
// The writes of engine-1 cycles are the facts' own (facts/followUpFacts.ts); engine 2 opens the
// explanations here and looks at the follow-up's progress in PostgreSQL.
import type { ActivityDeps } from './deps';
import { activityAuditKey } from './audit';
import {
  followUpDone,
  writeExplanationReview,
  writeExplanationSubmission,
  writeFeedback,
  writeFeedbackConfirmation,
  writeIncentive,
} from '../facts/followUpFacts';
import { startFromActivity } from './unitWorkflows';
import {
  explanationWorkflowId,
  feedbackWorkflowId,
  type Actor,
  type ExplanationReviewInput,
  type ExplanationSubmitInput,
  type FeedbackInput,
  type IncentiveInput,
} from '../workflows/contract';

export function followUpActivities({ db }: ActivityDeps) {
  return {
    recordFeedback: (args: { cycleId: string; input: FeedbackInput; at: string }) =>
      db.$transaction((tx) => writeFeedback(tx, { ...args, auditKey: activityAuditKey() })),

    confirmFeedback: (args: { cycleId: string; unitId: string; actor: Actor; note: string; at: string }) =>
      db.$transaction((tx) => writeFeedbackConfirmation(tx, { ...args, auditKey: activityAuditKey() })),

    /** Every GOOD unit gets a recognition record (Art. 20); the office may turn it into recognition plus reward. */
    async recordDefaultIncentives({ cycleId, at }: { cycleId: string; at: string }) {
      const good = await db.unitResult.findMany({
        where: { cycleId, finalGrade: 'GOOD' },
        select: { unitId: true },
      });
      for (const { unitId } of good) {
        await db.incentive.upsert({
          where: { cycleId_unitId: { cycleId, unitId } },
          create: {
            cycleId,
            unitId,
            kind: 'RECOGNITION',
            note: '年度工作实绩考核“好”等次 (Art. 20)',
            createdAt: new Date(at),
          },
          update: {},
        });
      }
      return good.length;
    },

    recordIncentive: (args: { cycleId: string; input: IncentiveInput; at: string }) =>
      db.$transaction((tx) => writeIncentive(tx, { ...args, auditKey: activityAuditKey() })),

    async openExplanation({ cycleId, unitId, dueAt }: { cycleId: string; unitId: string; dueAt: string }) {
      await db.explanation.upsert({
        where: { cycleId_unitId: { cycleId, unitId } },
        create: { cycleId, unitId, dueAt: new Date(dueAt) },
        update: {},
      });
    },

    /**
     * Engine 2: every failing unit owes an explanation by `dueAt` (Art. 21); each gets its explanation
     * workflow (criticism notice, reminders, weekly escalation). Rows first, so the API accepts a
     * submission as soon as the unit hears of it.
     */
    async openExplanations(args: {
      cycleId: string;
      workflowId: string;
      unitIds: string[];
      dueAt: string;
      reminderDaysBefore: number[];
      escalationEveryDays: number;
    }) {
      const { cycleId, unitIds } = args;
      await db.explanation.createMany({
        data: unitIds.map((unitId) => ({ cycleId, unitId, dueAt: new Date(args.dueAt) })),
        skipDuplicates: true,
      });
      const rows = await db.explanation.findMany({ where: { cycleId, unitId: { in: unitIds } } });
      for (const row of rows) {
        await startFromActivity(explanationWorkflowId(args.workflowId, row.unitId), {
          type: 'explanationWorkflow',
          args: [
            {
              cycleId,
              unitId: row.unitId,
              dueAt: row.dueAt.toISOString(),
              reminderDaysBefore: args.reminderDaysBefore,
              escalationEveryDays: args.escalationEveryDays,
            },
          ],
        });
      }
      return rows.length;
    },

    /**
     * Engine 2: whether the follow-up is done (Art. 19, 21). Feedback the API recorded but whose workflow
     * never started (the API stopped between its commit and the start) is started here.
     */
    async followUpProgress(args: { cycleId: string; workflowId: string; reminderEveryDays: number }) {
      const { cycleId } = args;
      const [recorded, requested] = await Promise.all([
        db.feedback.findMany({ where: { cycleId, confirmedAt: null }, select: { unitId: true } }),
        db.notification.findMany({ where: { cycleId, event: 'FEEDBACK_REQUEST' }, select: { unitId: true } }),
      ]);
      const requestedUnits = new Set(requested.map((row) => row.unitId));
      const unrequested = recorded.filter((row) => !requestedUnits.has(row.unitId));
      for (const { unitId } of unrequested) {
        await startFromActivity(feedbackWorkflowId(args.workflowId, unitId), {
          type: 'feedbackWorkflow',
          args: [{ cycleId, unitId, reminderEveryDays: args.reminderEveryDays }],
        });
      }
      return { done: await followUpDone(db, cycleId) };
    },

    recordExplanationSubmission: (args: {
      cycleId: string;
      unitId: string;
      input: ExplanationSubmitInput;
      revision: number;
      late: boolean;
      at: string;
    }) => db.$transaction((tx) => writeExplanationSubmission(tx, { ...args, auditKey: activityAuditKey() })),

    recordExplanationReview: (args: {
      cycleId: string;
      unitId: string;
      input: ExplanationReviewInput;
      newDueAt: string;
      at: string;
    }) => db.$transaction((tx) => writeExplanationReview(tx, { ...args, auditKey: activityAuditKey() })),

    async recordExplanationEscalation({
      cycleId,
      unitId,
      escalations,
    }: {
      cycleId: string;
      unitId: string;
      escalations: number;
    }) {
      await db.explanation.update({ where: { cycleId_unitId: { cycleId, unitId } }, data: { escalations } });
    },
  };
}

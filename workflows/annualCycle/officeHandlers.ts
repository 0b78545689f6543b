// The cycle's own updates: what only the office does and what moves the workflow's control flow —
// advancing a stage, extending a deadline, rescoring, submitting for approval — plus the API's signals.
// Every other human action is a fact the API writes to PostgreSQL (facts/), so this workflow's update
// budget is spent only by these office actions, a few dozen a year whatever the federation's size.
import { ApplicationFailure, getExternalWorkflowHandle, setHandler, condition } from '@temporalio/workflow';
import {
  advanceStageUpdate,
  cycleStatusQuery,
  evaluationProgressedSignal,
  explanationChangedSignal,
  explanationWorkflowId,
  extendDeadlineUpdate,
  followUpProgressedSignal,
  rescoreUpdate,
  submitForApprovalUpdate,
  RefusalReason,
} from '../contract';
import { records } from '../activityProxies';
import { refuse, requireRole } from '../refuse';
import { isStageAtOrAfter, MANUALLY_ADVANCEABLE } from '../../domain/cycle/stages';
import { cycleStatus, failingUnitIds, type CycleState } from './cycleState';
import { rescore } from './scoring';

const at = () => new Date().toISOString();
const DEADLINE_FIELDS = {
  SELF_CHECK: 'selfCheckDueAt',
  VERIFICATION: 'verificationDueAt',
  EVALUATION: 'evaluationDueAt',
} as const;

export function registerOfficeHandlers(state: CycleState): void {
  setHandler(cycleStatusQuery, () => cycleStatus(state));

  setHandler(evaluationProgressedSignal, (progress) => {
    state.evaluation.minimumMet ||= progress.minimumMet;
    state.evaluation.everyoneRanked ||= progress.everyoneRanked;
  });
  setHandler(followUpProgressedSignal, () => {
    state.followUpNudged = true;
  });

  setHandler(
    advanceStageUpdate,
    async ({ actor, note }) => {
      if (state.stage === 'EVALUATION') {
        // The minimum is a fact in PostgreSQL (Art. 13): read it rather than trust a signal.
        const progress = await records.evaluationProgress({ cycleId: state.cycleId });
        state.evaluation = progress;
        if (!progress.minimumMet)
          throw ApplicationFailure.create({
            type: RefusalReason.CONDITIONS_NOT_MET,
            message: 'scoring needs a leader and a department ranking for every category (Art. 13)',
            nonRetryable: true,
          });
      }
      state.advanceRequested = true;
      await records.audit({
        cycleId: state.cycleId,
        actor,
        action: 'stage.advance',
        targetType: 'Cycle',
        targetId: state.cycleId,
        before: { stage: state.stage },
        after: { note: note ?? '' },
      });
      await condition(() => !state.advanceRequested);
      return state.stage;
    },
    {
      validator: ({ actor, from }) => {
        requireRole(actor, ['OFFICE'], 'advancing a stage');
        if (from !== state.stage)
          refuse(RefusalReason.WRONG_STAGE, `the cycle is in ${state.stage}, not ${from}`);
        if (!MANUALLY_ADVANCEABLE.includes(state.stage))
          refuse(RefusalReason.WRONG_STAGE, `stage ${state.stage} ends on its own conditions, not by hand`);
        if (state.advanceRequested) refuse(RefusalReason.WRONG_STAGE, 'an advance is already under way');
      },
    },
  );

  setHandler(
    extendDeadlineUpdate,
    async ({ actor, target, newDueAt, reason }) => {
      const newDue = Date.parse(newDueAt);
      let previous: number;
      if (target.startsWith('CHECKPOINT_ROUND:')) {
        const key = target.slice('CHECKPOINT_ROUND:'.length);
        previous = state.roundDue.get(key)!;
        state.roundDue.set(key, newDue);
      } else if (target.startsWith('EXPLANATION:')) {
        previous = Number.NaN; // read by the activity from PostgreSQL, where explanations live
      } else {
        const field = DEADLINE_FIELDS[target as keyof typeof DEADLINE_FIELDS];
        previous = state.deadlines[field];
        state.deadlines[field] = newDue;
      }
      const extension = await records.recordDeadlineExtension({
        cycleId: state.cycleId,
        actor,
        target,
        previousDueAt: Number.isNaN(previous) ? null : new Date(previous).toISOString(),
        newDueAt,
        reason,
        at: at(),
      });
      if (target.startsWith('EXPLANATION:') && extension?.explanation) {
        const unitId = target.slice('EXPLANATION:'.length);
        await getExternalWorkflowHandle(explanationWorkflowId(state.setup.workflowId, unitId)).signal(
          explanationChangedSignal,
          extension.explanation,
        );
      }
      return newDueAt;
    },
    {
      validator: ({ actor, target, newDueAt, reason }) => {
        requireRole(actor, ['OFFICE'], 'extending a deadline');
        if (!reason.trim()) refuse(RefusalReason.INVALID, 'reason: say why the deadline moves');
        const newDue = Date.parse(newDueAt);
        if (Number.isNaN(newDue) || newDue <= Date.now())
          refuse(RefusalReason.INVALID, 'newDueAt must be a future date');
        if (target.startsWith('CHECKPOINT_ROUND:')) {
          const key = target.slice('CHECKPOINT_ROUND:'.length);
          const due = state.roundDue.get(key);
          if (due === undefined) refuse(RefusalReason.NOT_FOUND, `no checkpoint round ${key}`);
          if (state.roundsClosed.has(key) || due <= Date.now() || state.stage !== 'CHECKPOINTS')
            refuse(RefusalReason.WRONG_STAGE, `checkpoint round ${key} has already closed`);
        } else if (target.startsWith('EXPLANATION:')) {
          const unitId = target.slice('EXPLANATION:'.length);
          // Accepted explanations are refused by the API, which reads them from PostgreSQL.
          if (state.stage !== 'FOLLOW_UP' || !failingUnitIds(state).includes(unitId))
            refuse(RefusalReason.WRONG_STAGE, `unit ${unitId} owes no open explanation`);
        } else {
          const targetStage = target as keyof typeof DEADLINE_FIELDS;
          if (!(targetStage in DEADLINE_FIELDS)) refuse(RefusalReason.INVALID, `unknown deadline ${target}`);
          if (isStageAtOrAfter(state.stage, targetStage) && state.stage !== targetStage)
            refuse(RefusalReason.WRONG_STAGE, `${targetStage} is already over`);
        }
      },
    },
  );

  setHandler(
    rescoreUpdate,
    async ({ actor }) => {
      await rescore(state, actor);
    },
    {
      validator: ({ actor }) => {
        requireRole(actor, ['OFFICE'], 'scoring');
        if (state.stage !== 'SCORING')
          refuse(RefusalReason.WRONG_STAGE, `scoring (Art. 10-17) is not open in stage ${state.stage}`);
        requireUnsubmitted(state, 'scoring');
      },
    },
  );

  setHandler(
    submitForApprovalUpdate,
    async ({ actor }) => {
      state.approvalRequestedBy = actor.userId;
      state.approvalRequested = true;
      // Freeze first (Art. 18): no fact can change the inputs between the final scoring and the snapshot.
      await records.freezeScoringInputs({ cycleId: state.cycleId, at: at() });
      await rescore(state, actor);
      await condition(() => state.approvalOpen);
      return state.approvalRound;
    },
    {
      validator: ({ actor }) => {
        requireRole(actor, ['OFFICE'], 'submitting results for approval (Art. 18)');
        if (state.stage !== 'SCORING')
          refuse(RefusalReason.WRONG_STAGE, `submitting for approval is not open in stage ${state.stage}`);
        requireUnsubmitted(state, 'submitting for approval');
        if (state.approvalRequested)
          refuse(RefusalReason.WRONG_STAGE, 'the results are already being submitted');
      },
    },
  );
}

function requireUnsubmitted(state: CycleState, what: string): void {
  if (state.approved) refuse(RefusalReason.CLOSED, `${what}: results are approved and immutable`);
  if (state.approvalOpen || state.approvalRequested)
    refuse(
      RefusalReason.WRONG_STAGE,
      `${what}: the results are submitted for approval (round ${state.approvalRound || 1}); wait for the outcome`,
    );
}

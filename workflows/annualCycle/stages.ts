// The stages of SPEC §2 as short named functions, in the order annualCycleWorkflow runs them.
// Waits are Temporal timers that re-arm when the office extends a deadline (waitUntil).
import { condition, patched, startChild } from '@temporalio/workflow';
import { approvalRoundWorkflowId } from '../contract';
import { records } from '../activityProxies';
import { announce } from './announce';
import { waitUntil } from '../waitUntil';
import { approvalRoundWorkflow } from '../approvalRoundWorkflow';
import { DAY_MS, explanationDueAt, weeklyFrom } from '../../domain/cycle/deadlines';
import type { CycleStage } from '../../domain/cycle/stages';
import { failingUnitIds, type CycleState } from './cycleState';
import { rescore } from './scoring';

const at = () => new Date().toISOString();

/** patched() id: the reported stage changes after enterStage has committed the gate, not before. */
export const STAGE_REPORTED_AFTER_GATE = 'stage-reported-after-gate';

async function enter(state: CycleState, next: CycleStage, manual = false, note?: string): Promise<void> {
  // The API checks every fact against PostgreSQL's gate and shows the stage reported here: report the
  // stage once the gate has it, or a screen offers an action the API still refuses (issue 11). Cycles
  // that entered a stage before this change replay as they ran (README, "Deploying new code").
  const reportAfterGate = patched(STAGE_REPORTED_AFTER_GATE);
  if (!reportAfterGate) state.stage = next;
  await records.enterStage({ cycleId: state.cycleId, stage: next, at: at(), manual, note });
  state.stage = next;
}

/** Waits for a deadline or the office's "advance"; true when the office ended the stage by hand. */
async function holdStage(state: CycleState, deadline: () => number, done: () => boolean = () => false) {
  const ended = await waitUntil(deadline, () => state.advanceRequested || done());
  return state.advanceRequested && ended === 'done';
}

/** The office's advance has taken effect: its update answers with the new stage. */
const acknowledgeAdvance = (state: CycleState) => {
  state.advanceRequested = false;
};

/** 1. Target setting (Art. 5, 8): publication sends every unit its own targets. */
export async function publishTargets(state: CycleState): Promise<void> {
  await enter(state, 'TARGET_SETTING');
  await announce({ cycleId: state.cycleId, event: 'TARGETS_PUBLISHED', at: at() });
}

/** One checkpoint round (Art. 8: 节点): a reminder before the due date, the close at it (or by hand). */
async function runCheckpointRound(state: CycleState, key: string, checkpointIds: string[]): Promise<void> {
  const due = () => state.roundDue.get(key)!;
  const closing = () => state.closeRoundsNow || state.stage !== 'CHECKPOINTS';
  const reminderAt = () => due() - state.setup.schedule.reminderLeadDays * DAY_MS;
  if (reminderAt() > Date.now() && (await waitUntil(reminderAt, closing)) === 'deadline') {
    await announce({
      cycleId: state.cycleId,
      event: 'CHECKPOINT_REMINDER',
      at: at(),
      params: { roundKey: key, checkpointIds },
    });
  }
  await waitUntil(due, closing);
  // Published before the overdue notice: from now on a submission is late (SPEC §2.2).
  await records.closeCheckpointRound({ cycleId: state.cycleId, checkpointIds, at: at() });
  state.roundsClosed.add(key);
  await announce({
    cycleId: state.cycleId,
    event: 'CHECKPOINT_OVERDUE',
    at: at(),
    params: { roundKey: key, checkpointIds },
  });
}

/** 2. Checkpoints (Art. 8): every round runs on its own timers inside this workflow. */
export async function runCheckpoints(state: CycleState): Promise<boolean> {
  await enter(state, 'CHECKPOINTS');
  const rounds = Promise.all(
    state.rounds.map((round) =>
      runCheckpointRound(
        state,
        round.key,
        round.checkpoints.map((checkpoint) => checkpoint.id),
      ),
    ),
  );
  const lastRoundDue = () => Math.max(state.deadlines.selfCheckOpensAt, ...state.roundDue.values());
  const manual = await holdStage(state, lastRoundDue);
  if (manual) state.closeRoundsNow = true;
  await rounds;
  return manual;
}

/** 3. Year-end self-check (Art. 8), with a reminder before it closes. */
export async function runSelfCheck(state: CycleState, manualBefore: boolean): Promise<boolean> {
  await enter(state, 'SELF_CHECK', manualBefore);
  acknowledgeAdvance(state);
  await announce({ cycleId: state.cycleId, event: 'SELF_CHECK_OPENED', at: at() });
  const reminder = () => state.deadlines.selfCheckDueAt - state.setup.schedule.reminderLeadDays * DAY_MS;
  let manual = await holdStage(state, reminder);
  if (!manual) {
    await announce({ cycleId: state.cycleId, event: 'SELF_CHECK_CLOSING', at: at() });
    manual = await holdStage(state, () => state.deadlines.selfCheckDueAt);
  }
  return manual;
}

/** 4. Verification (Art. 8: 察访核验); late checkpoint submissions end as it opens. */
export async function runVerification(state: CycleState, manualBefore: boolean): Promise<boolean> {
  await enter(state, 'VERIFICATION', manualBefore);
  acknowledgeAdvance(state);
  return holdStage(state, () => state.deadlines.verificationDueAt);
}

/**
 * 5. Comprehensive evaluation (Art. 9, 13): ends at its deadline, or early once every ranker has ranked;
 * past the deadline without the minimum, the missing evaluators are chased weekly from the deadline.
 */
export async function runEvaluation(state: CycleState, manualBefore: boolean): Promise<boolean> {
  await enter(state, 'EVALUATION', manualBefore);
  acknowledgeAdvance(state);
  await announce({ cycleId: state.cycleId, event: 'RANKING_REQUEST', at: at(), params: { reminder: 0 } });
  let manual = await holdStage(
    state,
    () => state.deadlines.evaluationDueAt,
    () => state.evaluation.everyoneRanked,
  );
  let reminder = 0;
  const minimumMet = async () => {
    // A lost signal must not stall the year: the facts in PostgreSQL decide.
    state.evaluation = await records.evaluationProgress({ cycleId: state.cycleId });
    return state.evaluation.minimumMet;
  };
  while (!manual && !(await minimumMet())) {
    reminder += 1;
    await announce({ cycleId: state.cycleId, event: 'RANKING_REQUEST', at: at(), params: { reminder } });
    const chaseEveryDays = state.input.chaseEveryDays ?? 7;
    manual = await holdStage(
      state,
      () => weeklyFrom(state.deadlines.evaluationDueAt, chaseEveryDays, reminder),
      () => state.evaluation.minimumMet,
    );
  }
  return manual;
}

/** 6-8. Scoring and party-group approval (Art. 10-18); a rejected round returns to scoring. */
export async function scoreAndApprove(state: CycleState, manualBefore: boolean): Promise<void> {
  await enter(state, 'SCORING', manualBefore);
  acknowledgeAdvance(state);
  await rescore(state);
  while (!state.approved) {
    await condition(() => state.approvalRequested);
    state.approvalRound += 1;
    await records.openApprovalRound({
      cycleId: state.cycleId,
      round: state.approvalRound,
      actorId: state.approvalRequestedBy,
      at: at(),
    });
    const round = await startChild(approvalRoundWorkflow, {
      workflowId: approvalRoundWorkflowId(state.setup.workflowId, state.approvalRound),
      args: [
        { cycleId: state.cycleId, round: state.approvalRound, voters: state.setup.voters, rule: state.rule },
      ],
    });
    state.approvalOpen = true;
    await enter(state, 'APPROVAL');
    const { outcome } = await round.result();
    state.approvalOpen = false;
    state.approvalRequested = false;
    if (outcome === 'APPROVED') state.approved = true;
    else {
      await records.unfreezeScoringInputs({ cycleId: state.cycleId, at: at() });
      await enter(state, 'SCORING', false, `round ${state.approvalRound} rejected`);
    }
  }
}

/** 9. Notification (Art. 18): each unit and its same-level party committee. */
export async function notifyResults(state: CycleState): Promise<void> {
  await enter(state, 'NOTIFICATION');
  await announce({ cycleId: state.cycleId, event: 'RESULT_NOTICE', at: at() });
}

/**
 * 10-12. Feedback (Art. 19), incentives (Art. 20), failing units' explanations (Art. 21). Each failing
 * unit's explanation and each unit's feedback runs in a workflow of its own (not a child: no limit on
 * how many), started here and by the API; this waits until all are done, looking daily in case a
 * signal from the API was lost.
 */
export async function followUp(state: CycleState): Promise<void> {
  await enter(state, 'FOLLOW_UP');
  await records.recordDefaultIncentives({ cycleId: state.cycleId, at: at() });
  await announce({ cycleId: state.cycleId, event: 'INCENTIVE_NOTICE', at: at() });
  const dueAt = new Date(explanationDueAt(Date.now(), state.setup.schedule.explanationDays)).toISOString();
  await records.openExplanations({
    cycleId: state.cycleId,
    workflowId: state.setup.workflowId,
    unitIds: failingUnitIds(state),
    dueAt,
    reminderDaysBefore: state.input.explanationReminderDays ?? [3, 1],
    escalationEveryDays: state.input.chaseEveryDays ?? 7,
  });
  for (;;) {
    const progress = await records.followUpProgress({
      cycleId: state.cycleId,
      workflowId: state.setup.workflowId,
      reminderEveryDays: state.input.chaseEveryDays ?? 7,
    });
    if (progress.done) break;
    state.followUpNudged = false;
    await condition(() => state.followUpNudged, DAY_MS);
  }
}

/** 13. Close: results become immutable. */
export async function closeCycle(state: CycleState): Promise<void> {
  await records.closeCycle({ cycleId: state.cycleId, at: at() });
  await enter(state, 'CLOSED');
}

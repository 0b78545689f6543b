// Every human action of the annual cycle, as the API performs it (README, "Volume").
//
// Engine 2 (cycles published after facts moved to PostgreSQL): a fact is checked and written in ONE
// PostgreSQL transaction that holds the cycle's gate row FOR SHARE (facts/cycleGate.ts), with its audit
// row; the workflow is told only what its control flow needs (a signal once the evaluation's minimum is
// in, a unit's follow-up workflow started or signalled). No Temporal update per fact, so no workflow's
// update budget, history or task time grows with the number of units or resubmissions.
//
// Engine 1 (cycles already running before): the same action goes to the workflow as the update it
// always was, so those cycles finish as they started.
import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../prisma/client';
import type { CycleClient } from './cycleClient';
import {
  checkpointRoundWorkflowId,
  confirmFeedbackUpdate,
  editOpinionUpdate,
  enterThirdPartyScoresUpdate,
  evaluationProgressedSignal,
  explanationChangedSignal,
  explanationWorkflowId,
  feedbackConfirmedSignal,
  feedbackWorkflowId,
  followUpProgressedSignal,
  recordAdjustmentUpdate,
  recordDowngradeUpdate,
  recordFeedbackUpdate,
  recordIncentiveUpdate,
  reviewExplanationUpdate,
  submitCheckpointUpdate,
  submitExplanationUpdate,
  submitRankingUpdate,
  submitSelfCheckUpdate,
  verifyCheckpointsUpdate,
  verifyYearEndUpdate,
  type Actor,
  type AdjustmentInput,
  type CheckpointSubmissionInput,
  type CheckpointVerificationInput,
  type DowngradeInput,
  type ExplanationReviewInput,
  type ExplanationStatus,
  type ExplanationSubmitInput,
  type FeedbackInput,
  type IncentiveInput,
  type OpinionInput,
  type RankingInput,
  type SelfCheckInput,
  type ThirdPartyScoresInput,
  type YearEndVerificationInput,
} from '../workflows/contract';
import { lockCycleGate, type CycleGate, type Tx } from '../facts/cycleGate';
import {
  checkCheckpointSubmission,
  checkSelfCheck,
  writeCheckpointSubmission,
  writeSelfCheck,
} from '../facts/submissionFacts';
import {
  checkCheckpointVerifications,
  checkYearEndVerifications,
  writeCheckpointVerifications,
  writeYearEndVerifications,
} from '../facts/verificationFacts';
import {
  checkAdjustment,
  checkDowngrade,
  checkRanking,
  checkThirdPartyScores,
  evaluationProgress,
  evaluatorKeyOf,
  writeAdjustment,
  writeDowngrade,
  writeRanking,
  writeThirdPartyScores,
} from '../facts/evaluationFacts';
import {
  checkExplanationReview,
  checkExplanationSubmission,
  checkFeedback,
  checkFeedbackConfirmation,
  checkIncentive,
  checkOpinion,
  followUpDone,
  writeExplanationReview,
  writeExplanationSubmission,
  writeFeedback,
  writeFeedbackConfirmation,
  writeIncentive,
  writeOpinion,
} from '../facts/followUpFacts';

/** The cycle an action is for, as the API found it. */
export interface CycleRef {
  id: string;
  year: number;
  workflowId: string;
}

/** Per request: an Idempotency-Key makes a repeated request write (and audit) once. */
export interface ActionOptions {
  idempotencyKey?: string | null;
}

export interface CycleActions {
  submitCheckpoint(
    cycle: CycleRef,
    input: CheckpointSubmissionInput,
    options?: ActionOptions,
  ): Promise<{ submissionId: string; late: boolean; roundKey: string }>;
  submitSelfCheck(cycle: CycleRef, input: SelfCheckInput, options?: ActionOptions): Promise<number>;
  verifyCheckpoints(
    cycle: CycleRef,
    input: CheckpointVerificationInput,
    options?: ActionOptions,
  ): Promise<number>;
  verifyYearEnd(cycle: CycleRef, input: YearEndVerificationInput, options?: ActionOptions): Promise<number>;
  submitRanking(cycle: CycleRef, input: RankingInput, options?: ActionOptions): Promise<void>;
  enterThirdPartyScores(
    cycle: CycleRef,
    input: ThirdPartyScoresInput,
    options?: ActionOptions,
  ): Promise<number>;
  recordAdjustment(cycle: CycleRef, input: AdjustmentInput, options?: ActionOptions): Promise<string>;
  recordDowngrade(cycle: CycleRef, input: DowngradeInput, options?: ActionOptions): Promise<string>;
  editOpinion(cycle: CycleRef, input: OpinionInput, options?: ActionOptions): Promise<void>;
  recordFeedback(cycle: CycleRef, input: FeedbackInput, options?: ActionOptions): Promise<void>;
  confirmFeedback(
    cycle: CycleRef,
    input: { actor: Actor; unitId: string; note?: string },
    options?: ActionOptions,
  ): Promise<void>;
  recordIncentive(cycle: CycleRef, input: IncentiveInput, options?: ActionOptions): Promise<void>;
  submitExplanation(
    cycle: CycleRef,
    input: ExplanationSubmitInput,
    options?: ActionOptions,
  ): Promise<ExplanationStatus>;
  reviewExplanation(
    cycle: CycleRef,
    input: ExplanationReviewInput,
    options?: ActionOptions,
  ): Promise<ExplanationStatus>;
}

/** Whether a request with this Idempotency-Key was already carried out: its audit row exists (db/audit.ts keys). */
async function alreadyDone(tx: Tx, auditKey: string, action: string, targetId: string): Promise<boolean> {
  return (await tx.auditLog.count({ where: { eventKey: `${auditKey}/${action}/${targetId}` } })) > 0;
}

/** After a fact is committed: what the workflows must hear. Retried briefly; a lost one is found again by the workflow's own look at PostgreSQL. */
type AfterCommit = () => Promise<void>;

export function createCycleActions({
  db,
  cycles,
  chaseEveryDays = 7,
  now: clock = async () => new Date(),
}: {
  db: Db;
  cycles: CycleClient;
  chaseEveryDays?: number;
  /**
   * The time a fact happens (late flags, a returned explanation's new deadline): the wall clock, which
   * is Temporal's clock in production; tests that skip Temporal time pass the test server's clock.
   */
  now?: () => Promise<Date>;
}): CycleActions {
  /**
   * Runs `fact` in one transaction holding the cycle's gate FOR SHARE, unless the cycle is of engine 1,
   * where `legacy` sends the update its workflow expects.
   */
  async function perform<Result>(
    cycle: CycleRef,
    options: ActionOptions | undefined,
    legacy: () => Promise<Result>,
    fact: (
      tx: Tx,
      gate: CycleGate,
      context: { at: string; auditKey: string | null; now: Date },
    ) => Promise<{ result: Result; after?: AfterCommit }>,
    actor: Actor,
  ): Promise<Result> {
    const engine = await db.cycle.findUnique({ where: { id: cycle.id }, select: { engine: true } });
    if (engine?.engine === 1) return legacy();
    const now = await clock();
    const auditKey = options?.idempotencyKey ? `api/${actor.userId}/${options.idempotencyKey}` : null;
    const { result, after } = await db.$transaction(
      async (tx) => {
        const gate = await lockCycleGate(tx, cycle.id);
        return fact(tx, gate, { at: now.toISOString(), auditKey, now });
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
    if (after) await deliver(after);
    return result;
  }

  async function deliver(after: AfterCommit): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await after();
      } catch (error) {
        if (attempt >= 3) {
          console.error(
            '[actions] a workflow could not be told of a stored fact; it finds it itself:',
            error,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  const legacyUpdate =
    <Ret, Input>(workflowId: string, update: UpdateDefinition<Ret, [Input]>, input: Input) =>
    () =>
      cycles.update(workflowId, update, input);

  /** Tells the cycle once when the evaluation reaches its minimum or is complete (Art. 13). */
  async function evaluationSignal(tx: Tx, gate: CycleGate, now: Date): Promise<AfterCommit | undefined> {
    const progress = await evaluationProgress(tx, gate);
    const first = async (column: 'evaluationMinimumAt' | 'everyoneRankedAt', reached: boolean) =>
      reached &&
      (await tx.cycle.updateMany({ where: { id: gate.id, [column]: null }, data: { [column]: now } }))
        .count === 1;
    const newlyMinimum = await first('evaluationMinimumAt', progress.minimumMet);
    const newlyEveryone = await first('everyoneRankedAt', progress.everyoneRanked);
    if (!newlyMinimum && !newlyEveryone) return undefined;
    return () => cycles.signal(gate.workflowId, evaluationProgressedSignal, progress);
  }

  /** Tells the cycle when the follow-up may be done (Art. 19, 21), so it closes without waiting a day. */
  async function followUpSignal(tx: Tx, gate: CycleGate): Promise<AfterCommit | undefined> {
    if (!(await followUpDone(tx, gate.id))) return undefined;
    return () => cycles.signal(gate.workflowId, followUpProgressedSignal);
  }

  const both =
    (...steps: (AfterCommit | undefined)[]): AfterCommit =>
    async () => {
      for (const step of steps) if (step) await step();
    };

  return {
    async submitCheckpoint(cycle, input, options) {
      return perform(
        cycle,
        options,
        async () => {
          const status = await cycles.status(cycle.workflowId);
          const round = status.rounds.find((candidate) =>
            candidate.checkpointIds.includes(input.checkpointId),
          );
          const roundKey = round?.key ?? '';
          const result = await cycles.update(
            checkpointRoundWorkflowId(cycle.workflowId, roundKey),
            submitCheckpointUpdate,
            input,
          );
          return { ...result, roundKey };
        },
        async (tx, gate, { at, auditKey, now }) => {
          const { late, roundKey } = await checkCheckpointSubmission(tx, gate, input, now);
          const saved = auditKey
            ? await tx.checkpointSubmission.findUnique({
                where: { checkpointId_unitId: { checkpointId: input.checkpointId, unitId: input.unitId } },
              })
            : null;
          if (saved && auditKey && (await alreadyDone(tx, auditKey, 'checkpoint.submit', saved.id))) {
            // The same request again (the client retried after losing our answer): answer as before.
            return { result: { submissionId: saved.id, late: saved.late, roundKey } };
          }
          const written = await writeCheckpointSubmission(tx, {
            cycleId: gate.id,
            input,
            late,
            at,
            auditKey,
          });
          return { result: { ...written, roundKey } };
        },
        input.actor,
      );
    },

    submitSelfCheck: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, submitSelfCheckUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkSelfCheck(tx, gate, input);
          return { result: await writeSelfCheck(tx, { cycleId: gate.id, input, at, auditKey }) };
        },
        input.actor,
      ),

    verifyCheckpoints: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, verifyCheckpointsUpdate, input),
        async (tx, gate, { at, auditKey, now }) => {
          await checkCheckpointVerifications(tx, gate, input, now);
          return {
            result: await writeCheckpointVerifications(tx, { cycleId: gate.id, input, at, auditKey }),
          };
        },
        input.actor,
      ),

    verifyYearEnd: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, verifyYearEndUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkYearEndVerifications(tx, gate, input);
          return { result: await writeYearEndVerifications(tx, { cycleId: gate.id, input, at, auditKey }) };
        },
        input.actor,
      ),

    submitRanking: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, submitRankingUpdate, input),
        async (tx, gate, { at, auditKey, now }) => {
          await checkRanking(tx, gate, input);
          await writeRanking(tx, {
            cycleId: gate.id,
            input,
            evaluatorKey: evaluatorKeyOf(input.actor, input.kind),
            at,
            auditKey,
          });
          return { result: undefined, after: await evaluationSignal(tx, gate, now) };
        },
        input.actor,
      ),

    enterThirdPartyScores: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, enterThirdPartyScoresUpdate, input),
        async (tx, gate, { at, auditKey, now }) => {
          await checkThirdPartyScores(tx, gate, input);
          const count = await writeThirdPartyScores(tx, { cycleId: gate.id, input, at, auditKey });
          return {
            result: count,
            after: gate.stage === 'EVALUATION' ? await evaluationSignal(tx, gate, now) : undefined,
          };
        },
        input.actor,
      ),

    recordAdjustment: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, recordAdjustmentUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkAdjustment(tx, gate, input);
          return {
            result: await writeAdjustment(tx, { cycleId: gate.id, id: randomUUID(), input, at, auditKey }),
          };
        },
        input.actor,
      ),

    recordDowngrade: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, recordDowngradeUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkDowngrade(tx, gate, input);
          return {
            result: await writeDowngrade(tx, { cycleId: gate.id, id: randomUUID(), input, at, auditKey }),
          };
        },
        input.actor,
      ),

    editOpinion: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, editOpinionUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkOpinion(tx, gate, input);
          await writeOpinion(tx, { cycleId: gate.id, input, at, auditKey });
          return { result: undefined };
        },
        input.actor,
      ),

    recordFeedback: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, recordFeedbackUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkFeedback(tx, gate, input);
          await writeFeedback(tx, { cycleId: gate.id, input, at, auditKey });
          // Its own workflow sends the request and the weekly reminders until confirmed (Art. 19).
          const start = () =>
            cycles.startFeedback(feedbackWorkflowId(gate.workflowId, input.unitId), {
              cycleId: gate.id,
              unitId: input.unitId,
              reminderEveryDays: chaseEveryDays,
            });
          return { result: undefined, after: start };
        },
        input.actor,
      ),

    confirmFeedback: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(feedbackWorkflowId(cycle.workflowId, input.unitId), confirmFeedbackUpdate, {
          actor: input.actor,
          note: input.note,
        }),
        async (tx, gate, { at, auditKey }) => {
          await checkFeedbackConfirmation(tx, gate, input.actor, input.unitId);
          await writeFeedbackConfirmation(tx, {
            cycleId: gate.id,
            unitId: input.unitId,
            actor: input.actor,
            note: input.note ?? '',
            at,
            auditKey,
          });
          const tell = () =>
            cycles.signal(feedbackWorkflowId(gate.workflowId, input.unitId), feedbackConfirmedSignal);
          return { result: undefined, after: both(tell, await followUpSignal(tx, gate)) };
        },
        input.actor,
      ),

    recordIncentive: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, recordIncentiveUpdate, input),
        async (tx, gate, { at, auditKey }) => {
          await checkIncentive(tx, gate, input);
          await writeIncentive(tx, { cycleId: gate.id, input, at, auditKey });
          return { result: undefined };
        },
        input.actor,
      ),

    submitExplanation: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, submitExplanationUpdate, input),
        async (tx, gate, { at, auditKey, now }) => {
          const next = await checkExplanationSubmission(tx, gate, input, now);
          await writeExplanationSubmission(tx, {
            cycleId: gate.id,
            unitId: input.unitId,
            input,
            revision: next.revision,
            late: next.late,
            at,
            auditKey,
          });
          const tell = () =>
            cycles.signal(
              explanationWorkflowId(gate.workflowId, input.unitId),
              explanationChangedSignal,
              next,
            );
          return { result: next, after: tell };
        },
        input.actor,
      ),

    reviewExplanation: (cycle, input, options) =>
      perform(
        cycle,
        options,
        legacyUpdate(cycle.workflowId, reviewExplanationUpdate, input),
        async (tx, gate, { at, auditKey, now }) => {
          const next = await checkExplanationReview(tx, gate, input, now);
          await writeExplanationReview(tx, {
            cycleId: gate.id,
            unitId: input.unitId,
            input,
            newDueAt: next.dueAt,
            at,
            auditKey,
          });
          const notify =
            input.decision === 'ACCEPT'
              ? ('EXPLANATION_ACCEPTED' as const)
              : ('EXPLANATION_RETURNED' as const);
          const tell = () =>
            cycles.signal(explanationWorkflowId(gate.workflowId, input.unitId), explanationChangedSignal, {
              ...next,
              notify,
            });
          return {
            result: next,
            after: both(tell, input.decision === 'ACCEPT' ? await followUpSignal(tx, gate) : undefined),
          };
        },
        input.actor,
      ),
  };
}

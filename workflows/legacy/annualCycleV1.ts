// LEGACY (engine 1): the annual cycle as it ran before facts moved to PostgreSQL (README, "Volume").
// Cycles started before that change replay and finish on this code, unchanged, behind
// patched('facts-in-postgres') in ../annualCycleWorkflow.ts. Do not edit: a change here breaks them.
// Delete it (and its children's update handlers) once no cycle of engine 1 is running.
// The annual cycle of SPEC §2, one workflow per year (Art. 8-21). It is the source of truth for which
// stage is open and what each actor may do now; activities write the read model in PostgreSQL.
//
// A cycle runs for a year, so this code must replay the histories of running cycles: a change that
// alters the commands it issues goes behind patched('<change-id>') (README, "Deploying new code to a
// running cycle"), and tests/workflows/replay.test.ts replays recorded histories (regenerate them with
// KAOHE_RECORD_HISTORIES=1 npx jest tests/workflows/annualCycle.test.ts once no cycle predates a change).
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  setHandler,
  startChild,
  uuid4,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import {
  advanceStageUpdate,
  approvalRoundWorkflowId,
  checkpointRoundWorkflowId,
  closeRoundNowSignal,
  cycleStatusQuery,
  editOpinionUpdate,
  endRoundSignal,
  enterThirdPartyScoresUpdate,
  explanationChangedSignal,
  explanationWorkflowId,
  extendDeadlineUpdate,
  extendRoundSignal,
  feedbackWorkflowId,
  recordAdjustmentUpdate,
  recordDowngradeUpdate,
  recordFeedbackUpdate,
  recordIncentiveUpdate,
  rescoreUpdate,
  reviewExplanationUpdate,
  submitExplanationUpdate,
  submitForApprovalUpdate,
  submitRankingUpdate,
  submitSelfCheckUpdate,
  verifyCheckpointsUpdate,
  verifyYearEndUpdate,
  RefusalReason,
  type Actor,
  type CycleStatus,
  type ExplanationStatus,
} from '../contract';
import { notices, records } from '../activityProxies';
import { refuse, requireOwnUnit, requireRole } from '../refuse';
import { waitUntil } from '../waitUntil';
import { explanationDueAt } from '../../domain/cycle/deadlines';
import { checkpointRoundWorkflow } from '../checkpointRoundWorkflow';
import { approvalRoundWorkflow } from '../approvalRoundWorkflow';
import { explanationWorkflow } from '../explanationWorkflow';
import { feedbackWorkflow } from '../feedbackWorkflow';
import { groupCheckpointRounds } from '../../domain/cycle/checkpointRounds';
import { isStageAtOrAfter, MANUALLY_ADVANCEABLE, type CycleStage } from '../../domain/cycle/stages';
import { defaultApprovalRule, type ApprovalRule } from '../../domain/cycle/approvalRule';
import type { CycleSetup } from '../../activities/cycleSetup';

export interface AnnualCycleInputV1 {
  cycleId: string;
  approvalRule?: ApprovalRule;
  /** Explanation reminders before the deadline (Art. 21), days. */
  explanationReminderDays?: number[];
  /** Overdue explanations and unconfirmed feedback are chased this often, days. */
  chaseEveryDays?: number;
}

type Grade = 'GOOD' | 'FAIRLY_GOOD' | 'PASS' | 'FAIL';

export async function annualCycleV1(input: AnnualCycleInputV1): Promise<void> {
  // Answer status queries while the setup loads (the API asks right after publication); replaced below.
  setHandler(cycleStatusQuery, () => ({
    cycleId: input.cycleId,
    year: 0,
    stage: 'TARGET_SETTING',
    deadlines: { selfCheckDueAt: '', verificationDueAt: '', evaluationDueAt: '' },
    rounds: [],
    rankingsReceived: [],
    approvalRound: 0,
    approvalOpen: false,
    failingUnitIds: [],
    explanations: [],
    explanationsAccepted: [],
    feedbackConfirmed: [],
    feedbackRecorded: [],
  }));
  const setup: CycleSetup = await records.loadCycleSetup(input.cycleId);
  const rule = input.approvalRule ?? defaultApprovalRule;
  const cycleId = setup.cycleId;
  const rounds = groupCheckpointRounds(setup.checkpoints);
  const roundDue = new Map(rounds.map((round) => [round.key, Date.parse(round.dueAt)]));
  const deadlines = {
    selfCheckOpensAt: Date.parse(setup.schedule.selfCheckOpensAt),
    selfCheckDueAt: Date.parse(setup.schedule.selfCheckDueAt),
    verificationDueAt: Date.parse(setup.schedule.verificationDueAt),
    evaluationDueAt: Date.parse(setup.schedule.evaluationDueAt),
  };
  let stage: CycleStage = 'TARGET_SETTING';
  let advanceRequested = false;
  let scoringDirty = true;
  let approvalRound = 0;
  let approvalOpen = false;
  let approvalRequested = false;
  let approvalRequestedBy = '';
  let approved = false;
  let grades: Record<string, Grade> = {};
  const rankings = new Set<string>();
  const thirdPartyScored = new Set<string>();
  const explanations = new Map<string, ExplanationStatus>();
  const explanationChildren = new Map<string, ChildWorkflowHandle<typeof explanationWorkflow>>();
  const explanationsAccepted = () =>
    [...explanations.values()].filter((entry) => entry.status === 'ACCEPTED').map((entry) => entry.unitId);
  const feedbackRecorded = new Set<string>();
  const feedbackConfirmed = new Set<string>();
  const feedbackChildren = new Map<string, Promise<unknown>>();
  const at = () => new Date().toISOString();
  const unitIds = setup.units.map((unit) => unit.id);
  const failingUnitIds = () => unitIds.filter((id) => grades[id] === 'FAIL');

  // ----- who may do what, when (validators answer the caller at once) -----
  const requireStage = (what: string, ...allowed: CycleStage[]) => {
    if (!allowed.includes(stage))
      refuse(
        RefusalReason.WRONG_STAGE,
        `${what} is not open in stage ${stage} (open in: ${allowed.join(', ')})`,
      );
  };
  const requireUnit = (unitId: string) => {
    if (!unitIds.includes(unitId))
      refuse(RefusalReason.NOT_FOUND, `unit ${unitId} is not assessed in this cycle`);
  };
  /** Scoring inputs are frozen from submission, while a round is open, and for good once approved (Art. 18). */
  const requireRevisable = (what: string) => {
    if (approved) refuse(RefusalReason.CLOSED, `${what}: results are approved and immutable`);
    if (approvalOpen || approvalRequested) {
      refuse(
        RefusalReason.WRONG_STAGE,
        `${what}: the results are submitted for approval (round ${approvalRound || 1}); wait for the outcome`,
      );
    }
  };
  const requireFraction = (field: string, value: unknown) => {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      refuse(RefusalReason.INVALID, `${field}: a completion fraction must be within 0-1 (SPEC §4)`);
  };
  /** Art. 21 explanations are owed only by units whose final grade is FAIL. */
  const requireOwedExplanation = (unitId: string) => {
    requireUnit(unitId);
    requireStage('written explanations (Art. 21)', 'FOLLOW_UP');
    if (!explanations.has(unitId)) {
      refuse(
        RefusalReason.NOT_ALLOWED,
        `unit ${unitId} is graded ${grades[unitId] ?? 'ungraded'}, not FAIL: it owes no written explanation (Art. 21)`,
      );
    }
    return explanations.get(unitId)!;
  };
  const rankingKey = (kind: string, evaluatorKey: string, categoryId: string) =>
    `${kind}:${evaluatorKey}:${categoryId}`;
  const evaluatorKeyOf = (actor: Actor, kind: 'LEADER' | 'DEPARTMENT') =>
    kind === 'LEADER' ? actor.userId : (actor.departmentId ?? '');
  const requiredRankings = () => [
    ...setup.voters.flatMap((voter) =>
      setup.categories.map((category) => rankingKey('LEADER', voter.userId, category.id)),
    ),
    ...setup.rankingDepartments.flatMap((department) =>
      setup.categories.map((category) => rankingKey('DEPARTMENT', department, category.id)),
    ),
  ];
  /** Scoring needs at least one leader and one department ranking per category (Art. 13), and third-party scores if engaged. */
  const evaluationComplete = () =>
    setup.categories.every(
      (category) =>
        [...rankings].some((key) => key.startsWith('LEADER:') && key.endsWith(`:${category.id}`)) &&
        [...rankings].some((key) => key.startsWith('DEPARTMENT:') && key.endsWith(`:${category.id}`)),
    ) &&
    (!setup.useThirdParty || unitIds.every((id) => thirdPartyScored.has(id)));
  const everyoneRanked = () => requiredRankings().every((key) => rankings.has(key));
  const followUpDone = () =>
    failingUnitIds().every((id) => explanations.get(id)?.status === 'ACCEPTED') &&
    unitIds.every((id) => feedbackConfirmed.has(id));

  const status = (): CycleStatus => ({
    cycleId,
    year: setup.year,
    stage,
    deadlines: {
      selfCheckDueAt: new Date(deadlines.selfCheckDueAt).toISOString(),
      verificationDueAt: new Date(deadlines.verificationDueAt).toISOString(),
      evaluationDueAt: new Date(deadlines.evaluationDueAt).toISOString(),
    },
    rounds: rounds.map((round) => ({
      key: round.key,
      dueAt: new Date(roundDue.get(round.key)!).toISOString(),
      closed: Date.now() >= roundDue.get(round.key)!,
      checkpointIds: round.checkpoints.map((checkpoint) => checkpoint.id),
    })),
    rankingsReceived: [...rankings],
    approvalRound,
    approvalOpen,
    failingUnitIds: failingUnitIds(),
    explanations: [...explanations.values()],
    explanationsAccepted: explanationsAccepted(),
    feedbackConfirmed: [...feedbackConfirmed],
    feedbackRecorded: [...feedbackRecorded],
  });

  setHandler(cycleStatusQuery, status);

  setHandler(
    advanceStageUpdate,
    async ({ actor, note }) => {
      advanceRequested = true;
      await records.audit({
        cycleId,
        actor,
        action: 'stage.advance',
        targetType: 'Cycle',
        targetId: cycleId,
        before: { stage },
        after: { note: note ?? '' },
      });
      await condition(() => !advanceRequested);
      return stage;
    },
    {
      validator: ({ actor, from }) => {
        requireRole(actor, ['OFFICE'], 'advancing a stage');
        if (from !== stage) refuse(RefusalReason.WRONG_STAGE, `the cycle is in ${stage}, not ${from}`);
        if (!MANUALLY_ADVANCEABLE.includes(stage))
          refuse(RefusalReason.WRONG_STAGE, `stage ${stage} ends on its own conditions, not by hand`);
        if (stage === 'EVALUATION' && !evaluationComplete()) {
          refuse(
            RefusalReason.CONDITIONS_NOT_MET,
            'scoring needs a leader and a department ranking for every category (Art. 13)',
          );
        }
        if (advanceRequested) refuse(RefusalReason.WRONG_STAGE, 'an advance is already under way');
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
        previous = roundDue.get(key)!;
        roundDue.set(key, newDue);
        await getExternalWorkflowHandle(checkpointRoundWorkflowId(setup.workflowId, key)).signal(
          extendRoundSignal,
          { newDueAt },
        );
      } else if (target.startsWith('EXPLANATION:')) {
        const unitId = target.slice('EXPLANATION:'.length);
        const explanation = explanations.get(unitId)!;
        previous = Date.parse(explanation.dueAt);
        explanation.dueAt = new Date(newDue).toISOString();
        await explanationChildren.get(unitId)!.signal(explanationChangedSignal, { ...explanation });
      } else {
        const field = (
          {
            SELF_CHECK: 'selfCheckDueAt',
            VERIFICATION: 'verificationDueAt',
            EVALUATION: 'evaluationDueAt',
          } as const
        )[target as 'SELF_CHECK' | 'VERIFICATION' | 'EVALUATION'];
        previous = deadlines[field];
        deadlines[field] = newDue;
      }
      await records.recordDeadlineExtension({
        cycleId,
        actor,
        target,
        previousDueAt: new Date(previous).toISOString(),
        newDueAt,
        reason,
        at: at(),
      });
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
          const due = roundDue.get(key);
          if (due === undefined) refuse(RefusalReason.NOT_FOUND, `no checkpoint round ${key}`);
          if (due <= Date.now() || stage !== 'CHECKPOINTS')
            refuse(RefusalReason.WRONG_STAGE, `checkpoint round ${key} has already closed`);
        } else if (target.startsWith('EXPLANATION:')) {
          const unitId = target.slice('EXPLANATION:'.length);
          if (
            stage !== 'FOLLOW_UP' ||
            !explanations.has(unitId) ||
            explanations.get(unitId)!.status === 'ACCEPTED'
          ) {
            refuse(RefusalReason.WRONG_STAGE, `unit ${unitId} owes no open explanation`);
          }
        } else {
          const targetStage = target as 'SELF_CHECK' | 'VERIFICATION' | 'EVALUATION';
          if (!['SELF_CHECK', 'VERIFICATION', 'EVALUATION'].includes(targetStage))
            refuse(RefusalReason.INVALID, `unknown deadline ${target}`);
          if (isStageAtOrAfter(stage, targetStage) && stage !== targetStage)
            refuse(RefusalReason.WRONG_STAGE, `${targetStage} is already over`);
        }
      },
    },
  );

  setHandler(
    submitSelfCheckUpdate,
    async (selfCheck) => {
      scoringDirty = true;
      return records.recordSelfCheck({ cycleId, input: selfCheck, at: at() });
    },
    {
      validator: (selfCheck) => {
        requireRole(selfCheck.actor, ['UNIT'], 'self-check');
        requireOwnUnit(selfCheck.actor, selfCheck.unitId);
        requireUnit(selfCheck.unitId);
        requireStage('self-check (Art. 8)', 'SELF_CHECK');
        for (const item of selfCheck.items) {
          const indicator = setup.indicators.find((candidate) => candidate.id === item.indicatorId);
          if (!indicator)
            refuse(RefusalReason.NOT_FOUND, `indicator ${item.indicatorId} is not in this cycle`);
          if (indicator.notUndertakenBy.includes(selfCheck.unitId)) {
            refuse(RefusalReason.INVALID, `unit does not undertake indicator ${item.indicatorId} (Art. 12)`);
          }
          if (item.selfFraction !== undefined && item.selfFraction !== null)
            requireFraction(`items[${item.indicatorId}].selfFraction`, item.selfFraction);
        }
      },
    },
  );

  setHandler(
    verifyCheckpointsUpdate,
    async (verification) => {
      scoringDirty = true;
      return records.recordCheckpointVerifications({ cycleId, input: verification, at: at() });
    },
    {
      validator: (verification) => {
        requireRole(
          verification.actor,
          ['OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'],
          'checkpoint verification',
        );
        requireStage(
          'checkpoint verification (Art. 8)',
          'CHECKPOINTS',
          'SELF_CHECK',
          'VERIFICATION',
          'EVALUATION',
          'SCORING',
        );
        requireRevisable('checkpoint verification');
        for (const entry of verification.entries) {
          requireUnit(entry.unitId);
          const checkpoint = setup.checkpoints.find((candidate) => candidate.id === entry.checkpointId);
          if (!checkpoint)
            refuse(RefusalReason.NOT_FOUND, `checkpoint ${entry.checkpointId} is not in this cycle`);
          const round = rounds.find((candidate) =>
            candidate.checkpoints.some((ref) => ref.id === checkpoint.id),
          )!;
          if (Date.now() < roundDue.get(round.key)! && stage === 'CHECKPOINTS') {
            refuse(RefusalReason.WRONG_STAGE, `checkpoint ${checkpoint.code} is verified after its due date`);
          }
          const indicator = setup.indicators.find((candidate) => candidate.id === checkpoint.indicatorId);
          if (indicator?.notUndertakenBy.includes(entry.unitId)) {
            refuse(
              RefusalReason.INVALID,
              `unit ${entry.unitId} does not undertake checkpoint ${checkpoint.code} (Art. 12)`,
            );
          }
          requireFraction(`entries[${checkpoint.code}/${entry.unitId}].fraction`, entry.fraction);
        }
      },
    },
  );

  setHandler(
    verifyYearEndUpdate,
    async (verification) => {
      scoringDirty = true;
      return records.recordYearEndVerifications({ cycleId, input: verification, at: at() });
    },
    {
      validator: (verification) => {
        requireRole(verification.actor, ['OFFICE', 'LEADER', 'PARTY_MEMBER'], 'year-end verification');
        requireStage('year-end verification (Art. 8)', 'VERIFICATION', 'EVALUATION', 'SCORING');
        requireRevisable('year-end verification');
        for (const entry of verification.entries) {
          requireUnit(entry.unitId);
          const indicator = setup.indicators.find((candidate) => candidate.id === entry.indicatorId);
          if (!indicator)
            refuse(RefusalReason.NOT_FOUND, `indicator ${entry.indicatorId} is not in this cycle`);
          if (indicator.notUndertakenBy.includes(entry.unitId)) {
            refuse(
              RefusalReason.INVALID,
              `unit ${entry.unitId} does not undertake indicator ${entry.indicatorId} (Art. 12)`,
            );
          }
          requireFraction(`entries[${entry.indicatorId}/${entry.unitId}].fraction`, entry.fraction);
        }
      },
    },
  );

  setHandler(
    submitRankingUpdate,
    async (ranking) => {
      const evaluatorKey = evaluatorKeyOf(ranking.actor, ranking.kind);
      await records.recordRanking({ cycleId, input: ranking, evaluatorKey, at: at() });
      rankings.add(rankingKey(ranking.kind, evaluatorKey, ranking.categoryId));
      scoringDirty = true;
    },
    {
      validator: (ranking) => {
        if (ranking.kind === 'LEADER') {
          requireRole(ranking.actor, ['LEADER', 'PARTY_MEMBER'], 'leader evaluation');
          if (!setup.voters.some((voter) => voter.userId === ranking.actor.userId))
            refuse(RefusalReason.NOT_ALLOWED, 'not a party-group member of this cycle');
        } else {
          requireRole(ranking.actor, ['DEPARTMENT'], 'department evaluation');
          if (!setup.rankingDepartments.includes(ranking.actor.departmentId ?? '')) {
            refuse(RefusalReason.NOT_ALLOWED, 'this department is not a ranking member department (Art. 22)');
          }
        }
        requireStage('ranking (Art. 13)', 'EVALUATION');
        const expected = setup.units
          .filter((unit) => unit.categoryId === ranking.categoryId)
          .map((unit) => unit.id);
        if (expected.length === 0)
          refuse(RefusalReason.NOT_FOUND, `category ${ranking.categoryId} has no units`);
        const seen = new Set<string>();
        for (const unitId of ranking.unitOrder) {
          if (seen.has(unitId))
            refuse(RefusalReason.RANKING_INCOMPLETE, `unitOrder lists unit ${unitId} twice`);
          if (!expected.includes(unitId))
            refuse(RefusalReason.RANKING_INCOMPLETE, `unitOrder: unit ${unitId} is not in this category`);
          seen.add(unitId);
        }
        const missing = expected.filter((unitId) => !seen.has(unitId));
        if (missing.length > 0)
          refuse(
            RefusalReason.RANKING_INCOMPLETE,
            `unitOrder must rank every unit of the category once; missing: ${missing.join(', ')}`,
          );
      },
    },
  );

  setHandler(
    enterThirdPartyScoresUpdate,
    async (entry) => {
      const count = await records.recordThirdPartyScores({ cycleId, input: entry, at: at() });
      for (const score of entry.scores) thirdPartyScored.add(score.unitId);
      scoringDirty = true;
      return count;
    },
    {
      validator: (entry) => {
        requireRole(entry.actor, ['THIRD_PARTY', 'OFFICE'], 'third-party scores');
        if (!setup.useThirdParty)
          refuse(RefusalReason.INVALID, 'this cycle engages no third party (Art. 9, 11)');
        requireStage('third-party evaluation (Art. 9)', 'EVALUATION', 'SCORING');
        requireRevisable('third-party scores');
        for (const score of entry.scores) {
          requireUnit(score.unitId);
          if (!(score.score >= 0 && score.score <= 100))
            refuse(RefusalReason.INVALID, `score for ${score.unitId} must be within 0-100`);
        }
      },
    },
  );

  setHandler(
    recordAdjustmentUpdate,
    async (adjustment) => {
      scoringDirty = true;
      return records.recordAdjustment({ cycleId, id: uuid4(), input: adjustment, at: at() });
    },
    {
      validator: (adjustment) => {
        requireRole(adjustment.actor, ['OFFICE'], 'commendations and criticisms (Art. 14, 15)');
        requireUnit(adjustment.unitId);
        requireStage(
          'commendations and criticisms',
          'CHECKPOINTS',
          'SELF_CHECK',
          'VERIFICATION',
          'EVALUATION',
          'SCORING',
        );
        requireRevisable('commendations and criticisms');
        if (!Number.isInteger(adjustment.count) || adjustment.count < 1)
          refuse(RefusalReason.INVALID, 'count must be a whole number of at least 1');
        if (!adjustment.note.trim())
          refuse(RefusalReason.INVALID, 'note: name the notice (文件) of the commendation or criticism');
      },
    },
  );

  setHandler(
    recordDowngradeUpdate,
    async (downgrade) => {
      scoringDirty = true;
      return records.recordDowngrade({ cycleId, id: uuid4(), input: downgrade, at: at() });
    },
    {
      validator: (downgrade) => {
        requireRole(downgrade.actor, ['OFFICE'], 'downgrade decisions (Art. 17)');
        requireUnit(downgrade.unitId);
        requireStage(
          'downgrade decisions (Art. 17)',
          'CHECKPOINTS',
          'SELF_CHECK',
          'VERIFICATION',
          'EVALUATION',
          'SCORING',
        );
        requireRevisable('downgrade decisions');
        if (downgrade.levels !== 1 && downgrade.levels !== 2)
          refuse(RefusalReason.INVALID, 'levels must be 1 or 2 (Art. 17)');
        if (!downgrade.note.trim())
          refuse(RefusalReason.INVALID, 'note: state the facts behind the downgrade');
      },
    },
  );

  setHandler(
    rescoreUpdate,
    async ({ actor }) => {
      grades = (await records.scoreCycle({ cycleId, at: at(), actor })).grades;
      scoringDirty = false;
    },
    {
      validator: ({ actor }) => {
        requireRole(actor, ['OFFICE'], 'scoring');
        requireStage('scoring (Art. 10-17)', 'SCORING');
        requireRevisable('scoring');
      },
    },
  );

  setHandler(
    editOpinionUpdate,
    async (opinion) => {
      await records.recordOpinion({ cycleId, input: opinion, at: at() });
    },
    {
      validator: (opinion) => {
        requireRole(opinion.actor, ['OFFICE'], 'evaluation opinions (Art. 10)');
        requireUnit(opinion.unitId);
        requireStage('evaluation opinions (Art. 10)', 'SCORING');
        requireRevisable('evaluation opinions');
        if (!opinion.opinion.trim()) refuse(RefusalReason.INVALID, 'opinion may not be empty');
      },
    },
  );

  setHandler(
    submitForApprovalUpdate,
    async ({ actor }) => {
      approvalRequestedBy = actor.userId;
      if (scoringDirty) {
        grades = (await records.scoreCycle({ cycleId, at: at(), actor })).grades;
        scoringDirty = false;
      }
      approvalRequested = true;
      await condition(() => approvalOpen);
      return approvalRound;
    },
    {
      validator: ({ actor }) => {
        requireRole(actor, ['OFFICE'], 'submitting results for approval (Art. 18)');
        requireStage('submitting for approval', 'SCORING');
        requireRevisable('submitting for approval');
        if (approvalRequested) refuse(RefusalReason.WRONG_STAGE, 'the results are already being submitted');
      },
    },
  );

  setHandler(
    recordFeedbackUpdate,
    async (feedback) => {
      await records.recordFeedback({ cycleId, input: feedback, at: at() });
      feedbackRecorded.add(feedback.unitId);
      if (!feedbackChildren.has(feedback.unitId)) {
        const child = await startChild(feedbackWorkflow, {
          workflowId: feedbackWorkflowId(setup.workflowId, feedback.unitId),
          args: [{ cycleId, unitId: feedback.unitId, reminderEveryDays: input.chaseEveryDays ?? 7 }],
        });
        feedbackChildren.set(
          feedback.unitId,
          child.result().then(() => feedbackConfirmed.add(feedback.unitId)),
        );
      }
    },
    {
      validator: (feedback) => {
        requireRole(feedback.actor, ['OFFICE', 'LEADER', 'PARTY_MEMBER'], 'feedback (Art. 19)');
        requireUnit(feedback.unitId);
        requireStage('feedback (Art. 19)', 'FOLLOW_UP');
        if (feedbackRecorded.has(feedback.unitId))
          refuse(RefusalReason.CLOSED, `feedback for unit ${feedback.unitId} was already recorded`);
        if (!feedback.content.trim()) refuse(RefusalReason.INVALID, 'content: the feedback may not be empty');
      },
    },
  );

  setHandler(
    recordIncentiveUpdate,
    async (incentive) => {
      await records.recordIncentive({ cycleId, input: incentive, at: at() });
    },
    {
      validator: (incentive) => {
        requireRole(incentive.actor, ['OFFICE'], 'incentives (Art. 20)');
        requireUnit(incentive.unitId);
        requireStage('incentives (Art. 20)', 'FOLLOW_UP');
        if (grades[incentive.unitId] !== 'GOOD')
          refuse(RefusalReason.INVALID, 'only units graded GOOD (好) receive incentives (Art. 20)');
        if (incentive.kind === 'RECOGNITION_AND_REWARD' && !(incentive.amount && incentive.amount > 0)) {
          refuse(
            RefusalReason.INVALID,
            'amount: a reward in lieu of subsidy (以奖代补) needs a positive amount',
          );
        }
      },
    },
  );

  setHandler(
    submitExplanationUpdate,
    async (submission) => {
      const explanation = explanations.get(submission.unitId)!;
      explanation.revision += 1;
      explanation.late = explanation.late || Date.now() > Date.parse(explanation.dueAt);
      explanation.status = 'SUBMITTED';
      const revision = explanation.revision;
      await explanationChildren.get(submission.unitId)!.signal(explanationChangedSignal, { ...explanation });
      await records.recordExplanationSubmission({
        cycleId,
        unitId: submission.unitId,
        input: submission,
        revision,
        late: explanation.late,
        at: at(),
      });
      return { ...explanation };
    },
    {
      validator: (submission) => {
        requireRole(submission.actor, ['UNIT'], 'written explanation (Art. 21)');
        requireOwnUnit(submission.actor, submission.unitId);
        const explanation = requireOwedExplanation(submission.unitId);
        if (explanation.status === 'SUBMITTED')
          refuse(RefusalReason.WRONG_STAGE, 'the explanation is awaiting the office’s review');
        if (explanation.status === 'ACCEPTED')
          refuse(RefusalReason.CLOSED, 'the explanation was already accepted');
        if (!submission.content?.trim())
          refuse(RefusalReason.INVALID, 'content: the explanation may not be empty');
      },
    },
  );

  setHandler(
    reviewExplanationUpdate,
    async (review) => {
      const explanation = explanations.get(review.unitId)!;
      if (review.decision === 'ACCEPT') {
        explanation.status = 'ACCEPTED';
      } else {
        // Returned for revision (Art. 21): a fresh deadline of the same length.
        explanation.status = 'RETURNED';
        explanation.dueAt = new Date(
          explanationDueAt(Date.now(), setup.schedule.explanationDays),
        ).toISOString();
      }
      const revision = explanation.revision;
      await explanationChildren.get(review.unitId)!.signal(explanationChangedSignal, { ...explanation });
      await records.recordExplanationReview({
        cycleId,
        unitId: review.unitId,
        input: review,
        newDueAt: explanation.dueAt,
        at: at(),
      });
      await notices.sendNotices({
        cycleId,
        event: review.decision === 'ACCEPT' ? 'EXPLANATION_ACCEPTED' : 'EXPLANATION_RETURNED',
        at: at(),
        params: { unitId: review.unitId, revision },
      });
      return { ...explanation };
    },
    {
      validator: (review) => {
        requireRole(review.actor, ['OFFICE'], 'explanation review (Art. 21)');
        const explanation = requireOwedExplanation(review.unitId);
        if (explanation.status !== 'SUBMITTED')
          refuse(RefusalReason.WRONG_STAGE, `nothing to review: the explanation is ${explanation.status}`);
        if (review.decision !== 'ACCEPT' && review.decision !== 'RETURN')
          refuse(RefusalReason.INVALID, 'decision must be ACCEPT or RETURN');
        if (review.decision === 'RETURN' && !review.comment?.trim())
          refuse(RefusalReason.INVALID, 'comment: say what must be revised');
      },
    },
  );

  async function enter(next: CycleStage, manual = false, note?: string): Promise<void> {
    stage = next;
    await records.enterStage({ cycleId, stage: next, at: at(), manual, note });
  }

  /** Waits for a deadline or the office's "advance"; returns how the stage ended. */
  async function holdStage(deadline: () => number, done: () => boolean = () => false): Promise<boolean> {
    const ended = await waitUntil(deadline, () => advanceRequested || done());
    const manual = advanceRequested && ended === 'done';
    return manual;
  }
  const acknowledgeAdvance = () => (advanceRequested = false);

  // ----- 1. Target setting (Art. 5, 8): publication sends every unit its own targets -----
  await enter('TARGET_SETTING');
  await notices.sendNotices({ cycleId, event: 'TARGETS_PUBLISHED', at: at() });

  // ----- 2. Checkpoints (Art. 8): the rounds run first, so the stage never shows before they accept evidence -----
  const roundHandles: ChildWorkflowHandle<typeof checkpointRoundWorkflow>[] = [];
  for (const round of rounds) {
    roundHandles.push(
      await startChild(checkpointRoundWorkflow, {
        workflowId: checkpointRoundWorkflowId(setup.workflowId, round.key),
        args: [
          {
            cycleId,
            roundKey: round.key,
            dueAt: round.dueAt,
            reminderLeadDays: setup.schedule.reminderLeadDays,
            checkpoints: round.checkpoints.map((ref) => ({
              id: ref.id,
              code: ref.code,
              notUndertakenBy: setup.indicators.find(
                (indicator) => indicator.id === setup.checkpoints.find((c) => c.id === ref.id)!.indicatorId,
              )!.notUndertakenBy,
            })),
            unitIds,
          },
        ],
      }),
    );
  }
  await enter('CHECKPOINTS');
  const lastRoundDue = () => Math.max(deadlines.selfCheckOpensAt, ...roundDue.values());
  let manual = await holdStage(lastRoundDue);
  if (manual) await Promise.all(roundHandles.map((handle) => handle.signal(closeRoundNowSignal)));

  // ----- 3. Year-end self-check (Art. 8) -----
  await enter('SELF_CHECK', manual);
  acknowledgeAdvance();
  await notices.sendNotices({ cycleId, event: 'SELF_CHECK_OPENED', at: at() });
  const selfCheckReminder = () =>
    deadlines.selfCheckDueAt - setup.schedule.reminderLeadDays * 24 * 3600 * 1000;
  manual = await holdStage(selfCheckReminder);
  if (!manual) {
    await notices.sendNotices({ cycleId, event: 'SELF_CHECK_CLOSING', at: at() });
    manual = await holdStage(() => deadlines.selfCheckDueAt);
  }

  // ----- 4. Verification (Art. 8: 察访核验); late checkpoint submissions end here -----
  await enter('VERIFICATION', manual);
  acknowledgeAdvance();
  await Promise.all(roundHandles.map((handle) => handle.signal(endRoundSignal)));
  manual = await holdStage(() => deadlines.verificationDueAt);

  // ----- 5. Comprehensive evaluation (Art. 9, 13) -----
  await enter('EVALUATION', manual);
  acknowledgeAdvance();
  await notices.sendNotices({ cycleId, event: 'RANKING_REQUEST', at: at(), params: { reminder: 0 } });
  manual = await holdStage(() => deadlines.evaluationDueAt, everyoneRanked);
  let rankingReminder = 0;
  while (!manual && !evaluationComplete()) {
    // Past the deadline without the minimum: chase the missing evaluators weekly.
    rankingReminder += 1;
    await notices.sendNotices({
      cycleId,
      event: 'RANKING_REQUEST',
      at: at(),
      params: { reminder: rankingReminder },
    });
    manual = await holdStage(
      () => Date.now() + (input.chaseEveryDays ?? 7) * 24 * 3600 * 1000,
      evaluationComplete,
    );
  }

  // ----- 6-8. Scoring and party-group approval (Art. 10-18); a rejection returns to scoring -----
  await enter('SCORING', manual);
  acknowledgeAdvance();
  grades = (await records.scoreCycle({ cycleId, at: at() })).grades;
  scoringDirty = false;
  while (!approved) {
    await condition(() => approvalRequested);
    approvalRound += 1;
    await records.openApprovalRound({
      cycleId,
      round: approvalRound,
      actorId: approvalRequestedBy,
      at: at(),
    });
    const round = await startChild(approvalRoundWorkflow, {
      workflowId: approvalRoundWorkflowId(setup.workflowId, approvalRound),
      args: [{ cycleId, round: approvalRound, voters: setup.voters, rule }],
    });
    approvalOpen = true;
    await enter('APPROVAL');
    const { outcome } = await round.result();
    approvalOpen = false;
    approvalRequested = false;
    if (outcome === 'APPROVED') approved = true;
    else await enter('SCORING', false, `round ${approvalRound} rejected`);
  }

  // ----- 9. Notification (Art. 18): each unit and its same-level party committee -----
  await enter('NOTIFICATION');
  await notices.sendNotices({ cycleId, event: 'RESULT_NOTICE', at: at() });

  // ----- 10-12. Feedback (Art. 19), incentives (Art. 20), failing units' explanations (Art. 21) -----
  await enter('FOLLOW_UP');
  await records.recordDefaultIncentives({ cycleId, at: at() });
  await notices.sendNotices({ cycleId, event: 'INCENTIVE_NOTICE', at: at() });
  for (const unitId of failingUnitIds()) {
    const dueAt = new Date(explanationDueAt(Date.now(), setup.schedule.explanationDays)).toISOString();
    await records.openExplanation({ cycleId, unitId, dueAt });
    explanationChildren.set(
      unitId,
      await startChild(explanationWorkflow, {
        workflowId: explanationWorkflowId(setup.workflowId, unitId),
        args: [
          {
            cycleId,
            unitId,
            dueAt,
            reminderDaysBefore: input.explanationReminderDays ?? [3, 1],
            escalationEveryDays: input.chaseEveryDays ?? 7,
          },
        ],
      }),
    );
    // Registered only now, so a submission can never reach a child that does not exist yet.
    explanations.set(unitId, { unitId, dueAt, status: 'PENDING', revision: 0, late: false });
  }
  await condition(followUpDone);
  // The children end on their own once told "accepted" / "confirmed"; wait so none is cut short.
  await Promise.all([...explanationChildren.values()].map((child) => child.result()));
  await Promise.all(feedbackChildren.values());

  // ----- 13. Close: results become immutable -----
  await records.closeCycle({ cycleId, at: at() });
  await enter('CLOSED');
  await condition(allHandlersFinished);
}

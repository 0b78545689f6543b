// The annual cycle's contract: workflow ids, updates, signals and queries, imported by the API,
// the worker and the tests alike, so nothing talks to the workflows except through these definitions.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CycleStage } from '../domain/cycle/stages';
import type { ApprovalRule, VoteDecision } from '../domain/cycle/approvalRule';

export type Role = 'ADMIN' | 'OFFICE' | 'LEADER' | 'PARTY_MEMBER' | 'DEPARTMENT' | 'UNIT' | 'THIRD_PARTY';

/** Who acts. The API authenticates; the workflow re-checks what the stage allows for this actor. */
export interface Actor {
  userId: string;
  role: Role;
  unitId?: string | null;
  departmentId?: string | null;
}

/** Reasons a workflow refuses an action; the API maps them to 409/403/400. */
export { RefusalReason } from '../domain/cycle/refusalReason';

export const cycleWorkflowId = (year: number) => `cycle-${year}`;

/** What the API starts a year's annual-cycle workflow with. */
export interface AnnualCycleInput {
  cycleId: string;
  approvalRule?: ApprovalRule;
  /** Explanation reminders before the deadline (Art. 21), days. */
  explanationReminderDays?: number[];
  /** Overdue explanations and unconfirmed feedback are chased this often, days. */
  chaseEveryDays?: number;
}
export const checkpointRoundWorkflowId = (cycleWorkflowId: string, roundKey: string) =>
  `${cycleWorkflowId}/checkpoints/${roundKey}`;
export const approvalRoundWorkflowId = (cycleWorkflowId: string, round: number) =>
  `${cycleWorkflowId}/approval/${round}`;
export const explanationWorkflowId = (cycleWorkflowId: string, unitId: string) =>
  `${cycleWorkflowId}/explanation/${unitId}`;
export const feedbackWorkflowId = (cycleWorkflowId: string, unitId: string) =>
  `${cycleWorkflowId}/feedback/${unitId}`;

export interface EvidenceRef {
  /** An EvidenceFile row already written by the API (file stored, hashed, type checked). */
  evidenceId: string;
}

// ----- main workflow -----

export interface CycleStatus {
  cycleId: string;
  year: number;
  stage: CycleStage;
  deadlines: { selfCheckDueAt: string; verificationDueAt: string; evaluationDueAt: string };
  rounds: { key: string; dueAt: string; closed: boolean; checkpointIds: string[] }[];
  rankingsReceived: string[]; // `${kind}:${evaluatorKey}:${categoryId}`
  approvalRound: number;
  approvalOpen: boolean;
  failingUnitIds: string[];
  explanations: ExplanationStatus[];
  explanationsAccepted: string[];
  feedbackConfirmed: string[];
  feedbackRecorded: string[];
}

export interface AdvanceStageInput {
  actor: Actor;
  from: CycleStage; // guards against advancing twice from a stale page
  note?: string;
}
export interface ExtendDeadlineInput {
  actor: Actor;
  target:
    'SELF_CHECK' | 'VERIFICATION' | 'EVALUATION' | `CHECKPOINT_ROUND:${string}` | `EXPLANATION:${string}`;
  newDueAt: string;
  reason: string;
}
export interface SelfCheckInput {
  actor: Actor;
  unitId: string;
  items: { indicatorId: string; selfFraction?: number | null; text: string; evidence?: EvidenceRef[] }[];
}
export interface CheckpointVerificationInput {
  actor: Actor;
  entries: {
    checkpointId: string;
    unitId: string;
    fraction: number;
    method: 'DOCUMENT_REVIEW' | 'ON_SITE';
    note?: string;
  }[];
}
export interface YearEndVerificationInput {
  actor: Actor;
  entries: {
    indicatorId: string;
    unitId: string;
    fraction: number;
    method: 'DOCUMENT_REVIEW' | 'ON_SITE';
    note?: string;
  }[];
}
export interface RankingInput {
  actor: Actor;
  kind: 'LEADER' | 'DEPARTMENT';
  categoryId: string;
  unitOrder: string[];
}
export interface ThirdPartyScoresInput {
  actor: Actor;
  scores: { unitId: string; score: number }[];
}
export interface AdjustmentInput {
  actor: Actor;
  unitId: string;
  kind: 'COMMENDATION_MAJOR' | 'COMMENDATION_MINOR' | 'CRITICISM_MAJOR' | 'CRITICISM_MINOR';
  count: number;
  issuedBy: string;
  issuedOn?: string | null;
  note: string;
  evidence?: EvidenceRef[];
}
export interface DowngradeInput {
  actor: Actor;
  unitId: string;
  levels: 1 | 2;
  reason: 'CADRE_SELECTION' | 'PARTY_DISCIPLINE' | 'MAJOR_ERROR' | 'FALSIFICATION' | 'LEADERSHIP_SANCTIONED';
  note: string;
}
export interface OpinionInput {
  actor: Actor;
  unitId: string;
  opinion: string;
}
export interface FeedbackInput {
  actor: Actor;
  unitId: string;
  content: string;
}
export interface IncentiveInput {
  actor: Actor;
  unitId: string;
  kind: 'RECOGNITION' | 'RECOGNITION_AND_REWARD';
  amount?: number | null;
  note?: string;
}

export const cycleStatusQuery = defineQuery<CycleStatus>('cycleStatus');
export const advanceStageUpdate = defineUpdate<CycleStage, [AdvanceStageInput]>('advanceStage');
export const extendDeadlineUpdate = defineUpdate<string, [ExtendDeadlineInput]>('extendDeadline');
export const submitSelfCheckUpdate = defineUpdate<number, [SelfCheckInput]>('submitSelfCheck');
export const verifyCheckpointsUpdate = defineUpdate<number, [CheckpointVerificationInput]>(
  'verifyCheckpoints',
);
export const verifyYearEndUpdate = defineUpdate<number, [YearEndVerificationInput]>('verifyYearEnd');
export const submitRankingUpdate = defineUpdate<void, [RankingInput]>('submitRanking');
export const enterThirdPartyScoresUpdate = defineUpdate<number, [ThirdPartyScoresInput]>(
  'enterThirdPartyScores',
);
export const recordAdjustmentUpdate = defineUpdate<string, [AdjustmentInput]>('recordAdjustment');
export const recordDowngradeUpdate = defineUpdate<string, [DowngradeInput]>('recordDowngrade');
export const rescoreUpdate = defineUpdate<void, [{ actor: Actor }]>('rescore');
export const editOpinionUpdate = defineUpdate<void, [OpinionInput]>('editOpinion');
export const submitForApprovalUpdate = defineUpdate<number, [{ actor: Actor }]>('submitForApproval');
export const recordFeedbackUpdate = defineUpdate<void, [FeedbackInput]>('recordFeedback');
export const recordIncentiveUpdate = defineUpdate<void, [IncentiveInput]>('recordIncentive');

// ----- checkpoint round child -----

export interface CheckpointSubmissionInput {
  actor: Actor;
  unitId: string;
  checkpointId: string;
  text: string;
  evidence?: EvidenceRef[];
}
export interface RoundStatus {
  key: string;
  dueAt: string;
  closed: boolean;
}
export const submitCheckpointUpdate = defineUpdate<
  { submissionId: string; late: boolean },
  [CheckpointSubmissionInput]
>('submitCheckpoint');
export const roundStatusQuery = defineQuery<RoundStatus>('roundStatus');
export const extendRoundSignal = defineSignal<[{ newDueAt: string }]>('extendRound');
export const closeRoundNowSignal = defineSignal('closeRoundNow');
/** The cycle moved past the checkpoints: late submissions are no longer accepted. */
export const endRoundSignal = defineSignal('endRound');

// ----- approval round child (Art. 18) -----

export interface VoteInput {
  actor: Actor;
  decision: VoteDecision;
  comment?: string;
}
export interface ApprovalRoundStatus {
  round: number;
  outcome: 'APPROVED' | 'REJECTED' | 'PENDING';
  voted: string[];
}
export const castVoteUpdate = defineUpdate<ApprovalRoundStatus['outcome'], [VoteInput]>('castVote');
export const approvalRoundStatusQuery = defineQuery<ApprovalRoundStatus>('approvalRoundStatus');

// ----- failing units' explanations (Art. 21) -----
// Submissions and reviews go to the annual-cycle workflow (so a unit that did not fail is refused by a
// validator that knows the grades); each failing unit's explanation child keeps the deadline's timers.

export interface ExplanationSubmitInput {
  actor: Actor;
  unitId: string;
  content: string;
  evidence?: EvidenceRef[];
}
export interface ExplanationReviewInput {
  actor: Actor;
  unitId: string;
  decision: 'ACCEPT' | 'RETURN';
  comment?: string;
}
export interface ExplanationStatus {
  unitId: string;
  dueAt: string;
  status: 'PENDING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
  revision: number;
  /** Sticky: once the unit missed a deadline the explanation stays flagged late. */
  late: boolean;
}
export const submitExplanationUpdate = defineUpdate<ExplanationStatus, [ExplanationSubmitInput]>(
  'submitExplanation',
);
export const reviewExplanationUpdate = defineUpdate<ExplanationStatus, [ExplanationReviewInput]>(
  'reviewExplanation',
);
/** The explanation child's view: the cycle's current state of the explanation, and its escalations so far. */
export const explanationStatusQuery = defineQuery<ExplanationStatus & { escalations: number }>(
  'explanationStatus',
);
/** Parent → child: the explanation changed (submitted, returned with a new deadline, accepted, deadline extended). */
export const explanationChangedSignal = defineSignal<[ExplanationChange]>('explanationChanged');

// ----- feedback child (Art. 19) -----

export const confirmFeedbackUpdate = defineUpdate<void, [{ actor: Actor; note?: string }]>('confirmFeedback');

// ----- facts written by the API (engine 2, README "Volume") -----
// The API writes human facts to PostgreSQL itself and tells a workflow only what its control flow needs.

/** API → cycle: the evaluation reached its minimum (Art. 13) or every ranker has ranked. Sent once per change. */
export const evaluationProgressedSignal =
  defineSignal<[{ minimumMet: boolean; everyoneRanked: boolean }]>('evaluationProgressed');
/** API → cycle: the follow-up may be done (every explanation accepted, every feedback confirmed). */
export const followUpProgressedSignal = defineSignal('followUpProgressed');
/** API → a unit's feedback workflow: the principal leader confirmed (Art. 19). */
export const feedbackConfirmedSignal = defineSignal('feedbackConfirmed');
/**
 * API → a failing unit's explanation workflow, with the notice the change calls for (accepted or
 * returned, Art. 21); explanationChangedSignal without it is the legacy parent's message.
 */
export interface ExplanationChange extends ExplanationStatus {
  notify?: 'EXPLANATION_ACCEPTED' | 'EXPLANATION_RETURNED';
}

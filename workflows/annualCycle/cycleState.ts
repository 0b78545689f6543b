// What the annual cycle's workflow holds in memory: the setup read at publication, the stage, the
// deadlines (moved by the office's extensions), the checkpoint rounds, approval and evaluation state.
// Human facts (submissions, verifications, rankings, feedback…) live in PostgreSQL, not here.
import type { CycleSetup } from '../../activities/cycleSetup';
import type { ApprovalRule } from '../../domain/cycle/approvalRule';
import { groupCheckpointRounds, type CheckpointRound } from '../../domain/cycle/checkpointRounds';
import type { CycleStage } from '../../domain/cycle/stages';
import type { Grade } from '../../domain/scoring/scoringOutput';
import type { AnnualCycleInput, CycleStatus } from '../contract';

export interface CycleState {
  input: AnnualCycleInput;
  setup: CycleSetup;
  cycleId: string;
  rule: ApprovalRule;
  stage: CycleStage;
  deadlines: {
    selfCheckOpensAt: number;
    selfCheckDueAt: number;
    verificationDueAt: number;
    evaluationDueAt: number;
  };
  rounds: CheckpointRound[];
  roundDue: Map<string, number>;
  /** Rounds whose close (at the due date or by hand) is published. */
  roundsClosed: Set<string>;
  /** The office left the checkpoint stage by hand: every open round closes now. */
  closeRoundsNow: boolean;
  advanceRequested: boolean;
  approvalRound: number;
  approvalOpen: boolean;
  approvalRequested: boolean;
  approvalRequestedBy: string;
  approved: boolean;
  grades: Record<string, Grade>;
  /** From the API's signals and the workflow's own checks of PostgreSQL (Art. 13). */
  evaluation: { minimumMet: boolean; everyoneRanked: boolean };
  /** The API said the follow-up may be done: check now rather than at the next daily look. */
  followUpNudged: boolean;
}

export function newCycleState(input: AnnualCycleInput, setup: CycleSetup, rule: ApprovalRule): CycleState {
  const rounds = groupCheckpointRounds(setup.checkpoints);
  return {
    input,
    setup,
    cycleId: setup.cycleId,
    rule,
    stage: 'TARGET_SETTING',
    deadlines: {
      selfCheckOpensAt: Date.parse(setup.schedule.selfCheckOpensAt),
      selfCheckDueAt: Date.parse(setup.schedule.selfCheckDueAt),
      verificationDueAt: Date.parse(setup.schedule.verificationDueAt),
      evaluationDueAt: Date.parse(setup.schedule.evaluationDueAt),
    },
    rounds,
    roundDue: new Map(rounds.map((round) => [round.key, Date.parse(round.dueAt)])),
    roundsClosed: new Set(),
    closeRoundsNow: false,
    advanceRequested: false,
    approvalRound: 0,
    approvalOpen: false,
    approvalRequested: false,
    approvalRequestedBy: '',
    approved: false,
    grades: {},
    evaluation: { minimumMet: false, everyoneRanked: false },
    followUpNudged: false,
  };
}

export const failingUnitIds = (state: CycleState) =>
  state.setup.units.map((unit) => unit.id).filter((id) => state.grades[id] === 'FAIL');

const iso = (at: number) => new Date(at).toISOString();

/** The cycle status query: what the workflow knows; the API adds the facts from PostgreSQL. */
export function cycleStatus(state: CycleState): CycleStatus {
  return {
    cycleId: state.cycleId,
    year: state.setup.year,
    stage: state.stage,
    deadlines: {
      selfCheckDueAt: iso(state.deadlines.selfCheckDueAt),
      verificationDueAt: iso(state.deadlines.verificationDueAt),
      evaluationDueAt: iso(state.deadlines.evaluationDueAt),
    },
    rounds: state.rounds.map((round) => ({
      key: round.key,
      dueAt: iso(state.roundDue.get(round.key)!),
      closed: state.roundsClosed.has(round.key),
      checkpointIds: round.checkpoints.map((checkpoint) => checkpoint.id),
    })),
    rankingsReceived: [],
    approvalRound: state.approvalRound,
    approvalOpen: state.approvalOpen,
    failingUnitIds: failingUnitIds(state),
    explanations: [],
    explanationsAccepted: [],
    feedbackConfirmed: [],
    feedbackRecorded: [],
  };
}

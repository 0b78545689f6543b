// The annual cycle of SPEC §2, one workflow per year (Art. 8-21). It is the source of truth for which
// stage is open, for every deadline and timer; it publishes the gates (stage, round closes, approval
// freeze) to PostgreSQL, where the API checks every human fact against them (facts/, README "Volume").
//
// A cycle runs for a year, so this code must replay the histories of running cycles: a change that
// alters the commands it issues goes behind patched('<change-id>') (README, "Deploying new code to a
// running cycle"), and tests/workflows/replay.test.ts replays recorded histories.
import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { cycleStatusQuery, type AnnualCycleInput, type CycleStatus } from './contract';
import { records } from './activityProxies';
import { defaultApprovalRule } from '../domain/cycle/approvalRule';
import { annualCycleV1 } from './legacy/annualCycleV1';
import { newCycleState } from './annualCycle/cycleState';
import { registerOfficeHandlers } from './annualCycle/officeHandlers';
import {
  closeCycle,
  followUp,
  notifyResults,
  publishTargets,
  runCheckpoints,
  runEvaluation,
  runSelfCheck,
  runVerification,
  scoreAndApprove,
} from './annualCycle/stages';

export type { AnnualCycleInput } from './contract';

/** Human facts moved to PostgreSQL (engine 2); cycles started before run annualCycleV1 to the end. */
export const FACTS_IN_POSTGRES = 'facts-in-postgres';

export async function annualCycleWorkflow(input: AnnualCycleInput): Promise<void> {
  if (!patched(FACTS_IN_POSTGRES)) return annualCycleV1(input);

  // Answer status queries while the setup loads (the API asks right after publication).
  setHandler(cycleStatusQuery, () => loadingStatus(input.cycleId));
  const setup = await records.loadCycleSetup(input.cycleId, { engine: 2 });
  const state = newCycleState(input, setup, input.approvalRule ?? defaultApprovalRule);
  registerOfficeHandlers(state);

  await publishTargets(state);
  let manual = await runCheckpoints(state);
  manual = await runSelfCheck(state, manual);
  manual = await runVerification(state, manual);
  manual = await runEvaluation(state, manual);
  await scoreAndApprove(state, manual);
  await notifyResults(state);
  await followUp(state);
  await closeCycle(state);
  await condition(allHandlersFinished);
}

function loadingStatus(cycleId: string): CycleStatus {
  return {
    cycleId,
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
  };
}

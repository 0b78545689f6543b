// What "进入下一阶段" would do now (issue 13; Art. 8: 节点、自查、核验、评价 may end early when all is in):
// whether the office may advance by hand, and if so which checkpoint rounds close at once, how many units
// have not handed in, and which notices go out. A plain function of the cycle's facts; the API reads them.
import { MANUALLY_ADVANCEABLE, nextStage, type CycleStage } from './stages';

export interface AdvanceFacts {
  stage: CycleStage;
  published: boolean;
  /** Checkpoint rounds: closed ones are left alone; `pending` units have not submitted yet. */
  rounds: { key: string; dueAt: string; closed: boolean; pending: number }[];
  unitCount: number;
  selfCheckUnits: number;
  verifiedUnits: number;
  /** Art. 13: a leader and a department ranking for every category (and the third party, if engaged). */
  evaluationMinimumMet: boolean;
  /** Evaluators (by name) who have not ranked every category yet. */
  evaluatorsMissing: string[];
  /** The schedule date at which the current stage ends on its own, when it has one. */
  endsAt: string | null;
}

export type AdvanceRefusal = 'NOT_PUBLISHED' | 'OWN_CONDITIONS' | 'MINIMUM_NOT_MET' | 'CLOSED';

export interface AdvancePreview {
  stage: CycleStage;
  next: CycleStage;
  allowed: boolean;
  reason: AdvanceRefusal | null;
  /** When the stage ends without the office (its deadline), for the reason line. */
  endsAt: string | null;
  /** Rounds still open that close now; each of their `pending` units becomes 未提交 (MISSING). */
  closesRounds: { key: string; number: number; dueAt: string; pending: number }[];
  /** Units that have not handed in what the closing stage asks (self-check, or are not yet verified). */
  unitsOutstanding: number;
  unitCount: number;
  evaluatorsMissing: string[];
  /** Notice events (mail/noticeEvents.ts) the advance sends, in order. */
  notices: string[];
}

/** The notices the workflow sends when it leaves `stage` by hand (workflows/annualCycle/stages.ts). */
const NOTICES_ON_LEAVING: Partial<Record<CycleStage, string[]>> = {
  CHECKPOINTS: ['CHECKPOINT_OVERDUE', 'SELF_CHECK_OPENED'],
  SELF_CHECK: [],
  VERIFICATION: ['RANKING_REQUEST'],
  EVALUATION: [],
};

export function advancePreview(facts: AdvanceFacts): AdvancePreview {
  const { stage } = facts;
  const base = {
    stage,
    next: nextStage(stage),
    endsAt: facts.endsAt,
    closesRounds: [] as AdvancePreview['closesRounds'],
    unitsOutstanding: 0,
    unitCount: facts.unitCount,
    evaluatorsMissing: [] as string[],
    notices: [] as string[],
  };
  let reason: AdvanceRefusal | null = null;
  if (stage === 'CLOSED') reason = 'CLOSED';
  else if (!facts.published) reason = 'NOT_PUBLISHED';
  else if (!MANUALLY_ADVANCEABLE.includes(stage)) reason = 'OWN_CONDITIONS';
  else if (stage === 'EVALUATION' && !facts.evaluationMinimumMet) reason = 'MINIMUM_NOT_MET';
  if (stage === 'EVALUATION') base.evaluatorsMissing = facts.evaluatorsMissing;
  if (reason) return { ...base, allowed: false, reason };

  // Numbered as the dashboard numbers them (第 1 轮 = the earliest round), closed ones included.
  const closesRounds = facts.rounds
    .map(({ key, dueAt, pending, closed }, index) => ({ key, number: index + 1, dueAt, pending, closed }))
    .filter((round) => !round.closed)
    .map(({ key, number, dueAt, pending }) => ({ key, number, dueAt, pending }));
  const notices = [...(NOTICES_ON_LEAVING[stage] ?? [])].filter(
    // An overdue notice goes out only for a round that closes now with someone missing.
    (event) => event !== 'CHECKPOINT_OVERDUE' || closesRounds.some((round) => round.pending > 0),
  );
  const unitsOutstanding =
    stage === 'CHECKPOINTS'
      ? Math.max(0, ...closesRounds.map((round) => round.pending))
      : stage === 'SELF_CHECK'
        ? facts.unitCount - facts.selfCheckUnits
        : stage === 'VERIFICATION'
          ? facts.unitCount - facts.verifiedUnits
          : 0;
  return { ...base, allowed: true, reason: null, closesRounds, unitsOutstanding, notices };
}

// What a signed-in person must do now (待办, issue 14), decided from plain facts without I/O: the
// items of each role (SPEC §1) in the stages whose windows are open (domain/cycle/actionWindows.ts,
// the one definition), each with its deadline, the time left from a given `now`, whether it is
// overdue, and the page that does it. The API reads the facts from PostgreSQL (api/todo/).
import { isActionOpen } from '../cycle/actionWindows';
import type { CycleStage } from '../cycle/stages';

export type TodoKind =
  /** Art. 8: a unit's missing evidence for a checkpoint round (late ones are kept and flagged). */
  | 'CHECKPOINT_EVIDENCE'
  /** Art. 8: the year-end self-check, indicators still without one. */
  | 'SELF_CHECK'
  /** Art. 19: the principal leader confirms the feedback was passed on to the staff. */
  | 'FEEDBACK_CONFIRMATION'
  /** Art. 21: a failing unit's written explanation, due or returned for revision. */
  | 'EXPLANATION_DUE'
  | 'EXPLANATION_RETURNED'
  /** Art. 13: a party-group member's or a department's rankings still missing, per category. */
  | 'RANKING'
  /** Art. 18: an open approval round this member has not voted in. */
  | 'VOTE'
  /** Art. 9, 11: the third party's scores still missing. */
  | 'THIRD_PARTY_SCORES'
  /** Art. 8: the office's verification queue (checkpoint evidence, year-end results). */
  | 'CHECKPOINT_VERIFICATION'
  | 'YEAR_END_VERIFICATION'
  /** Art. 21: submitted explanations waiting for the office's review. */
  | 'EXPLANATION_REVIEW'
  /** Notices that could not be sent (Art. 18, 21), for the office to resend. */
  | 'FAILED_NOTICE';

/** The page that does an item: the web's menu keys (web/src/logic/roleMenu.ts PageKey). */
export type TodoPage =
  | 'myTargets'
  | 'selfCheck'
  | 'myFollowUp'
  | 'ranking'
  | 'approval'
  | 'thirdParty'
  | 'verification'
  | 'followUp'
  | 'notifications';

export interface TodoItem {
  kind: TodoKind;
  cycleYear: number;
  /** What the item is about, by name: checkpoints, indicators, categories, units, recipients. */
  targets: string[];
  /** How many things are to do (badges add these up). */
  count: number;
  /** The approval round number, for VOTE. */
  round?: number;
  dueAt: string | null;
  /** Milliseconds left until dueAt (negative once overdue), from the given `now`. */
  msLeft: number | null;
  overdue: boolean;
  page: TodoPage;
}

export interface TodoCycle {
  year: number;
  stage: CycleStage;
  selfCheckDueAt: number;
  verificationDueAt: number;
  evaluationDueAt: number;
}

export interface UnitTodoFacts {
  cycle: TodoCycle;
  /** Each checkpoint round with the names of the checkpoints the unit undertakes and has not submitted. */
  rounds: { dueAt: number; missing: string[] }[];
  /** Names of the indicators the unit undertakes without a self-check. */
  selfCheckMissing: string[];
  /** Feedback was recorded for the unit and not yet confirmed (Art. 19). */
  feedbackToConfirm: boolean;
  explanation: { status: 'PENDING' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED'; dueAt: number } | null;
}

export interface RankerTodoFacts {
  cycle: TodoCycle;
  /** Names of the categories this member or department has not ranked yet. */
  unrankedCategories: string[];
}

export interface VoterTodoFacts {
  cycle: TodoCycle;
  /** The open approval round this member has not voted in, if any. */
  openRoundWithoutVote: number | null;
}

export interface ThirdPartyTodoFacts {
  cycle: TodoCycle;
  useThirdParty: boolean;
  unscoredUnits: string[];
}

export interface OfficeTodoFacts {
  cycle: TodoCycle;
  /** Units with checkpoint evidence not yet verified, and how many submissions wait. */
  checkpointQueue: { units: string[]; count: number };
  /** Units with undertaken indicators not yet verified at year end, and how many pairs wait. */
  yearEndQueue: { units: string[]; count: number };
  /** Units whose submitted explanation waits for review. */
  explanationsToReview: string[];
  /** Recipients of the notices that failed (the first ones), and how many failed. */
  failedNotices: { recipients: string[]; count: number };
}

function item(
  now: number,
  fields: Omit<TodoItem, 'dueAt' | 'msLeft' | 'overdue'> & { dueAt: number | null },
): TodoItem {
  const { dueAt, ...rest } = fields;
  return {
    ...rest,
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    msLeft: dueAt === null ? null : dueAt - now,
    overdue: dueAt !== null && now > dueAt,
  };
}

export function unitTodo(facts: UnitTodoFacts, now: number): TodoItem[] {
  const { cycle } = facts;
  const items: TodoItem[] = [];
  if (isActionOpen('checkpointSubmission', cycle.stage))
    for (const round of facts.rounds)
      if (round.missing.length > 0)
        items.push(
          item(now, {
            kind: 'CHECKPOINT_EVIDENCE',
            cycleYear: cycle.year,
            targets: round.missing,
            count: round.missing.length,
            dueAt: round.dueAt,
            page: 'myTargets',
          }),
        );
  if (isActionOpen('selfCheck', cycle.stage) && facts.selfCheckMissing.length > 0)
    items.push(
      item(now, {
        kind: 'SELF_CHECK',
        cycleYear: cycle.year,
        targets: facts.selfCheckMissing,
        count: facts.selfCheckMissing.length,
        dueAt: cycle.selfCheckDueAt,
        page: 'selfCheck',
      }),
    );
  if (isActionOpen('feedback', cycle.stage) && facts.feedbackToConfirm)
    items.push(
      item(now, {
        kind: 'FEEDBACK_CONFIRMATION',
        cycleYear: cycle.year,
        targets: [],
        count: 1,
        dueAt: null,
        page: 'myFollowUp',
      }),
    );
  const explanation = facts.explanation;
  if (
    isActionOpen('explanation', cycle.stage) &&
    explanation &&
    (explanation.status === 'PENDING' || explanation.status === 'RETURNED')
  )
    items.push(
      item(now, {
        kind: explanation.status === 'PENDING' ? 'EXPLANATION_DUE' : 'EXPLANATION_RETURNED',
        cycleYear: cycle.year,
        targets: [],
        count: 1,
        dueAt: explanation.dueAt,
        page: 'myFollowUp',
      }),
    );
  return items;
}

export function rankerTodo(facts: RankerTodoFacts, now: number): TodoItem[] {
  if (!isActionOpen('ranking', facts.cycle.stage) || facts.unrankedCategories.length === 0) return [];
  return [
    item(now, {
      kind: 'RANKING',
      cycleYear: facts.cycle.year,
      targets: facts.unrankedCategories,
      count: facts.unrankedCategories.length,
      dueAt: facts.cycle.evaluationDueAt,
      page: 'ranking',
    }),
  ];
}

/** Art. 18: a vote has no deadline of its own; the round stays open until the rule decides it. */
export function voterTodo(facts: VoterTodoFacts, now: number): TodoItem[] {
  if (facts.cycle.stage !== 'APPROVAL' || facts.openRoundWithoutVote === null) return [];
  return [
    item(now, {
      kind: 'VOTE',
      cycleYear: facts.cycle.year,
      targets: [],
      count: 1,
      round: facts.openRoundWithoutVote,
      dueAt: null,
      page: 'approval',
    }),
  ];
}

export function thirdPartyTodo(facts: ThirdPartyTodoFacts, now: number): TodoItem[] {
  if (!facts.useThirdParty || !isActionOpen('thirdPartyScores', facts.cycle.stage)) return [];
  if (facts.unscoredUnits.length === 0) return [];
  return [
    item(now, {
      kind: 'THIRD_PARTY_SCORES',
      cycleYear: facts.cycle.year,
      targets: facts.unscoredUnits,
      count: facts.unscoredUnits.length,
      dueAt: facts.cycle.evaluationDueAt,
      page: 'thirdParty',
    }),
  ];
}

/**
 * The office's queue. Verification is due with the year-end verification (Art. 8, verificationDueAt):
 * checkpoint evidence may be verified until scoring, but the office plans it by that date.
 */
export function officeTodo(facts: OfficeTodoFacts, now: number): TodoItem[] {
  const { cycle } = facts;
  const items: TodoItem[] = [];
  if (isActionOpen('checkpointVerification', cycle.stage) && facts.checkpointQueue.count > 0)
    items.push(
      item(now, {
        kind: 'CHECKPOINT_VERIFICATION',
        cycleYear: cycle.year,
        targets: facts.checkpointQueue.units,
        count: facts.checkpointQueue.count,
        dueAt: cycle.verificationDueAt,
        page: 'verification',
      }),
    );
  if (isActionOpen('yearEndVerification', cycle.stage) && facts.yearEndQueue.count > 0)
    items.push(
      item(now, {
        kind: 'YEAR_END_VERIFICATION',
        cycleYear: cycle.year,
        targets: facts.yearEndQueue.units,
        count: facts.yearEndQueue.count,
        dueAt: cycle.verificationDueAt,
        page: 'verification',
      }),
    );
  if (isActionOpen('explanation', cycle.stage) && facts.explanationsToReview.length > 0)
    items.push(
      item(now, {
        kind: 'EXPLANATION_REVIEW',
        cycleYear: cycle.year,
        targets: facts.explanationsToReview,
        count: facts.explanationsToReview.length,
        dueAt: null,
        page: 'followUp',
      }),
    );
  // A failed notice is resent in any stage: the recipient never got it.
  if (facts.failedNotices.count > 0)
    items.push(
      item(now, {
        kind: 'FAILED_NOTICE',
        cycleYear: cycle.year,
        targets: [...new Set(facts.failedNotices.recipients)],
        count: facts.failedNotices.count,
        dueAt: null,
        page: 'notifications',
      }),
    );
  return items;
}

/** Overdue first, then the nearest deadline, then those without one; by year within a deadline. */
export function sortTodo(items: TodoItem[]): TodoItem[] {
  const key = (row: TodoItem) => (row.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(row.dueAt));
  return [...items].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || key(a) - key(b) || a.cycleYear - b.cycleYear,
  );
}

/** The badge of each menu entry: the number of things to do behind it. */
export function todoCounts(items: TodoItem[]): Partial<Record<TodoPage, number>> {
  const counts: Partial<Record<TodoPage, number>> = {};
  for (const row of items) counts[row.page] = (counts[row.page] ?? 0) + row.count;
  return counts;
}

// Stage-aware actions (issue 13): an action the cycle's stage does not allow now is shown disabled with
// the reason and, before it opens, the date ("年终自查 12月10日开放"). Plain functions of the stage.
import { isStageAtOrAfter, type CycleStage } from '../../../domain/cycle/stages';

export interface ActionWindow {
  open: boolean;
  /** NOT_YET: before its stage (with `opensAt`); CLOSED: its stage is over. */
  reason?: 'NOT_YET' | 'CLOSED';
  opensAt?: string;
}

/**
 * Whether an action allowed in `stages` (consecutive, in order) is possible at `current`; before the
 * first of them it opens at `opensAt` (the schedule date that starts that stage).
 */
export function actionWindow(
  current: string | undefined,
  stages: readonly CycleStage[],
  opensAt?: string | null,
): ActionWindow {
  if (!current) return { open: false, reason: 'NOT_YET', ...(opensAt ? { opensAt } : {}) };
  if ((stages as readonly string[]).includes(current)) return { open: true };
  if (!isStageAtOrAfter(current as CycleStage, stages[0]))
    return { open: false, reason: 'NOT_YET', ...(opensAt ? { opensAt } : {}) };
  return { open: false, reason: 'CLOSED' };
}

/** The year-end self-check (Art. 8): in SELF_CHECK, opening at the schedule's selfCheckOpensAt. */
export const selfCheckWindow = (cycle: { stage?: string; selfCheckOpensAt?: string | null }) =>
  actionWindow(cycle.stage, ['SELF_CHECK'], cycle.selfCheckOpensAt);

/** The comprehensive evaluation's rankings (Art. 9, 13): in EVALUATION, after verification is due. */
export const rankingWindow = (cycle: { stage?: string; verificationDueAt?: string | null }) =>
  actionWindow(cycle.stage, ['EVALUATION'], cycle.verificationDueAt);

/** "12月10日" / "Dec 10": the day an action opens, as the reason line says it. */
export function monthDay(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return locale === 'en'
    ? date.toLocaleDateString('en', { month: 'short', day: 'numeric' })
    : `${date.getMonth() + 1}月${date.getDate()}日`;
}

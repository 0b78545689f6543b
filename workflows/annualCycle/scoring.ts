// Scoring (Art. 10-17) from the inputs stored in PostgreSQL; the grades decide who owes an explanation.
import { scoring } from '../activityProxies';
import type { Actor } from '../contract';
import type { CycleState } from './cycleState';

export async function rescore(state: CycleState, actor?: Actor): Promise<void> {
  state.grades = (
    await scoring.scoreCycle({ cycleId: state.cycleId, at: new Date().toISOString(), actor })
  ).grades;
}

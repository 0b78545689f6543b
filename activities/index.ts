// createActivities wires every activity of the annual cycle over its dependencies (STYLE: a factory).
import type { ActivityDeps } from './deps';
import { loadCycleSetup } from './cycleSetup';
import { stageActivities } from './stageActivities';
import { evidenceActivities } from './evidenceActivities';
import { verificationActivities } from './verificationActivities';
import { evaluationActivities } from './evaluationActivities';
import { scoringActivities } from './scoringActivities';
import { approvalActivities } from './approvalActivities';
import { followUpActivities } from './followUpActivities';
import { noticeActivities } from './noticeActivities';

export function createActivities(deps: ActivityDeps) {
  return {
    loadCycleSetup: (cycleId: string, options?: { engine?: 2 }) => loadCycleSetup(deps.db, cycleId, options),
    ...stageActivities(deps),
    ...evidenceActivities(deps),
    ...verificationActivities(deps),
    ...evaluationActivities(deps),
    ...scoringActivities(deps),
    ...approvalActivities(deps),
    ...followUpActivities(deps),
    ...noticeActivities(deps),
  };
}

export type CycleActivities = ReturnType<typeof createActivities>;

// The cycle's actions and results (SPEC §2), one router per area, mounted at /cycles by
// api/routes.ts after cycleRoutes (create, indicators, publish, status).
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { configurationRoutes } from './configuration';
import { targetRoutes } from './targets';
import { stageRoutes } from './stages';
import { submissionRoutes } from './submissions';
import { selfCheckRoutes } from './selfChecks';
import { verificationRoutes } from './verifications';
import { evaluationRoutes } from './evaluations';
import { adjustmentRoutes } from './adjustments';
import { scoringCycleRoutes } from './scoring';
import { resultRoutes } from './results';
import { approvalRoutes } from './approval';
import { followUpRoutes } from './followUp';
// issue 13: read models for the screens' confirmations and the approval page
import { advancePreviewRoutes } from './advancePreview';
import { approvalSummaryRoutes } from './approvalSummary';

export function cycleActionRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const routes of [
    configurationRoutes,
    targetRoutes,
    stageRoutes,
    submissionRoutes,
    selfCheckRoutes,
    verificationRoutes,
    evaluationRoutes,
    adjustmentRoutes,
    scoringCycleRoutes,
    resultRoutes,
    approvalRoutes,
    followUpRoutes,
    advancePreviewRoutes,
    approvalSummaryRoutes,
  ]) {
    router.use(routes(deps));
  }
  return router;
}

// After publication (Art. 19-21): feedback to each unit's principal leader and its confirmation,
// failing units' written explanations and their review, and incentives for units graded GOOD; one file
// each, mounted in this order (the OpenAPI document follows it).
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { feedbackRoutes } from './feedback';
import { explanationRoutes } from './explanations';
import { incentiveRoutes } from './incentives';

export function followUpRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const routes of [feedbackRoutes, explanationRoutes, incentiveRoutes]) router.use(routes(deps));
  return router;
}

// Cycles and their targets (Art. 5, 8, 12): created and edited by the office until publication;
// publication starts the annual-cycle workflow, which emails every unit its own targets. One file per
// concept, mounted at /cycles by api/routes.ts in this order (the OpenAPI document follows it).
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { createCycleRoutes } from './createCycle';
import { indicatorRoutes } from './indicators';
import { publicationRoutes } from './publish';
import { cycleStatusRoutes } from './status';

export function cycleRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const routes of [createCycleRoutes, indicatorRoutes, publicationRoutes, cycleStatusRoutes])
    router.use(routes(deps));
  return router;
}

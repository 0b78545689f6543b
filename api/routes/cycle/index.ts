// Engineer B: the cycle's action routers (one file per area) are mounted here; api/routes/index.ts
// mounts the Router returned by cycleActionRoutes at /cycles, after cycleRoutes.
import { Router } from 'express';
import type { ApiDeps } from '../../deps';

export function cycleActionRoutes(_deps: ApiDeps): Router {
  const router = Router();
  return router;
}

// Engineer B: scoring routes outside a cycle (POST /scoring/what-if), mounted at /scoring by api/routes/index.ts.
import { Router } from 'express';
import type { ApiDeps } from '../deps';

export function scoringRoutes(_deps: ApiDeps): Router {
  const router = Router();
  return router;
}

// Every API router is mounted from here, one feature folder each (api/cycles/, api/auth/, api/evidence/, …),
// so api/app.ts never changes when a route is added. Order matters: the engine's state is public and comes
// before any route that needs a session, and the OpenAPI document lists paths in registration order.
import type { Router } from 'express';
import type { ApiDeps } from './deps';
import { authRoutes } from './auth/authRoutes';
import { cycleRoutes } from './cycles/cycleRoutes';
import { cycleActionRoutes } from './cycles';
import { scoringRoutes } from './scoring/scoringRoutes';
import { structureRoutes } from './structure/structureRoutes';
import { evidenceRoutes } from './evidence/evidenceRoutes';
import { dashboardRoutes } from './dashboard/dashboardRoutes';
import { notificationRoutes } from './notifications/notificationRoutes';
import { auditRoutes } from './audit/auditRoutes';
import { exportRoutes } from './export/exportRoutes';
import { openApiRoutes } from './openapi/openApiDocument';
// To-do (待办, issue 14).
import { todoRoutes } from './todo/todoRoutes';
// issue 14: the engine's state while `npm start` brings it up
import { engineRoutes } from './engine/engineRoutes';
// Structure administration (issue 14)
import { structureAdminRoutes } from './structure';
// Targets from a workbook and last year as a template (issue 14, h14b).
import { targetFeatureRoutes } from './targets';

export function mountRoutes(api: Router, deps: ApiDeps): void {
  api.use(openApiRoutes());
  api.use(engineRoutes(deps)); // issue 14: public, before any route that needs a session
  api.use('/auth', authRoutes(deps));
  api.use(structureRoutes(deps));
  api.use(evidenceRoutes(deps));
  api.use(dashboardRoutes(deps));
  api.use(notificationRoutes(deps));
  api.use(auditRoutes(deps));
  api.use(exportRoutes(deps));
  api.use('/cycles', cycleRoutes(deps));
  api.use('/cycles', cycleActionRoutes(deps));
  api.use('/scoring', scoringRoutes(deps));
  // To-do (待办, issue 14).
  api.use(todoRoutes(deps));
  // Structure administration (issue 14)
  api.use(structureAdminRoutes(deps));
  // Targets from a workbook and last year as a template (issue 14, h14b).
  api.use(targetFeatureRoutes(deps));
}

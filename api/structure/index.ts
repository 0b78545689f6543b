// Structure administration (issue 14): categories, units, departments, the party group and accounts,
// each in its own file; mounted from api/routes.ts.
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { categoryRoutes } from './categories';
import { adminUnitRoutes } from './units';
import { departmentRoutes } from './departments';
import { partyGroupRoutes } from './partyGroup';
import { accountRoutes } from './accounts';

export function structureAdminRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(categoryRoutes(deps));
  router.use(adminUnitRoutes(deps));
  router.use(departmentRoutes(deps));
  router.use(partyGroupRoutes(deps));
  router.use(accountRoutes(deps));
  return router;
}

// The targets feature (issue 14): the workbook template, import (preview, apply), export, and a new
// cycle from an earlier one. Paths are absolute under /api.
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { targetTemplateRoute } from './templateRoute';
import { targetImportRoutes } from './importRoutes';
import { targetExportRoute } from './exportRoute';
import { copyCycleRoute } from './copyCycleRoute';

export function targetFeatureRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(targetTemplateRoute(deps));
  router.use(targetImportRoutes(deps));
  router.use(targetExportRoute(deps));
  router.use(copyCycleRoute(deps));
  return router;
}

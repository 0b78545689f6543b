// Evidence files (证明材料, Art. 8): upload, read, download and withdrawal, one file each, mounted by
// api/routes.ts in this order (the OpenAPI document follows it).
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { uploadEvidenceRoutes } from './uploadEvidence';
import { readEvidenceRoutes } from './readEvidence';
import { downloadEvidenceRoutes } from './downloadEvidence';
import { deleteEvidenceRoutes } from './deleteEvidence';

export function evidenceRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const routes of [
    uploadEvidenceRoutes,
    readEvidenceRoutes,
    downloadEvidenceRoutes,
    deleteEvidenceRoutes,
  ])
    router.use(routes(deps));
  return router;
}

// Scoring of the cycle (Art. 10-17): a preview on the stored inputs with an optional configuration
// override (nothing stored), and rescoring in stage SCORING through the workflow.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../deps';
import { requireRole } from '../../auth/access';
import { describeRoute } from '../../openapi/describeRoute';
import { loadScoringInput } from '../../../activities/scoringInput';
import { rescoreUpdate } from '../../../workflows/contract';
import { scoreOrRefuse } from '../../scoring/runScoring';
import { actorOf, findCycle, forward, yearParams } from './shared';

export const previewBody = z.object({ config: z.record(z.string(), z.unknown()).optional() }).strict();

describeRoute({
  method: 'post',
  path: '/cycles/:year/scoring/preview',
  summary:
    'Score the cycle’s stored inputs now, optionally with configuration fields overridden; nothing is stored',
  tags: ['scoring'],
  roles: ['OFFICE'],
  params: yearParams,
  body: previewBody,
  errors: [404],
});
describeRoute({
  method: 'post',
  path: '/cycles/:year/rescore',
  summary: 'Recompute and store every unit’s result (stage SCORING, before submission for approval)',
  tags: ['scoring'],
  roles: ['OFFICE'],
  params: yearParams,
  errors: [404, 409],
});

export function scoringCycleRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = Router();

  router.post('/:year/scoring/preview', requireRole(db, 'OFFICE'), async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const body = previewBody.parse(req.body ?? {});
    const cycle = await findCycle(db, year);
    const file = await loadScoringInput(db, cycle.id);
    // Top-level configuration fields replace the stored ones (e.g. another grades table).
    const config = body.config
      ? { ...(file.config as Record<string, unknown>), ...body.config }
      : file.config;
    res.json({ preview: true, config, ...scoreOrRefuse({ ...file, config }) });
  });

  router.post('/:year/rescore', requireRole(db, 'OFFICE'), async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const cycle = await findCycle(db, year);
    await forward(deps, req, cycle.workflowId, rescoreUpdate, { actor: actorOf(req) });
    const results = await db.unitResult.count({ where: { cycleId: cycle.id } });
    res.json({ rescored: results });
  });

  return router;
}

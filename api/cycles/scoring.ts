// Scoring of the cycle (Art. 10-17): a preview on the stored inputs with an optional configuration
// override (nothing stored), and rescoring in stage SCORING through the workflow.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { loadScoringInput } from '../../activities/scoringInput';
import { rescoreUpdate } from '../../workflows/contract';
import { scoreOrRefuse } from '../scoring/runScoring';
import { scoringOutputSchema } from '../scoring/scoringOutputSchema';
import { actorOf, findCycle, forward, yearParams } from './shared';

export const previewResponse = scoringOutputSchema.extend({
  preview: z.literal(true).describe('nothing was stored'),
  config: z.unknown().describe('the configuration scored with (stored, with the overrides)'),
});
export const rescoreResponse = z.object({ rescored: z.int().describe('results stored') });

export const previewBody = z.object({ config: z.record(z.string(), z.unknown()).optional() }).strict();

export function scoringCycleRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/scoring/preview',
      summary:
        'Score the cycle’s stored inputs now, optionally with configuration fields overridden; nothing is stored',
      tags: ['scoring'],
      roles: ['OFFICE'],
      params: yearParams,
      body: previewBody,
      response: { schema: previewResponse },
      errors: [404],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = previewBody.parse(req.body ?? {});
      const cycle = await findCycle(db, year);
      const file = await loadScoringInput(db, cycle.id);
      // Top-level configuration fields replace the stored ones (e.g. another grades table).
      const config = body.config
        ? { ...(file.config as Record<string, unknown>), ...body.config }
        : file.config;
      res.json({ preview: true, config, ...scoreOrRefuse({ ...file, config }) });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/rescore',
      summary: 'Recompute and store every unit’s result (stage SCORING, before submission for approval)',
      tags: ['scoring'],
      roles: ['OFFICE'],
      params: yearParams,
      response: { schema: rescoreResponse },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      await forward(deps, req, cycle.workflowId, rescoreUpdate, { actor: actorOf(req) });
      const results = await db.unitResult.count({ where: { cycleId: cycle.id } });
      res.json({ rescored: results });
    },
  );

  return router;
}

// What-if scoring (SPEC §5): the office and the leadership group run the cycle's very calculation on a
// scoring file, without a running cycle; an invalid file is a 400 naming the unit/indicator concerned.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { scoreOrRefuse } from './runScoring';
import { scoringOutputSchema } from './scoringOutputSchema';

/** The outer shape only; domain/scoring checks every rule of SPEC §5 and names the offending path. */
export const scoringFileBody = z.looseObject({
  config: z.record(z.string(), z.unknown()).optional(),
  units: z.array(z.record(z.string(), z.unknown())),
  indicators: z.array(z.record(z.string(), z.unknown())),
});
const SCORERS = ['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'] as const;

export function scoringRoutes(deps: ApiDeps): Router {
  const router = apiRouter('/scoring');
  defineRoute(
    router,
    {
      method: 'post',
      path: '/scoring/what-if',
      summary: 'Score a SPEC §5 scoring file (nothing is stored); 400 names each invalid path',
      tags: ['scoring'],
      roles: [...SCORERS],
      body: scoringFileBody,
      response: { schema: scoringOutputSchema, description: 'every unit scored, in the order of the file' },
    },
    requireRole(deps.db, ...SCORERS),
    (req, res) => {
      const file = scoringFileBody.parse(req.body);
      res.json(scoreOrRefuse(file));
    },
  );
  return router;
}

// GET /api/engine: whether the workflow engine is ready (issue 14). While the first `npm start` builds
// and starts the embedded Temporal server the web app shows a banner with the estimate and keeps
// publishing (and every other engine action) disabled; it polls this route and enables them by itself.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { apiRouter, defineRoute } from '../openapi/defineRoute';

const engineStatusSchema = z.object({
  state: z.enum(['starting', 'ready']),
  phase: z
    .enum(['building', 'starting'])
    .optional()
    .describe('while starting: building = compiling the embedded server (first start only)'),
  since: z.string().describe('when the engine entered this state (ISO 8601)'),
  estimatedReadyAt: z
    .string()
    .nullable()
    .optional()
    .describe('while starting: when it is expected to be ready, or null without an estimate'),
  estimatedSecondsLeft: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe(
      'while starting: seconds until estimatedReadyAt by the server’s clock (a browser’s may differ)',
    ),
});

/** Since the process started: the state of a deployment without a gate (the engine was there first). */
const READY_SINCE = new Date().toISOString();

export function engineRoutes(deps: ApiDeps): Router {
  const router = apiRouter('');
  defineRoute(
    router,
    {
      method: 'get',
      path: '/engine',
      summary: 'The workflow engine’s state: starting (with an estimate) or ready',
      description:
        'Public (the sign-in page shows it too). While starting, every action that needs a workflow answers 503 ENGINE_STARTING.',
      tags: ['health'],
      roles: 'public',
      response: { schema: z.object({ engine: engineStatusSchema }) },
    },
    (_req, res) => {
      const engine = deps.engineStatus?.() ?? { state: 'ready' as const, since: READY_SINCE };
      if (engine.state !== 'starting') return res.json({ engine });
      const estimatedSecondsLeft = engine.estimatedReadyAt
        ? Math.max(0, Math.ceil((Date.parse(engine.estimatedReadyAt) - Date.now()) / 1000))
        : null;
      res.json({ engine: { ...engine, estimatedSecondsLeft } });
    },
  );
  return router;
}

// Builds the Express app (exported for supertest); api/server.ts listens.
import express from 'express';
import type { ApiDeps } from './deps';
import { errorMiddleware, notFound } from './errors';
import { loadSession, requireCsrf } from './auth/sessions';
import { mountRoutes } from './routes';
import { guardBodyEncoding, guardStrings } from './inputGuard';
import { noStore, securityHeaders } from './securityHeaders';

export function createApp(
  deps: ApiDeps,
  extraRouters: { path: string; router: express.Router }[] = [],
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders);
  app.get('/healthz', (_req, res) => res.json({ ok: true }));
  app.get('/readyz', async (_req, res) => {
    const [database, temporal] = await Promise.all([
      deps.db.$queryRaw`SELECT 1`.then(() => true).catch(() => false),
      deps.temporalReachable().catch(() => false),
    ]);
    res.status(database && temporal ? 200 : 503).json({ database, temporal });
  });

  const api = express.Router();
  api.use(noStore);
  api.use(guardBodyEncoding);
  api.use(express.json({ limit: '1mb' }));
  api.use(loadSession(deps.db));
  // After the session (its locale chooses the message language), before CSRF and every route.
  api.use(guardStrings);
  api.use(requireCsrf(deps.db));
  mountRoutes(api, deps);
  for (const { path, router } of extraRouters) api.use(path, router);
  api.use((req, _res, next) => next(notFound(`route ${req.method} ${req.originalUrl}`)));
  app.use('/api', api);
  app.use(errorMiddleware);
  return app;
}

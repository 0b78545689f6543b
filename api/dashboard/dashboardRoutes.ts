// The cycle at a glance (SPEC §2 "dynamic monitoring", Art. 8), recomputed only when the cycle changed,
// so it stays fast however often the office refreshes it.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { dashboardSchema } from './dashboardSchema';
import { buildDashboard } from './buildDashboard';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const FRESH_MS = 5_000;

export function dashboardRoutes(deps: ApiDeps): Router {
  const { db } = deps;

  // Recomputed only when the cycle changed: every change the dashboard shows writes an audit row of the
  // cycle (append-only, so their count moves) or changes the notices' statuses; anything else (and the
  // clock, for "closed" and "overdue") is picked up within FRESH_MS.
  const cache = new Map<string, { fingerprint: string; body: z.input<typeof dashboardSchema> }>();
  const router = apiRouter('');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/dashboard',
      summary:
        'Progress of the cycle: stage timeline, per round and unit ON_TIME/LATE/MISSING, explanations, approvals, notices',
      description:
        'A unit sees the timeline and its own rows only; notice figures are for the office and the leadership group.',
      tags: ['dashboard'],
      roles: ['OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT'],
      params: yearParams,
      response: { schema: dashboardSchema },
      errors: [404],
    },
    requireRole(db, 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT'),
    async (req, res) => {
      const user = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const [state] = await db.$queryRaw<{ audit: bigint; notices: string | null }[]>`
        SELECT (SELECT count(*) FROM "AuditLog" a WHERE a."cycleId" = c.id) AS audit,
               (SELECT string_agg(s.status || ':' || s.n, ',' ORDER BY s.status)
                  FROM (SELECT n.status::text AS status, count(*) AS n FROM "Notification" n
                         WHERE n."cycleId" = c.id GROUP BY n.status) s) AS notices
          FROM "Cycle" c WHERE c.year = ${year}`;
      if (!state) throw notFound(`cycle ${year}`);
      const ownUnit = user.role === 'UNIT' ? user.unitId! : undefined;
      const seesNotices = ['OFFICE', 'LEADER', 'PARTY_MEMBER'].includes(user.role);
      const scope = `${year}/${ownUnit ?? (seesNotices ? 'all+notices' : 'all')}`;
      const fingerprint = `${state.audit}/${state.notices ?? ''}/${Math.floor(Date.now() / FRESH_MS)}`;
      const cached = cache.get(scope);
      if (cached?.fingerprint === fingerprint) return res.json(cached.body);
      const body = await buildDashboard(db, year, ownUnit, seesNotices);
      if (cache.size > 1000) cache.clear();
      cache.set(scope, { fingerprint, body });
      res.json(body);
    },
  );

  return router;
}

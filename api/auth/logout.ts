// Sign-out: the session ends and its cookie is cleared.
import type { Router } from 'express';
import type { ApiDeps } from '../deps';
import { SESSION_COOKIE } from './sessions';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';

export function logoutRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/auth');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out (ends the session)',
      tags: ['auth'],
      roles: 'public',
      response: { status: 204, description: 'signed out' },
    },
    async (req, res) => {
      if (req.sessionId) {
        await db.session.deleteMany({ where: { id: req.sessionId } });
        await writeAudit(db, {
          actor: req.user,
          action: 'auth.logout',
          targetType: 'User',
          targetId: req.user?.userId,
          ip: req.ip,
        });
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    },
  );

  return router;
}

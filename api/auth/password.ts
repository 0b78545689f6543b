// Changing one's own password: the current one proves it, the other sessions end.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { currentUser } from './access';
import { badRequest } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1),
  newPassword: z.string().min(1).max(200),
});

export function passwordRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/auth');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/password',
      summary: 'Change one’s own password (ends the other sessions)',
      tags: ['auth'],
      roles: 'any',
      body: passwordChangeBody,
      response: { status: 204, description: 'changed' },
    },
    async (req, res) => {
      const actor = currentUser(req);
      const body = passwordChangeBody.parse(req.body);
      const problem = passwordProblem(body.newPassword);
      if (problem) throw badRequest(`newPassword ${problem}`, { newPassword: problem });
      const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
      if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
        await writeAudit(db, {
          actor,
          action: 'auth.password.change',
          targetType: 'User',
          targetId: user.id,
          outcome: 'DENIED',
          ip: req.ip,
          after: { reason: 'wrong current password' },
        });
        throw badRequest('currentPassword is wrong', { currentPassword: 'wrong password' });
      }
      await db.user.update({
        where: { id: user.id },
        data: { passwordHash: await hashPassword(body.newPassword), passwordChangedAt: new Date() },
      });
      // Every other session of this user ends with the old password.
      await db.session.deleteMany({ where: { userId: user.id, NOT: { id: req.sessionId } } });
      await writeAudit(db, {
        actor,
        action: 'auth.password.change',
        targetType: 'User',
        targetId: user.id,
        ip: req.ip,
      });
      res.status(204).end();
    },
  );

  return router;
}

// Who is signed in, with the CSRF token of the session the web app sends back on every change.
import type { Router } from 'express';
import { z } from 'zod';
import { currentUser } from './access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { userSchema } from './userSchema';

export function meRoutes(): Router {
  const router = apiRouter('/auth');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/auth/me',
      summary: 'The signed-in user and the CSRF token of the session',
      tags: ['auth'],
      roles: 'any',
      response: {
        schema: z.object({
          user: userSchema.omit({ id: true }).extend({ userId: z.string() }),
          csrfToken: z.string(),
        }),
      },
    },
    async (req, res) => {
      const user = currentUser(req);
      res.json({
        user: { ...user, unitId: user.unitId ?? null, departmentId: user.departmentId ?? null },
        // Set with the session by the session middleware on every signed-in request.
        csrfToken: req.csrfToken!,
      });
    },
  );

  return router;
}

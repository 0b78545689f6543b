// Sign-in with username and password, throttled per account and address; the session is a cookie
// with its CSRF token.
import type { Router } from 'express';
import { z } from 'zod';
import { userSchema } from './userSchema';
import type { ApiDeps } from '../deps';
import { verifyPassword } from './passwords';
import { createSession, setSessionCookie } from './sessions';
import { HttpError } from '../errors';
import { writeAudit } from '../../db/audit';
import { takeSignInSlot, THROTTLE_WINDOW_MINUTES } from './loginThrottle';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant } from '../openapi/responseSchemas';

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export function loginRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/auth');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in: sets the session cookie, returns the user and the CSRF token',
      description: 'After too many failed attempts for one user name from one address in 15 minutes: 429.',
      tags: ['auth'],
      roles: 'public',
      body: loginBody,
      response: { schema: z.object({ user: userSchema, csrfToken: z.string(), expiresAt: instant }) },
      errors: [401, 429],
    },
    async (req, res) => {
      const body = loginBody.parse(req.body);
      const ip = req.ip ?? 'unknown';
      const slot = await takeSignInSlot(db, body.username, ip, {
        perAccount: deps.settings.loginAttemptsPer15Min,
        perAddress: deps.settings.loginAttemptsPerAddressPer15Min ?? 10,
      });
      if ('refused' in slot) {
        await writeAudit(db, {
          action: 'auth.login.throttled',
          targetType: 'User',
          targetId: body.username,
          outcome: 'DENIED',
          ip,
          after: { limit: slot.refused === 'account' ? 'per user name and address' : 'per address' },
        });
        throw new HttpError(
          429,
          'TOO_MANY_ATTEMPTS',
          slot.refused === 'account'
            ? `too many failed sign-ins; wait ${THROTTLE_WINDOW_MINUTES} minutes`
            : `too many failed sign-ins from this address; wait ${THROTTLE_WINDOW_MINUTES} minutes`,
        );
      }
      const user = await db.user.findUnique({ where: { username: body.username } });
      const ok = !!user && user.active && (await verifyPassword(body.password, user.passwordHash));
      await db.loginAttempt.create({ data: { username: body.username, ip, succeeded: ok } });
      if (!ok || !user) {
        await writeAudit(db, {
          action: 'auth.login',
          targetType: 'User',
          targetId: body.username,
          outcome: 'DENIED',
          ip,
        });
        throw new HttpError(401, 'BAD_CREDENTIALS', 'wrong user name or password');
      }
      await slot.release();
      // Housekeeping: this user's expired sessions go (loadSession already ignores them). The session this
      // browser held until now ends too, whoever it belonged to: one browser, one signed-in user.
      await db.session.deleteMany({
        where: {
          OR: [
            { userId: user.id, expiresAt: { lte: new Date() } },
            ...(req.sessionId ? [{ id: req.sessionId }] : []),
          ],
        },
      });
      const session = await createSession(db, user.id, deps.settings.sessionTtlMinutes, req);
      setSessionCookie(res, session.token, session.expiresAt, deps.settings.secureCookies);
      await writeAudit(db, {
        actor: { userId: user.id, role: user.role },
        action: 'auth.login',
        targetType: 'User',
        targetId: user.id,
        ip,
      });
      res.json({
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          unitId: user.unitId,
          departmentId: user.departmentId,
          locale: user.locale,
        },
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      });
    },
  );

  return router;
}

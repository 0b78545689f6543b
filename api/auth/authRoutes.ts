// Sign-in, sign-out, who am I, password change; admins create accounts and reset passwords (Art. 22 roles).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { createSession, SESSION_COOKIE, setSessionCookie } from './sessions';
import { currentUser, requireRole } from './access';
import { HttpError, badRequest, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { takeSignInSlot, THROTTLE_WINDOW_MINUTES } from './loginThrottle';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant } from '../openapi/responseSchemas';

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});
export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1),
  newPassword: z.string().min(1).max(200),
});
export const roleSchema = z.enum([
  'ADMIN',
  'OFFICE',
  'LEADER',
  'PARTY_MEMBER',
  'DEPARTMENT',
  'UNIT',
  'THIRD_PARTY',
]);
export const createUserBody = z
  .object({
    username: z
      .string()
      .regex(/^[a-z0-9._-]{3,50}$/, 'lower-case letters, digits, dot, dash or underscore, 3-50 characters'),
    displayName: z.string().min(1).max(100),
    email: z.email().optional(),
    role: roleSchema,
    title: z.string().max(200).optional(),
    unitId: z.string().uuid().optional(),
    departmentId: z.string().uuid().optional(),
    password: z.string().min(1).max(200),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .refine((body) => body.role !== 'UNIT' || body.unitId, {
    path: ['unitId'],
    message: 'a UNIT account is bound to one unit',
  })
  .refine((body) => body.role !== 'DEPARTMENT' || body.departmentId, {
    path: ['departmentId'],
    message: 'a DEPARTMENT account is bound to one department',
  });

export const userIdParams = z.object({ userId: z.uuid() });
export const resetPasswordBody = z.object({ newPassword: z.string().min(1).max(200) });

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  departmentId: z.string().nullable(),
  locale: z.string(),
});
const listedUserSchema = userSchema.extend({
  email: z.string().nullable(),
  title: z.string().nullable(),
  active: z.boolean(),
});

export function authRoutes(deps: ApiDeps): Router {
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

  defineRoute(
    router,
    {
      method: 'get',
      path: '/auth/users',
      summary: 'All accounts (admin, office)',
      tags: ['auth'],
      roles: ['ADMIN', 'OFFICE'],
      response: { schema: z.object({ users: z.array(listedUserSchema) }) },
    },
    requireRole(db, 'ADMIN', 'OFFICE'),
    async (_req, res) => {
      const users = await db.user.findMany({
        orderBy: [{ role: 'asc' }, { username: 'asc' }],
        select: {
          id: true,
          username: true,
          displayName: true,
          email: true,
          role: true,
          title: true,
          unitId: true,
          departmentId: true,
          active: true,
          locale: true,
        },
      });
      res.json({ users });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/users',
      summary: 'Create an account (admin)',
      tags: ['auth'],
      roles: ['ADMIN'],
      body: createUserBody,
      response: {
        status: 201,
        schema: z.object({ user: z.object({ id: z.string(), username: z.string(), role: roleSchema }) }),
      },
      errors: [409],
    },
    requireRole(db, 'ADMIN'),
    async (req, res) => {
      const actor = currentUser(req);
      const body = createUserBody.parse(req.body);
      const problem = passwordProblem(body.password);
      if (problem) throw badRequest(`password ${problem}`, { password: problem });
      if (await db.user.findUnique({ where: { username: body.username } })) {
        throw new HttpError(409, 'DUPLICATE', `user name ${body.username} is taken`, {
          username: 'already taken (must be unique)',
        });
      }
      if (body.unitId && !(await db.unit.findUnique({ where: { id: body.unitId }, select: { id: true } }))) {
        throw badRequest(`unitId: unknown unit ${body.unitId}`, { unitId: 'unknown unit' });
      }
      if (
        body.departmentId &&
        !(await db.department.findUnique({ where: { id: body.departmentId }, select: { id: true } }))
      ) {
        throw badRequest(`departmentId: unknown department ${body.departmentId}`, {
          departmentId: 'unknown department',
        });
      }
      const { password, ...rest } = body;
      const user = await db.user.create({ data: { ...rest, passwordHash: await hashPassword(password) } });
      await writeAudit(db, {
        actor,
        action: 'user.create',
        targetType: 'User',
        targetId: user.id,
        after: rest,
        ip: req.ip,
      });
      res.status(201).json({ user: { id: user.id, username: user.username, role: user.role } });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/auth/users/:userId/password',
      summary: "Reset an account's password (admin; ends its sessions)",
      tags: ['auth'],
      roles: ['ADMIN'],
      params: userIdParams,
      body: resetPasswordBody,
      response: { status: 204, description: 'reset' },
      errors: [404],
    },
    requireRole(db, 'ADMIN'),
    async (req, res) => {
      const actor = currentUser(req);
      const { userId } = userIdParams.parse(req.params);
      const { newPassword } = resetPasswordBody.parse(req.body);
      const problem = passwordProblem(newPassword);
      if (problem) throw badRequest(`newPassword ${problem}`, { newPassword: problem });
      if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } })))
        throw notFound(`user ${userId}`);
      await db.user.update({
        where: { id: userId },
        data: { passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() },
      });
      await db.session.deleteMany({ where: { userId } });
      await writeAudit(db, {
        actor,
        action: 'user.password.reset',
        targetType: 'User',
        targetId: userId,
        ip: req.ip,
      });
      res.status(204).end();
    },
  );

  return router;
}

// Administrators list and create accounts and reset passwords (Art. 22 roles).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { hashPassword, passwordProblem } from './passwords';
import { currentUser, requireRole } from './access';
import { HttpError, badRequest, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { listedUserSchema, roleSchema } from './userSchema';

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

export function userAdminRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/auth');

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

// Accounts (Art. 22, 23): role, the unit or department an account acts for, language, active, and a
// password reset by the administrator. New accounts are created with POST /auth/users; a fixed password is
// set with POST /auth/users/:userId/password. Hashes never leave the server.
import { randomInt } from 'node:crypto';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import type { Db } from '../../prisma/client';
import { currentUser, requireRole } from '../auth/access';
import { badRequest, notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { roleSchema } from '../auth/userSchema';
import { ACCOUNT_KEEPERS, auditedChange, changedFields, optionalEmail, optionalName } from './shared';

export const accountParams = z.object({ userId: z.uuid() });
export const accountPatch = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  email: optionalEmail.optional(),
  title: optionalName.optional(),
  role: roleSchema.optional(),
  unitId: z.uuid().nullish(),
  departmentId: z.uuid().nullish(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  active: z.boolean().optional(),
});

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  role: roleSchema,
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  locale: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});

const ACCOUNT_INCLUDE = { unit: { select: { name: true } }, department: { select: { name: true } } } as const;
type AccountRow = Awaited<ReturnType<Db['user']['findUniqueOrThrow']>> & {
  unit: { name: string } | null;
  department: { name: string } | null;
};
const present = (user: AccountRow) => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  email: user.email,
  title: user.title,
  role: user.role,
  unitId: user.unitId,
  unitName: user.unit?.name ?? null,
  departmentId: user.departmentId,
  departmentName: user.department?.name ?? null,
  locale: user.locale,
  active: user.active,
  updatedAt: user.updatedAt.toISOString(),
});

// Letters and digits without look-alikes (0/O, 1/l/I): read out over the phone once.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function oneTimePassword(): string {
  for (;;) {
    const password = Array.from({ length: 14 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (!passwordProblem(password)) return password;
  }
}

export function accountRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  const keepers = requireRole(db, ...ACCOUNT_KEEPERS);

  defineRoute(
    router,
    {
      method: 'get',
      path: '/structure/accounts',
      summary: 'Every account with its role and the unit or department it acts for (by name)',
      tags: ['structure'],
      roles: ACCOUNT_KEEPERS,
      response: { schema: z.object({ accounts: z.array(accountSchema) }) },
    },
    keepers,
    async (_req, res) => {
      const users = await db.user.findMany({
        orderBy: [{ role: 'asc' }, { username: 'asc' }],
        include: ACCOUNT_INCLUDE,
      });
      res.json({ accounts: users.map(present) });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/structure/accounts/:userId',
      summary:
        'Change an account: role, bound unit or department, language, active; audited with before/after',
      tags: ['structure'],
      roles: ACCOUNT_KEEPERS,
      params: accountParams,
      body: accountPatch,
      response: { schema: z.object({ account: accountSchema }) },
      errors: [404],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const { userId } = accountParams.parse(req.params);
      const patch = accountPatch.parse(req.body);
      const account = await db.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id: userId } });
        if (!before) throw notFound(`user ${userId}`);
        const role = patch.role ?? before.role;
        // An account acts for a unit only as UNIT, for a department only as DEPARTMENT (Art. 22).
        const unitId = role === 'UNIT' ? (patch.unitId === undefined ? before.unitId : patch.unitId) : null;
        const departmentId =
          role === 'DEPARTMENT'
            ? patch.departmentId === undefined
              ? before.departmentId
              : patch.departmentId
            : null;
        if (role === 'UNIT' && !unitId)
          throw badRequest('unitId: a UNIT account is bound to one unit', {
            unitId: 'a UNIT account is bound to one unit',
          });
        if (role === 'DEPARTMENT' && !departmentId)
          throw badRequest('departmentId: a DEPARTMENT account is bound to one department', {
            departmentId: 'a DEPARTMENT account is bound to one department',
          });
        if (unitId && !(await tx.unit.findUnique({ where: { id: unitId }, select: { id: true } })))
          throw badRequest(`unitId: unknown unit ${unitId}`, { unitId: 'unknown unit' });
        if (
          departmentId &&
          !(await tx.department.findUnique({ where: { id: departmentId }, select: { id: true } }))
        )
          throw badRequest(`departmentId: unknown department ${departmentId}`, {
            departmentId: 'unknown department',
          });
        // The administrator cannot lock themself out.
        if (userId === actor.userId && (patch.active === false || (patch.role && patch.role !== before.role)))
          throw badRequest('an administrator cannot deactivate their own account or change their own role', {
            [patch.active === false ? 'active' : 'role']: 'not on your own account',
          });
        const data = { ...patch, unitId, departmentId };
        const updated = await tx.user.update({ where: { id: userId }, data, include: ACCOUNT_INCLUDE });
        // A deactivated account or one with another role signs in again (its sessions end).
        if (patch.active === false || role !== before.role)
          await tx.session.deleteMany({ where: { userId } });
        const { passwordHash: _hash, ...visible } = before;
        return auditedChange(
          tx,
          req,
          actor,
          { action: 'user.update', targetType: 'User', targetId: userId, ...changedFields(visible, data) },
          updated,
        );
      });
      res.json({ account: present(account) });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/structure/accounts/:userId/one-time-password',
      summary: 'Reset a password to a generated one, shown once; the account’s sessions end; audited',
      tags: ['structure'],
      roles: ACCOUNT_KEEPERS,
      params: accountParams,
      response: { schema: z.object({ password: z.string() }) },
      errors: [404],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const { userId } = accountParams.parse(req.params);
      const password = oneTimePassword();
      const passwordHash = await hashPassword(password);
      await db.$transaction(async (tx) => {
        if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } })))
          throw notFound(`user ${userId}`);
        await tx.user.update({
          where: { id: userId },
          data: { passwordHash, passwordChangedAt: new Date() },
        });
        await tx.session.deleteMany({ where: { userId } });
        // The password itself is never written anywhere but the hash.
        await auditedChange(
          tx,
          req,
          actor,
          {
            action: 'user.password.reset',
            targetType: 'User',
            targetId: userId,
            before: null,
            after: { oneTime: true },
          },
          null,
        );
      });
      res.json({ password });
    },
  );

  return router;
}

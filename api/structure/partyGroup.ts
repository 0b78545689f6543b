// The party group (党组, SPEC §1): its members rank units (Art. 13) and approve results (Art. 18); the
// leader (组长) chairs. Membership is an account's role LEADER or PARTY_MEMBER; a cycle keeps the members
// it was published with (db/cycleStructure.ts).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { badRequest, notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { ACCOUNT_KEEPERS, auditedChange } from './shared';

export const memberParams = z.object({ userId: z.uuid() });
export const membershipBody = z.object({
  /** false: the account leaves the party group and is deactivated (its duties here end). */
  member: z.boolean(),
  leader: z.boolean().default(false),
});
const memberSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  leader: z.boolean(),
  active: z.boolean(),
});

const present = (user: {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  role: string;
  active: boolean;
}) => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  title: user.title,
  leader: user.role === 'LEADER',
  active: user.active,
});

export function partyGroupRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/structure/party-group',
      summary: 'Members of the party group (the leader first)',
      tags: ['structure'],
      roles: ['ADMIN', 'OFFICE'],
      response: { schema: z.object({ members: z.array(memberSchema) }) },
    },
    requireRole(db, 'ADMIN', 'OFFICE'),
    async (_req, res) => {
      const users = await db.user.findMany({
        where: { role: { in: ['LEADER', 'PARTY_MEMBER'] } },
        orderBy: [{ active: 'desc' }, { role: 'asc' }, { username: 'asc' }],
      });
      res.json({ members: users.map(present) });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/structure/party-group/:userId',
      summary:
        'Make an account a party-group member or the leader, or take it out (deactivated); running cycles keep their members; audited',
      tags: ['structure'],
      roles: ACCOUNT_KEEPERS,
      params: memberParams,
      body: membershipBody,
      response: { schema: z.object({ member: memberSchema }) },
      errors: [404],
    },
    requireRole(db, ...ACCOUNT_KEEPERS),
    async (req, res) => {
      const actor = currentUser(req);
      const { userId } = memberParams.parse(req.params);
      const body = membershipBody.parse(req.body);
      if (userId === actor.userId)
        throw badRequest('not on your own account', { userId: 'not on your own account' });
      const member = await db.$transaction(async (tx) => {
        const before = await tx.user.findUnique({ where: { id: userId } });
        if (!before) throw notFound(`user ${userId}`);
        const data = body.member
          ? {
              role: body.leader ? ('LEADER' as const) : ('PARTY_MEMBER' as const),
              active: true,
              unitId: null,
              departmentId: null,
            }
          : { active: false };
        const updated = await tx.user.update({ where: { id: userId }, data });
        if (updated.role !== before.role || !updated.active)
          await tx.session.deleteMany({ where: { userId } });
        return auditedChange(
          tx,
          req,
          actor,
          {
            action: 'partyGroup.membership',
            targetType: 'User',
            targetId: userId,
            before: { role: before.role, active: before.active },
            after: { role: updated.role, active: updated.active },
          },
          updated,
        );
      });
      res.json({ member: present(member) });
    },
  );

  return router;
}

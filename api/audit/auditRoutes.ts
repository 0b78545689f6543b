// The audit log (Art. 23: falsification and negligence are accountable), searchable by the office and
// administrators: who did what to which object, when, from where, with the before/after values.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { badRequest } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import type { Prisma } from '../../prisma/client';
import { auditTargetNames } from './auditTargetNames';

const isoDate = z.iso.datetime({ offset: true });
export const auditQuery = z.object({
  cycleYear: z.coerce.number().int().min(2000).max(2100).optional(),
  actorId: z.uuid().optional(),
  action: z
    .string()
    .max(120)
    .optional()
    .describe('an action, or a prefix ending in "." or ":" (e.g. "evidence." or "denied:")'),
  targetType: z.string().max(80).optional(),
  targetId: z.string().max(200).optional(),
  outcome: z.enum(['OK', 'DENIED']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const entrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  targetName: z
    .string()
    .nullable()
    .describe('the target by name (unit, indicator, file, …), if it still exists'),
  cycleId: z.string().nullable(),
  outcome: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export function auditRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/audit',
      summary: 'Search the audit log, newest first, with paging (office, admin)',
      tags: ['audit'],
      roles: ['OFFICE', 'ADMIN'],
      query: auditQuery,
      response: {
        schema: z.object({
          entries: z.array(entrySchema),
          page: z.number(),
          pageSize: z.number(),
          total: z.number(),
        }),
      },
    },
    requireRole(db, 'OFFICE', 'ADMIN'),
    async (req, res) => {
      const query = auditQuery.parse(req.query);
      if (query.from && query.to && query.from > query.to)
        throw badRequest('from: must not be after to', { from: 'after to' });
      let cycleId: string | undefined;
      if (query.cycleYear !== undefined) {
        const cycle = await db.cycle.findUnique({ where: { year: query.cycleYear }, select: { id: true } });
        if (!cycle) return res.json({ entries: [], page: query.page, pageSize: query.pageSize, total: 0 });
        cycleId = cycle.id;
      }
      const prefix = query.action && /[.:]$/.test(query.action);
      const where: Prisma.AuditLogWhereInput = {
        ...(cycleId ? { cycleId } : {}),
        ...(query.actorId ? { actorId: query.actorId } : {}),
        ...(query.action ? { action: prefix ? { startsWith: query.action } : query.action } : {}),
        ...(query.targetType ? { targetType: query.targetType } : {}),
        ...(query.targetId ? { targetId: query.targetId } : {}),
        ...(query.outcome ? { outcome: query.outcome } : {}),
        ...(query.from || query.to
          ? {
              at: {
                ...(query.from ? { gte: new Date(query.from) } : {}),
                ...(query.to ? { lte: new Date(query.to) } : {}),
              },
            }
          : {}),
      };
      const [rows, total] = await Promise.all([
        db.auditLog.findMany({
          where,
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.auditLog.count({ where }),
      ]);
      const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => !!id))];
      const actors = await db.user.findMany({
        where: { id: { in: actorIds } },
        select: { id: true, displayName: true },
      });
      const nameOf = new Map(actors.map((actor) => [actor.id, actor.displayName]));
      const targetNames = await auditTargetNames(db, rows);
      res.json({
        entries: rows.map((row) => ({
          id: row.id.toString(),
          at: row.at.toISOString(),
          actorId: row.actorId,
          actorRole: row.actorRole,
          actorName: row.actorId ? (nameOf.get(row.actorId) ?? null) : null,
          action: row.action,
          targetType: row.targetType,
          targetId: row.targetId,
          targetName: row.targetId ? (targetNames.get(`${row.targetType}:${row.targetId}`) ?? null) : null,
          cycleId: row.cycleId,
          outcome: row.outcome,
          before: row.before,
          after: row.after,
          ip: row.ip,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total,
      });
    },
  );

  return router;
}

// The federation's structure: categories (分类考核, Art. 6), units with their contacts (the principal
// leader and the same-level party committee, who receive notices under Art. 8, 18, 21), departments
// (Art. 13, 22). Contacts are kept by the office.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import type { SessionUser } from '../auth/sessions';
import { cycleUnits } from '../../db/cycleStructure';

export const unitParams = z.object({ unitId: z.uuid() });

/** `year`: the structure that cycle runs with (as published, Art. 6 per year; before publication the live one). */
export const structureYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const contactsBody = z.object({
  principalLeaderName: z.string().trim().min(1).max(100),
  principalLeaderEmail: z.email(),
  partyCommitteeName: z.string().trim().min(1).max(200),
  partyCommitteeEmail: z.email(),
});

const categorySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  sortOrder: z.number(),
});
const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  active: z.boolean(),
  category: categorySchema,
  principalLeaderName: z.string().nullable().optional(),
  principalLeaderEmail: z.string().nullable().optional(),
  partyCommitteeName: z.string().nullable().optional(),
  partyCommitteeEmail: z.string().nullable().optional(),
});
const departmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  ranks: z.boolean(),
});

/** Contact addresses are personal data: visible to those who send notices or lead, and to the unit itself. */
function seesContacts(user: SessionUser, unitId: string): boolean {
  return (
    ['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'].includes(user.role) ||
    (user.role === 'UNIT' && user.unitId === unitId)
  );
}

export function structureRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  const cycleOfYear = async (query: unknown) => {
    const { year } = structureYearQuery.parse(query);
    if (year === undefined) return null;
    return (await db.cycle.findUnique({ where: { year }, select: { id: true } }))?.id ?? null;
  };

  defineRoute(
    router,
    {
      method: 'get',
      path: '/categories',
      summary: 'Categories of units (Art. 6), with their units',
      tags: ['structure'],
      roles: 'any',
      query: structureYearQuery,
      response: {
        schema: z.object({
          categories: z.array(
            categorySchema.extend({
              units: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
            }),
          ),
        }),
      },
    },
    async (req, res) => {
      currentUser(req);
      const cycleId = await cycleOfYear(req.query);
      if (cycleId) {
        const units = await cycleUnits(db, cycleId);
        const categories = [...new Map(units.map((unit) => [unit.category.id, unit.category])).values()]
          .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
          .map((category) => ({
            ...category,
            units: units
              .filter((unit) => unit.categoryId === category.id)
              .map((unit) => ({ id: unit.id, code: unit.code, name: unit.name })),
          }));
        return res.json({ categories });
      }
      const categories = await db.category.findMany({
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: {
          units: {
            where: { active: true },
            select: { id: true, code: true, name: true },
            orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          },
        },
      });
      res.json({ categories });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/units',
      summary:
        'Units with their category; contacts for the office, the leadership group, admins and the unit itself',
      tags: ['structure'],
      roles: 'any',
      query: structureYearQuery,
      response: { schema: z.object({ units: z.array(unitSchema) }) },
    },
    async (req, res) => {
      const user = currentUser(req);
      const cycleId = await cycleOfYear(req.query);
      const units = cycleId
        ? (await cycleUnits(db, cycleId)).map((unit) => ({ ...unit, active: true }))
        : await db.unit.findMany({
            orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
            include: { category: true },
          });
      res.json({
        units: units.map(
          ({
            principalLeaderName,
            principalLeaderEmail,
            partyCommitteeName,
            partyCommitteeEmail,
            categoryId: _categoryId,
            sortOrder: _sortOrder,
            ...unit
          }) =>
            seesContacts(user, unit.id)
              ? {
                  ...unit,
                  principalLeaderName,
                  principalLeaderEmail,
                  partyCommitteeName,
                  partyCommitteeEmail,
                }
              : unit,
        ),
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/units/:unitId/contacts',
      summary: "Set a unit's principal leader and party committee contacts (office)",
      tags: ['structure'],
      roles: ['OFFICE'],
      params: unitParams,
      body: contactsBody,
      response: { schema: z.object({ unit: unitSchema }) },
      errors: [404],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { unitId } = unitParams.parse(req.params);
      const body = contactsBody.parse(req.body);
      const unit = await db.$transaction(async (tx) => {
        const before = await tx.unit.findUnique({ where: { id: unitId } });
        if (!before) throw notFound(`unit ${unitId}`);
        const after = await tx.unit.update({
          where: { id: unitId },
          data: body,
          include: { category: true },
        });
        await writeAudit(tx, {
          actor,
          action: 'unit.contacts.update',
          targetType: 'Unit',
          targetId: unitId,
          before: {
            principalLeaderName: before.principalLeaderName,
            principalLeaderEmail: before.principalLeaderEmail,
            partyCommitteeName: before.partyCommitteeName,
            partyCommitteeEmail: before.partyCommitteeEmail,
          },
          after: body,
          ip: req.ip,
        });
        return after;
      });
      const { categoryId: _categoryId, sortOrder: _sortOrder, ...rest } = unit;
      res.json({ unit: rest });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/departments',
      summary: 'Member departments (Art. 13, 22)',
      tags: ['structure'],
      roles: 'any',
      response: { schema: z.object({ departments: z.array(departmentSchema) }) },
    },
    async (req, res) => {
      currentUser(req);
      const departments = await db.department.findMany({
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        select: { id: true, code: true, name: true, nameEn: true, ranks: true },
      });
      res.json({ departments });
    },
  );

  return router;
}

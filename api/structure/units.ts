// Assessed units (区市县/开放先导区 总工会, SPEC §1) with their principal leader and same-level party
// committee (Art. 18, 19, 21). A unit is never deleted — its years of results refer to it — it is
// deactivated: it leaves the next cycle, and a cycle already published keeps it (Art. 6, per year).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import type { Db } from '../../prisma/client';
import { currentUser, requireRole } from '../auth/access';
import { badRequest, HttpError } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import {
  auditedCreate,
  auditedUpdate,
  codeField,
  nameField,
  optionalEmail,
  optionalName,
  sortOrderField,
  STRUCTURE_KEEPERS,
} from './shared';

export const adminUnitParams = z.object({ unitId: z.uuid() });
const unitFields = {
  code: codeField,
  name: nameField,
  nameEn: optionalName,
  categoryId: z.uuid(),
  principalLeaderName: optionalName,
  principalLeaderEmail: optionalEmail,
  partyCommitteeName: optionalName,
  partyCommitteeEmail: optionalEmail,
  sortOrder: sortOrderField,
};
export const unitBody = z.object({ ...unitFields, sortOrder: sortOrderField.default(0) });
export const unitPatch = z.object(unitFields).partial().extend({
  active: z.boolean().optional(),
  /** Deactivating a unit that takes part in a running year needs this (answer 409 CONFIRM_REQUIRED first). */
  confirm: z.boolean().optional(),
});

const openCycleSchema = z.object({ year: z.number(), title: z.string() });
export const adminUnitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  categoryId: z.string(),
  category: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  principalLeaderName: z.string().nullable(),
  principalLeaderEmail: z.string().nullable(),
  partyCommitteeName: z.string().nullable(),
  partyCommitteeEmail: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number(),
  /** Published, not yet closed cycles this unit takes part in. */
  openCycles: z.array(openCycleSchema),
});

/** The published, unclosed cycles a unit takes part in (by the structure each was published with). */
async function openCyclesOf(db: Pick<Db, 'cycle'>, unitIds: string[]) {
  const cycles = await db.cycle.findMany({
    where: { publishedAt: { not: null }, closedAt: null, stage: { not: 'CLOSED' } },
    select: {
      year: true,
      title: true,
      structure: { select: { cycleId: true } },
      structureUnits: { select: { unitId: true } },
    },
    orderBy: { year: 'asc' },
  });
  const byUnit = new Map<string, { year: number; title: string }[]>();
  for (const unitId of unitIds) {
    byUnit.set(
      unitId,
      cycles
        .filter((cycle) => !cycle.structure || cycle.structureUnits.some((row) => row.unitId === unitId))
        .map(({ year, title }) => ({ year, title })),
    );
  }
  return byUnit;
}

type UnitWithCategory = Awaited<ReturnType<Db['unit']['findUniqueOrThrow']>> & {
  category: { id: string; code: string; name: string; nameEn: string | null };
};
const present = (unit: UnitWithCategory, openCycles: { year: number; title: string }[]) => ({
  id: unit.id,
  code: unit.code,
  name: unit.name,
  nameEn: unit.nameEn,
  categoryId: unit.categoryId,
  category: {
    id: unit.category.id,
    code: unit.category.code,
    name: unit.category.name,
    nameEn: unit.category.nameEn,
  },
  principalLeaderName: unit.principalLeaderName,
  principalLeaderEmail: unit.principalLeaderEmail,
  partyCommitteeName: unit.partyCommitteeName,
  partyCommitteeEmail: unit.partyCommitteeEmail,
  active: unit.active,
  sortOrder: unit.sortOrder,
  openCycles,
});

async function requireCategory(db: Pick<Db, 'category'>, categoryId: string | undefined) {
  if (categoryId && !(await db.category.findUnique({ where: { id: categoryId }, select: { id: true } })))
    throw badRequest(`categoryId: unknown category ${categoryId}`, { categoryId: 'unknown category' });
}

export function adminUnitRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  const keepers = requireRole(db, ...STRUCTURE_KEEPERS);

  defineRoute(
    router,
    {
      method: 'get',
      path: '/structure/units',
      summary: 'Every unit, active or not, with contacts and the open cycles it takes part in',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      response: { schema: z.object({ units: z.array(adminUnitSchema) }) },
    },
    keepers,
    async (_req, res) => {
      const units = await db.unit.findMany({
        orderBy: [{ active: 'desc' }, { sortOrder: 'asc' }, { code: 'asc' }],
        include: { category: true },
      });
      const open = await openCyclesOf(
        db,
        units.map((unit) => unit.id),
      );
      res.json({ units: units.map((unit) => present(unit, open.get(unit.id) ?? [])) });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/structure/units',
      summary: 'Add a unit (it takes part from the next published cycle on); audited',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      body: unitBody,
      response: { status: 201, schema: z.object({ unit: adminUnitSchema }) },
      errors: [409],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const body = unitBody.parse(req.body);
      await requireCategory(db, body.categoryId);
      const unit = await auditedCreate(
        db,
        req,
        actor,
        { action: 'unit.create', targetType: 'Unit' },
        body,
        (tx) => tx.unit.create({ data: body, include: { category: true } }),
      );
      res.status(201).json({ unit: present(unit, []) });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/structure/units/:unitId',
      summary:
        'Edit, deactivate or reactivate a unit; a published cycle keeps the unit as it was published; audited',
      description:
        'Deactivating a unit that takes part in a published, unclosed cycle answers 409 CONFIRM_REQUIRED unless `confirm: true`: the unit stays in that running year (Art. 6, per year) and is left out of the next.',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      params: adminUnitParams,
      body: unitPatch,
      response: { schema: z.object({ unit: adminUnitSchema }) },
      errors: [404, 409],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const { unitId } = adminUnitParams.parse(req.params);
      const { confirm, ...patch } = unitPatch.parse(req.body);
      await requireCategory(db, patch.categoryId);
      const unit = await auditedUpdate(
        db,
        req,
        actor,
        { action: 'unit.update', targetType: 'Unit', targetId: unitId, missing: `unit ${unitId}` },
        patch,
        (tx) => tx.unit.findUnique({ where: { id: unitId } }),
        async (tx, before) => {
          if (before.active && patch.active === false && !confirm) {
            const running = (await openCyclesOf(tx, [unitId])).get(unitId) ?? [];
            if (running.length > 0)
              throw new HttpError(
                409,
                'CONFIRM_REQUIRED',
                `${before.name} takes part in the running cycle ${running.map((cycle) => cycle.year).join(', ')}: it stays in that year with its targets, rankings and results (Art. 6, per year) and is left out of the next cycle; repeat with confirm: true`,
                { active: `in the running cycle ${running.map((cycle) => cycle.year).join(', ')}` },
              );
          }
          return tx.unit.update({ where: { id: unitId }, data: patch, include: { category: true } });
        },
      );
      const open = await openCyclesOf(db, [unitId]);
      res.json({ unit: present(unit, open.get(unitId) ?? []) });
    },
  );

  return router;
}

// Member departments (成员部门, Art. 13, 22): those that rank units, and 组织建设部 that owns indicators.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import {
  auditedCreate,
  auditedUpdate,
  codeField,
  nameField,
  optionalName,
  sortOrderField,
  STRUCTURE_KEEPERS,
} from './shared';

export const departmentParams = z.object({ departmentId: z.uuid() });
const departmentFields = {
  code: codeField,
  name: nameField,
  nameEn: optionalName,
  ranks: z.boolean(),
  sortOrder: sortOrderField,
};
export const departmentBody = z.object({
  ...departmentFields,
  ranks: z.boolean().default(true),
  sortOrder: sortOrderField.default(0),
});
// No defaults in an edit: a field left out keeps its value.
export const departmentPatch = z.object(departmentFields).partial();

export const adminDepartmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  ranks: z.boolean(),
  sortOrder: z.number(),
  heads: z.array(z.object({ id: z.string(), displayName: z.string(), active: z.boolean() })).optional(),
});

export function departmentRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  const keepers = requireRole(db, ...STRUCTURE_KEEPERS);

  defineRoute(
    router,
    {
      method: 'get',
      path: '/structure/departments',
      summary: 'Member departments with their head accounts (structure administration)',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      response: { schema: z.object({ departments: z.array(adminDepartmentSchema) }) },
    },
    keepers,
    async (_req, res) => {
      const departments = await db.department.findMany({
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: {
          users: {
            where: { role: 'DEPARTMENT' },
            select: { id: true, displayName: true, active: true },
            orderBy: { username: 'asc' },
          },
        },
      });
      res.json({
        departments: departments.map(({ users, ...department }) => ({ ...department, heads: users })),
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/structure/departments',
      summary: 'Add a member department (Art. 22); audited',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      body: departmentBody,
      response: { status: 201, schema: z.object({ department: adminDepartmentSchema }) },
      errors: [409],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const body = departmentBody.parse(req.body);
      const department = await auditedCreate(
        db,
        req,
        actor,
        { action: 'department.create', targetType: 'Department' },
        body,
        (tx) => tx.department.create({ data: body }),
      );
      res.status(201).json({ department });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/structure/departments/:departmentId',
      summary:
        'Edit a department (whether it ranks, Art. 13); a published cycle keeps the rankers it was published with; audited',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      params: departmentParams,
      body: departmentPatch,
      response: { schema: z.object({ department: adminDepartmentSchema }) },
      errors: [404, 409],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const { departmentId } = departmentParams.parse(req.params);
      const patch = departmentPatch.parse(req.body);
      const department = await auditedUpdate(
        db,
        req,
        actor,
        {
          action: 'department.update',
          targetType: 'Department',
          targetId: departmentId,
          missing: `department ${departmentId}`,
        },
        patch,
        (tx) => tx.department.findUnique({ where: { id: departmentId } }),
        (tx) => tx.department.update({ where: { id: departmentId }, data: patch }),
      );
      res.json({ department });
    },
  );

  return router;
}

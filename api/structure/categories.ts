// Categories of units (分类考核、分类评价, Art. 6): rankings and comparisons are within a category.
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

export const categoryParams = z.object({ categoryId: z.uuid() });
const categoryFields = { code: codeField, name: nameField, nameEn: optionalName, sortOrder: sortOrderField };
export const categoryBody = z.object({ ...categoryFields, sortOrder: sortOrderField.default(0) });
// No defaults in an edit: a field left out keeps its value.
export const categoryPatch = z.object(categoryFields).partial();

export const adminCategorySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  sortOrder: z.number(),
  unitCount: z.number().optional(),
});

export function categoryRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  const keepers = requireRole(db, ...STRUCTURE_KEEPERS);

  defineRoute(
    router,
    {
      method: 'get',
      path: '/structure/categories',
      summary: 'Categories with the number of their active units (structure administration)',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      response: { schema: z.object({ categories: z.array(adminCategorySchema) }) },
    },
    keepers,
    async (_req, res) => {
      const categories = await db.category.findMany({
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: { _count: { select: { units: { where: { active: true } } } } },
      });
      res.json({
        categories: categories.map(({ _count, ...category }) => ({ ...category, unitCount: _count.units })),
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/structure/categories',
      summary: 'Add a category of units (Art. 6); audited',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      body: categoryBody,
      response: { status: 201, schema: z.object({ category: adminCategorySchema }) },
      errors: [409],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const body = categoryBody.parse(req.body);
      const category = await auditedCreate(
        db,
        req,
        actor,
        { action: 'category.create', targetType: 'Category' },
        body,
        (tx) => tx.category.create({ data: body }),
      );
      res.status(201).json({ category });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/structure/categories/:categoryId',
      summary: 'Edit a category; a published cycle keeps the category it was published with; audited',
      tags: ['structure'],
      roles: STRUCTURE_KEEPERS,
      params: categoryParams,
      body: categoryPatch,
      response: { schema: z.object({ category: adminCategorySchema }) },
      errors: [404, 409],
    },
    keepers,
    async (req, res) => {
      const actor = currentUser(req);
      const { categoryId } = categoryParams.parse(req.params);
      const patch = categoryPatch.parse(req.body);
      const category = await auditedUpdate(
        db,
        req,
        actor,
        {
          action: 'category.update',
          targetType: 'Category',
          targetId: categoryId,
          missing: `category ${categoryId}`,
        },
        patch,
        (tx) => tx.category.findUnique({ where: { id: categoryId } }),
        (tx) => tx.category.update({ where: { id: categoryId }, data: patch }),
      );
      res.json({ category });
    },
  );

  return router;
}

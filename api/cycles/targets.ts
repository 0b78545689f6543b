// Each unit's own target list (Art. 8) with the effective weights after non-undertaking (Art. 12).
import { cycleUnits } from '../../db/cycleStructure';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant } from '../openapi/responseSchemas';
import { indicatorGroup } from './rows';
import { effectiveWeights } from '../scoring/effectiveWeights';
import { READERS, findCycle, unitFilter, uuid, yearParams } from './shared';

const targetsQuery = z.object({ unitId: uuid.optional() });

const ref = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const targetsResponse = z.object({
  year: z.int(),
  published: z.boolean(),
  targets: z.array(
    z.object({
      unit: ref.extend({ categoryId: z.string() }),
      indicators: z.array(
        ref.extend({
          nameEn: z.string().nullable(),
          group: indicatorGroup,
          weight: z.number(),
          effectiveWeight: z.number().describe('after spreading the weights not undertaken (Art. 12)'),
          standard: z.string(),
          department: ref.nullable(),
          checkpoints: z.array(ref.extend({ dueAt: instant, share: z.number(), standard: z.string() })),
        }),
      ),
      notUndertaken: z.array(ref).describe('indicators this unit does not undertake (Art. 12)'),
    }),
  ),
});

export function targetRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/targets',
      summary: 'Target lists per unit with effective weights (a unit: its own; readers: all or ?unitId=)',
      response: { schema: targetsResponse },
      tags: ['targets'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      query: targetsQuery,
      errors: [404],
    },
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const query = targetsQuery.parse(req.query);
      const unitId = await unitFilter(db, req, query.unitId);
      const cycle = await findCycle(db, year);
      const indicators = await db.indicator.findMany({
        where: { cycleId: cycle.id },
        include: { checkpoints: { orderBy: { dueAt: 'asc' } }, notUndertaken: true, department: true },
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
      });
      // The units the cycle was published with (Art. 6 per year), or the live ones before publication.
      const units = (await cycleUnits(db, cycle.id)).filter((unit) => !unitId || unit.id === unitId);
      const weighted = indicators.map((indicator) => ({
        id: indicator.id,
        weight: Number(indicator.weight),
        notUndertakenBy: indicator.notUndertaken.map((row) => row.unitId),
      }));
      const targets = units.map((unit) => {
        const weights = effectiveWeights(weighted, unit.id);
        return {
          unit: { id: unit.id, code: unit.code, name: unit.name, categoryId: unit.categoryId },
          indicators: indicators
            .filter((indicator) => weights.has(indicator.id))
            .map((indicator) => ({
              id: indicator.id,
              code: indicator.code,
              name: indicator.name,
              nameEn: indicator.nameEn,
              group: indicator.group,
              weight: Number(indicator.weight),
              effectiveWeight: weights.get(indicator.id)!,
              standard: indicator.standard,
              department: indicator.department
                ? {
                    id: indicator.department.id,
                    code: indicator.department.code,
                    name: indicator.department.name,
                  }
                : null,
              checkpoints: indicator.checkpoints.map((checkpoint) => ({
                id: checkpoint.id,
                code: checkpoint.code,
                name: checkpoint.name,
                dueAt: checkpoint.dueAt,
                share: Number(checkpoint.share),
                standard: checkpoint.standard,
              })),
            })),
          notUndertaken: indicators
            .filter((indicator) => !weights.has(indicator.id))
            .map((indicator) => ({ id: indicator.id, code: indicator.code, name: indicator.name })),
        };
      });
      res.json({ year, published: Boolean(cycle.publishedAt), targets });
    },
  );

  return router;
}

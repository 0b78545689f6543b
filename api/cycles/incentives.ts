// Incentives for units graded GOOD (Art. 20): recorded by the office, read by the unit and the readers.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, row } from '../openapi/responseSchemas';
import { exactDecimal } from '../../domain/precision';
import {
  actorOf,
  findCycle,
  act,
  requireUnitExists,
  readForUnit,
  unitQuery,
  uuid,
  yearParams,
} from './shared';
import { LEADERSHIP } from './followUpAccess';

export const incentiveBody = z
  .object({
    unitId: uuid,
    kind: z.enum(['RECOGNITION', 'RECOGNITION_AND_REWARD']),
    amount: exactDecimal('amount').positive().max(100_000_000).nullable().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((body) => body.kind !== 'RECOGNITION_AND_REWARD' || Boolean(body.amount), {
    message: 'a reward in lieu of subsidy (以奖代补) needs a positive amount',
    path: ['amount'],
  });

const incentiveKind = z.enum(['RECOGNITION', 'RECOGNITION_AND_REWARD']);
export const incentiveRecordedResponse = z.object({
  incentive: z.object({ unitId: z.string(), kind: incentiveKind, amount: z.number().nullable() }),
});
export const incentivesResponse = z.object({
  incentives: z.array(
    row({
      id: z.string(),
      unitId: z.string(),
      kind: incentiveKind,
      amount: z.number().nullable(),
      note: z.string(),
      recordedById: z.string().nullable(),
      createdAt: instant,
    }),
  ),
});

export function incentiveRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/incentives',
      summary: 'Record an incentive for a unit graded GOOD (Art. 20)',
      tags: ['follow-up'],
      roles: ['OFFICE'],
      params: yearParams,
      body: incentiveBody,
      response: { schema: incentiveRecordedResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = incentiveBody.parse(req.body);
      const cycle = await findCycle(db, year);
      await requireUnitExists(db, body.unitId);
      await act(deps, req, (actions, options) =>
        actions.recordIncentive(
          cycle,
          {
            actor: actorOf(req),
            unitId: body.unitId,
            kind: body.kind,
            amount: body.amount ?? null,
            note: body.note,
          },
          options,
        ),
      );
      res
        .status(201)
        .json({ incentive: { unitId: body.unitId, kind: body.kind, amount: body.amount ?? null } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/incentives',
      summary: 'Incentives (a unit: its own)',
      response: { schema: incentivesResponse },
      tags: ['follow-up'],
      roles: ['UNIT', 'ADMIN', 'DEPARTMENT', ...LEADERSHIP],
      params: yearParams,
      query: unitQuery,
      errors: [404],
    },
    async (req, res) => {
      const incentives = await readForUnit(db, req, unitQuery.parse(req.query).unitId, (where) =>
        db.incentive.findMany({ where, orderBy: { createdAt: 'asc' } }),
      );
      res.json({
        incentives: incentives.map((row) => ({
          ...row,
          amount: row.amount === null ? null : Number(row.amount),
        })),
      });
    },
  );

  return router;
}

// Commendations and criticisms (Art. 14, 15) and downgrade decisions (Art. 17), recorded by the office
// through the year until the results are submitted for approval.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import { evidenceRef } from './rows';
import {
  READERS,
  actorOf,
  checkEvidence,
  findCycle,
  act,
  requireUnitExists,
  readForUnit,
  unitQuery,
  liveEvidence,
  uuid,
  yearParams,
} from './shared';

export const adjustmentBody = z
  .object({
    unitId: uuid,
    kind: z.enum(['COMMENDATION_MAJOR', 'COMMENDATION_MINOR', 'CRITICISM_MAJOR', 'CRITICISM_MINOR']),
    count: z.number().int().min(1).max(100).default(1),
    issuedBy: z.string().trim().min(1, 'name the body that commended or criticised').max(200),
    issuedOn: z.iso.date().nullable().optional(),
    note: z.string().trim().min(1, 'name the notice (文件) of the commendation or criticism').max(2000),
    evidenceIds: z.array(uuid).max(20).default([]),
  })
  .strict();
export const downgradeBody = z
  .object({
    unitId: uuid,
    levels: z.union([z.literal(1), z.literal(2)]),
    reason: z.enum([
      'CADRE_SELECTION',
      'PARTY_DISCIPLINE',
      'MAJOR_ERROR',
      'FALSIFICATION',
      'LEADERSHIP_SANCTIONED',
    ]),
    note: z.string().trim().min(1, 'state the facts behind the downgrade').max(2000),
  })
  .strict();

export const adjustmentCreatedResponse = z.object({ adjustment: z.object({ id: z.string() }) });
export const adjustmentsResponse = z.object({
  adjustments: z.array(
    row({
      id: z.string(),
      unitId: z.string(),
      kind: z.enum(['COMMENDATION_MAJOR', 'COMMENDATION_MINOR', 'CRITICISM_MAJOR', 'CRITICISM_MINOR']),
      count: z.int(),
      issuedBy: z.string(),
      issuedOn: nullableInstant,
      note: z.string(),
      recordedById: z.string(),
      createdAt: instant,
      evidence: z.array(evidenceRef),
    }),
  ),
});
export const downgradeCreatedResponse = z.object({ downgrade: z.object({ id: z.string() }) });
export const downgradesResponse = z.object({
  downgrades: z.array(
    row({
      id: z.string(),
      unitId: z.string(),
      levels: z.int(),
      reason: z.enum([
        'CADRE_SELECTION',
        'PARTY_DISCIPLINE',
        'MAJOR_ERROR',
        'FALSIFICATION',
        'LEADERSHIP_SANCTIONED',
      ]),
      note: z.string(),
      recordedById: z.string(),
      createdAt: instant,
    }),
  ),
});

export function adjustmentRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/adjustments',
      summary: 'Record a commendation or criticism (Art. 14, 15)',
      tags: ['adjustments'],
      roles: ['OFFICE'],
      params: yearParams,
      body: adjustmentBody,
      response: { schema: adjustmentCreatedResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = adjustmentBody.parse(req.body);
      const cycle = await findCycle(db, year);
      await requireUnitExists(db, body.unitId);
      const evidence = await checkEvidence(db, cycle.id, body.unitId, body.evidenceIds);
      const id = await act(deps, req, (actions, options) =>
        actions.recordAdjustment(
          cycle,
          {
            actor: actorOf(req),
            unitId: body.unitId,
            kind: body.kind,
            count: body.count,
            issuedBy: body.issuedBy,
            issuedOn: body.issuedOn ?? null,
            note: body.note,
            evidence,
          },
          options,
        ),
      );
      res.status(201).json({ adjustment: { id } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/adjustments',
      summary: 'Commendations and criticisms (a unit: its own)',
      response: { schema: adjustmentsResponse },
      tags: ['adjustments'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      query: unitQuery,
      errors: [404],
    },
    async (req, res) => {
      const adjustments = await readForUnit(db, req, unitQuery.parse(req.query).unitId, (where) =>
        db.adjustment.findMany({ where, include: { evidence: liveEvidence }, orderBy: { createdAt: 'asc' } }),
      );
      res.json({ adjustments });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/downgrades',
      summary: 'Record a downgrade decision (Art. 17)',
      tags: ['adjustments'],
      roles: ['OFFICE'],
      params: yearParams,
      body: downgradeBody,
      response: { schema: downgradeCreatedResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = downgradeBody.parse(req.body);
      const cycle = await findCycle(db, year);
      await requireUnitExists(db, body.unitId);
      const id = await act(deps, req, (actions, options) =>
        actions.recordDowngrade(
          cycle,
          {
            actor: actorOf(req),
            ...body,
          },
          options,
        ),
      );
      res.status(201).json({ downgrade: { id } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/downgrades',
      summary: 'Downgrade decisions (a unit: its own)',
      response: { schema: downgradesResponse },
      tags: ['adjustments'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      query: unitQuery,
      errors: [404],
    },
    async (req, res) => {
      const downgrades = await readForUnit(db, req, unitQuery.parse(req.query).unitId, (where) =>
        db.downgrade.findMany({ where, orderBy: { createdAt: 'asc' } }),
      );
      res.json({ downgrades });
    },
  );

  return router;
}

// Commendations and criticisms (Art. 14, 15) and downgrade decisions (Art. 17), recorded by the office
// through the year until the results are submitted for approval.
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../../deps';
import { requireRole } from '../../auth/access';
import { describeRoute } from '../../openapi/describeRoute';
import {
  READERS,
  actorOf,
  checkEvidence,
  findCycle,
  act,
  requireUnitExists,
  unitFilter,
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
const unitQuery = z.object({ unitId: uuid.optional() });

describeRoute({
  method: 'post',
  path: '/cycles/:year/adjustments',
  summary: 'Record a commendation or criticism (Art. 14, 15)',
  tags: ['adjustments'],
  roles: ['OFFICE'],
  params: yearParams,
  body: adjustmentBody,
  response: { status: 201 },
  errors: [404, 409],
});
describeRoute({
  method: 'get',
  path: '/cycles/:year/adjustments',
  summary: 'Commendations and criticisms (a unit: its own)',
  tags: ['adjustments'],
  roles: ['UNIT', ...READERS],
  params: yearParams,
  query: unitQuery,
  errors: [404],
});
describeRoute({
  method: 'post',
  path: '/cycles/:year/downgrades',
  summary: 'Record a downgrade decision (Art. 17)',
  tags: ['adjustments'],
  roles: ['OFFICE'],
  params: yearParams,
  body: downgradeBody,
  response: { status: 201 },
  errors: [404, 409],
});
describeRoute({
  method: 'get',
  path: '/cycles/:year/downgrades',
  summary: 'Downgrade decisions (a unit: its own)',
  tags: ['adjustments'],
  roles: ['UNIT', ...READERS],
  params: yearParams,
  query: unitQuery,
  errors: [404],
});

export function adjustmentRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = Router();

  router.post('/:year/adjustments', requireRole(db, 'OFFICE'), async (req, res) => {
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
  });

  router.get('/:year/adjustments', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const unitId = await unitFilter(db, req, unitQuery.parse(req.query).unitId);
    const cycle = await findCycle(db, year);
    const adjustments = await db.adjustment.findMany({
      where: { cycleId: cycle.id, ...(unitId ? { unitId } : {}) },
      include: {
        evidence: { where: { deletedAt: null }, select: { id: true, originalName: true, sha256: true } },
      },
      orderBy: { createdAt: 'asc' },
    });
    res.json({ adjustments });
  });

  router.post('/:year/downgrades', requireRole(db, 'OFFICE'), async (req, res) => {
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
  });

  router.get('/:year/downgrades', async (req, res) => {
    const { year } = yearParams.parse(req.params);
    const unitId = await unitFilter(db, req, unitQuery.parse(req.query).unitId);
    const cycle = await findCycle(db, year);
    const downgrades = await db.downgrade.findMany({
      where: { cycleId: cycle.id, ...(unitId ? { unitId } : {}) },
      orderBy: { createdAt: 'asc' },
    });
    res.json({ downgrades });
  });

  return router;
}

// Failing units' written explanations and the leadership group's review of them (Art. 21).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import { evidenceRef } from './rows';
import {
  actorOf,
  checkEvidence,
  findCycle,
  act,
  requireOwnUnit,
  readForUnit,
  unitQuery,
  liveEvidence,
  uuid,
  yearParams,
} from './shared';
import { LEADERSHIP, unitParams } from './followUpAccess';

export const explanationBody = z
  .object({
    content: z.string().trim().min(1, 'the explanation may not be empty').max(50000),
    evidenceIds: z.array(uuid).max(20).default([]),
  })
  .strict();
export const reviewBody = z
  .object({ decision: z.enum(['ACCEPT', 'RETURN']), comment: z.string().max(5000).optional() })
  .strict()
  .refine((body) => body.decision !== 'RETURN' || Boolean(body.comment?.trim()), {
    message: 'say what must be revised',
    path: ['comment'],
  });

const explanationStatus = z.enum(['PENDING', 'SUBMITTED', 'RETURNED', 'ACCEPTED']);
export const explanationsResponse = z.object({
  explanations: z.array(
    row({
      id: z.string(),
      unitId: z.string(),
      dueAt: instant,
      status: explanationStatus,
      content: z.string(),
      revision: z.int(),
      submittedAt: nullableInstant,
      submittedById: z.string().nullable(),
      late: z.boolean(),
      escalations: z.int(),
      reviewComment: z.string(),
      reviewedById: z.string().nullable(),
      reviewedAt: nullableInstant,
      evidence: z.array(evidenceRef),
    }),
  ),
});
export const explanationStateResponse = z.object({
  explanation: z.object({
    unitId: z.string(),
    dueAt: z.string(),
    status: explanationStatus,
    revision: z.int(),
    late: z.boolean().describe('sticky: once a deadline was missed it stays flagged'),
  }),
});

export function explanationRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/explanations',
      summary: 'Failing units’ written explanations (a unit: its own)',
      response: { schema: explanationsResponse },
      tags: ['follow-up'],
      roles: ['UNIT', 'ADMIN', 'DEPARTMENT', ...LEADERSHIP],
      params: yearParams,
      query: unitQuery,
      errors: [404],
    },
    async (req, res) => {
      const explanations = await readForUnit(db, req, unitQuery.parse(req.query).unitId, (where) =>
        db.explanation.findMany({ where, include: { evidence: liveEvidence }, orderBy: { dueAt: 'asc' } }),
      );
      res.json({ explanations });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/explanations/:unitId',
      summary: 'A failing unit submits its written explanation (Art. 21)',
      tags: ['follow-up'],
      roles: ['UNIT'],
      params: unitParams,
      body: explanationBody,
      response: { schema: explanationStateResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'UNIT'),
    async (req, res) => {
      const { year, unitId } = unitParams.parse(req.params);
      const body = explanationBody.parse(req.body);
      await requireOwnUnit(db, req, unitId);
      const cycle = await findCycle(db, year);
      const evidence = await checkEvidence(db, cycle.id, unitId, body.evidenceIds);
      const status = await act(deps, req, (actions, options) =>
        actions.submitExplanation(
          cycle,
          {
            actor: actorOf(req),
            unitId,
            content: body.content,
            evidence,
          },
          options,
        ),
      );
      res.status(201).json({ explanation: status });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/explanations/:unitId/review',
      summary: 'The office accepts an explanation or returns it for revision (Art. 21)',
      response: { schema: explanationStateResponse },
      tags: ['follow-up'],
      roles: ['OFFICE'],
      params: unitParams,
      body: reviewBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year, unitId } = unitParams.parse(req.params);
      const body = reviewBody.parse(req.body);
      const cycle = await findCycle(db, year);
      const status = await act(deps, req, (actions, options) =>
        actions.reviewExplanation(
          cycle,
          {
            actor: actorOf(req),
            unitId,
            decision: body.decision,
            comment: body.comment,
          },
          options,
        ),
      );
      res.json({ explanation: status });
    },
  );

  return router;
}

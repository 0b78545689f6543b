// Feedback to each unit's principal leader and its confirmation (Art. 19).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { conflict } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import {
  actorOf,
  findCycle,
  act,
  requireOwnUnit,
  requireUnitExists,
  readForUnit,
  unitQuery,
  yearParams,
} from './shared';
import { LEADERSHIP, unitParams } from './followUpAccess';

export const feedbackBody = z
  .object({ content: z.string().trim().min(1, 'the feedback may not be empty').max(20000) })
  .strict();
export const confirmBody = z.object({ note: z.string().max(5000).optional() }).strict();

export const feedbackRecordedResponse = z.object({
  feedback: z.object({ unitId: z.string(), content: z.string() }),
});
export const feedbackConfirmedResponse = z.object({
  feedback: z.object({ unitId: z.string(), confirmed: z.literal(true) }),
});
export const feedbackListResponse = z.object({
  feedback: z.array(
    row({
      id: z.string(),
      unitId: z.string(),
      content: z.string(),
      recordedById: z.string(),
      recordedAt: instant,
      confirmedAt: nullableInstant,
      confirmedById: z.string().nullable(),
      confirmationNote: z.string(),
    }),
  ),
});

export function feedbackRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/feedback/:unitId',
      summary: 'Record the leadership group’s feedback to a unit’s principal leader (Art. 19)',
      tags: ['follow-up'],
      roles: [...LEADERSHIP],
      params: unitParams,
      body: feedbackBody,
      response: { schema: feedbackRecordedResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, ...LEADERSHIP),
    async (req, res) => {
      const { year, unitId } = unitParams.parse(req.params);
      const body = feedbackBody.parse(req.body);
      const cycle = await findCycle(db, year);
      await requireUnitExists(db, unitId);
      // Feedback is recorded once per unit (Art. 19): a second one is a DUPLICATE, not a CLOSED stage.
      if (await db.feedback.findUnique({ where: { cycleId_unitId: { cycleId: cycle.id, unitId } } }))
        throw conflict('DUPLICATE', `feedback for unit ${unitId} was already recorded`);
      await act(deps, req, (actions, options) =>
        actions.recordFeedback(
          cycle,
          {
            actor: actorOf(req),
            unitId,
            content: body.content,
          },
          options,
        ),
      );
      res.status(201).json({ feedback: { unitId, content: body.content } });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/feedback/:unitId/confirm',
      summary: 'The unit confirms the feedback was passed on to its staff (Art. 19)',
      response: { schema: feedbackConfirmedResponse },
      tags: ['follow-up'],
      roles: ['UNIT'],
      params: unitParams,
      body: confirmBody,
      errors: [404, 409],
    },
    requireRole(db, 'UNIT'),
    async (req, res) => {
      const { year, unitId } = unitParams.parse(req.params);
      const body = confirmBody.parse(req.body ?? {});
      await requireOwnUnit(db, req, unitId);
      const cycle = await findCycle(db, year);
      await act(deps, req, (actions, options) =>
        actions.confirmFeedback(cycle, { actor: actorOf(req), unitId, note: body.note }, options),
      );
      res.json({ feedback: { unitId, confirmed: true } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/feedback',
      summary: 'Feedback and confirmations (a unit: its own)',
      response: { schema: feedbackListResponse },
      tags: ['follow-up'],
      roles: ['UNIT', 'ADMIN', 'DEPARTMENT', ...LEADERSHIP],
      params: yearParams,
      query: unitQuery,
      errors: [404],
    },
    async (req, res) => {
      const feedback = await readForUnit(db, req, unitQuery.parse(req.query).unitId, (where) =>
        db.feedback.findMany({ where, orderBy: { recordedAt: 'asc' } }),
      );
      res.json({ feedback });
    },
  );

  return router;
}

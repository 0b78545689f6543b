// After publication (Art. 19-21): feedback to each unit's principal leader and its confirmation,
// failing units' written explanations and their review, and incentives for units graded GOOD.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { conflict } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import { evidenceRef } from './rows';
import { exactDecimal } from '../../domain/precision';
import {} from '../../workflows/contract';
import {
  actorOf,
  checkEvidence,
  findCycle,
  act,
  requireOwnUnit,
  requireUnitExists,
  unitFilter,
  uuid,
  yearParams,
} from './shared';

const unitParams = yearParams.extend({ unitId: uuid });
const unitQuery = z.object({ unitId: uuid.optional() });
export const feedbackBody = z
  .object({ content: z.string().trim().min(1, 'the feedback may not be empty').max(20000) })
  .strict();
export const confirmBody = z.object({ note: z.string().max(5000).optional() }).strict();
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
const LEADERSHIP = ['OFFICE', 'LEADER', 'PARTY_MEMBER'] as const;

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

export function followUpRoutes(deps: ApiDeps): Router {
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
      const { year } = yearParams.parse(req.params);
      const unitId = await unitFilter(db, req, unitQuery.parse(req.query).unitId);
      const cycle = await findCycle(db, year);
      const feedback = await db.feedback.findMany({
        where: { cycleId: cycle.id, ...(unitId ? { unitId } : {}) },
        orderBy: { recordedAt: 'asc' },
      });
      res.json({ feedback });
    },
  );

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
      const { year } = yearParams.parse(req.params);
      const unitId = await unitFilter(db, req, unitQuery.parse(req.query).unitId);
      const cycle = await findCycle(db, year);
      const explanations = await db.explanation.findMany({
        where: { cycleId: cycle.id, ...(unitId ? { unitId } : {}) },
        include: {
          evidence: { where: { deletedAt: null }, select: { id: true, originalName: true, sha256: true } },
        },
        orderBy: { dueAt: 'asc' },
      });
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
      const { year } = yearParams.parse(req.params);
      const unitId = await unitFilter(db, req, unitQuery.parse(req.query).unitId);
      const cycle = await findCycle(db, year);
      const incentives = await db.incentive.findMany({
        where: { cycleId: cycle.id, ...(unitId ? { unitId } : {}) },
        orderBy: { createdAt: 'asc' },
      });
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

// A cycle created by the office with its configuration and schedule (Art. 5, 8), listed and read with
// its indicators, checkpoints, non-undertaking units and stage transitions.
import type { Router } from 'express';
import { z } from 'zod';
import { yearParams } from './shared';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { HttpError, badRequest, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { isScheduleInOrder, SCHEDULE_ORDER_RULE } from '../../domain/cycle/scheduleOrder';
import { setupWindow } from '../../domain/cycle/plausibleDates';
import { prefixed, requirePlausible } from './plausibleInput';
import { cycleWorkflowId } from '../../workflows/contract';
import { defaultApprovalRule, approvalRuleSchema } from '../../domain/cycle/approvalRule';
import { scoringConfigSchema } from '../../domain/scoring/scoringConfig';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { isoDate } from '../../domain/cycle/indicatorShape';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import { checkpointRow, cycleRow, cycleStage, departmentRow, indicatorRow } from './rows';

/** The body's scoring configuration, checked with its refusals named under `scoringConfig.` (e.g. a weight's precision). */
export function parseScoringConfigField(raw: unknown) {
  return z.object({ scoringConfig: scoringConfigSchema }).parse({ scoringConfig: raw ?? {} }).scoringConfig;
}

export const createCycleBody = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().min(1).max(200).optional(),
  docNumber: z.string().max(100).optional(),
  useThirdParty: z.boolean().default(false),
  scoringConfig: z.unknown().optional(),
  approvalRule: approvalRuleSchema.optional(),
  schedule: z.object({
    selfCheckOpensAt: isoDate,
    selfCheckDueAt: isoDate,
    verificationDueAt: isoDate,
    evaluationDueAt: isoDate,
  }),
  explanationDays: z.number().int().min(1).max(90).default(15),
  reminderLeadDays: z.number().int().min(0).max(30).default(3),
});

const TAGS = ['cycle configuration'];

export const cycleListResponse = z.object({
  cycles: z.array(
    z.object({
      id: z.string(),
      year: z.int(),
      title: z.string(),
      stage: cycleStage,
      publishedAt: nullableInstant,
      closedAt: nullableInstant,
    }),
  ),
});
export const cycleResponse = z.object({ cycle: cycleRow });
export const cycleDetailResponse = z.object({
  cycle: cycleRow.extend({
    indicators: z.array(
      indicatorRow.extend({
        checkpoints: z.array(checkpointRow),
        notUndertaken: z.array(
          row({
            indicatorId: z.string(),
            unitId: z.string(),
            reason: z.string(),
            unit: z.object({ code: z.string() }),
          }),
        ),
        department: departmentRow.nullable(),
      }),
    ),
    transitions: z.array(
      row({
        stage: cycleStage,
        enteredAt: instant,
        manual: z.boolean(),
        actorId: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  }),
});

export function createCycleRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles',
      summary: 'Every cycle, newest first',
      response: { schema: cycleListResponse },
      tags: TAGS,
      roles: 'any',
    },
    async (req, res) => {
      currentUser(req);
      const cycles = await db.cycle.findMany({
        orderBy: { year: 'desc' },
        select: { id: true, year: true, title: true, stage: true, publishedAt: true, closedAt: true },
      });
      res.json({ cycles });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles',
      summary: 'Create a cycle with its configuration and schedule (Art. 5, 8)',
      tags: TAGS,
      roles: ['OFFICE'],
      body: createCycleBody,
      response: { schema: cycleResponse, status: 201 },
      errors: [409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const body = createCycleBody.parse(req.body);
      const scoringConfig = parseScoringConfigField(body.scoringConfig);
      if (body.useThirdParty && !scoringConfig.comprehensive.thirdParty) {
        throw badRequest(
          'scoringConfig.comprehensive.thirdParty: a cycle with a third party needs its weight (Art. 11: 8/4/3)',
          {
            'scoringConfig.comprehensive.thirdParty': 'required when useThirdParty is true',
          },
        );
      }
      const s = body.schedule;
      const preparedAt = deps.now ? await deps.now() : new Date();
      requirePlausible(prefixed('schedule', s), setupWindow(body.year, preparedAt));
      if (!isScheduleInOrder(s))
        throw badRequest(`schedule: ${SCHEDULE_ORDER_RULE}`, { schedule: 'dates out of order' });
      if (await db.cycle.findUnique({ where: { year: body.year } }))
        throw new HttpError(409, 'DUPLICATE', `a cycle for ${body.year} exists`);
      const cycle = await db.cycle.create({
        data: {
          year: body.year,
          title: body.title ?? `${body.year}年度各区市县（开放先导区）总工会工作实绩考核`,
          docNumber: body.docNumber,
          workflowId: cycleWorkflowId(body.year),
          scoringConfig,
          approvalRule: body.approvalRule ?? defaultApprovalRule,
          useThirdParty: body.useThirdParty,
          selfCheckOpensAt: new Date(s.selfCheckOpensAt),
          selfCheckDueAt: new Date(s.selfCheckDueAt),
          verificationDueAt: new Date(s.verificationDueAt),
          evaluationDueAt: new Date(s.evaluationDueAt),
          explanationDays: body.explanationDays,
          reminderLeadDays: body.reminderLeadDays,
          createdById: actor.userId,
        },
      });
      await writeAudit(db, {
        cycleId: cycle.id,
        actor,
        action: 'cycle.create',
        targetType: 'Cycle',
        targetId: cycle.id,
        after: body,
        ip: req.ip,
      });
      res.status(201).json({ cycle });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year',
      summary: 'A cycle with its indicators, checkpoints, non-undertaking and stage transitions',
      response: { schema: cycleDetailResponse },
      tags: TAGS,
      roles: 'any',
      params: yearParams,
      errors: [404],
    },
    async (req, res) => {
      currentUser(req);
      const { year } = yearParams.parse(req.params);
      const cycle = await db.cycle.findUnique({
        where: { year },
        include: {
          indicators: {
            include: {
              checkpoints: { orderBy: { dueAt: 'asc' } },
              notUndertaken: { include: { unit: { select: { code: true } } } },
              department: true,
            },
            orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          },
          transitions: { orderBy: { enteredAt: 'asc' } },
        },
      });
      if (!cycle) throw notFound(`cycle ${year}`);
      res.json({ cycle });
    },
  );

  return router;
}

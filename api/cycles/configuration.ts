// Editing a cycle's configuration, schedule and indicators (Art. 5, 8, 12), only before publication:
// once the targets are sent to the units they are frozen (Art. 8).
import { isScheduleInOrder, SCHEDULE_ORDER_RULE } from '../../domain/cycle/scheduleOrder';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { HttpError, badRequest, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { approvalRuleSchema } from '../../domain/cycle/approvalRule';
import { scoringConfigSchema } from '../../domain/scoring/scoringConfig';
import { createCycleBody, cycleResponse, parseScoringConfigField } from './createCycle';
import { indicatorBody } from '../../domain/cycle/indicatorShape';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { indicatorResponse } from './indicators';
import { cycleWindow, prefixed, requirePlausible } from './plausibleInput';
import { actorOf, editUnpublished, findCycle, requireUnpublished, yearParams } from './shared';
import { indicatorContent } from './indicatorContent';

export const updateCycleBody = createCycleBody
  .omit({ year: true })
  .extend({ schedule: createCycleBody.shape.schedule.optional(), useThirdParty: z.boolean().optional() })
  .partial()
  .strict();
export const updateIndicatorBody = indicatorBody.omit({ code: true }).strict();
const indicatorParams = yearParams.extend({ code: z.string().min(1).max(40) });

export function configurationRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'put',
      path: '/cycles/:year',
      summary: 'Edit the configuration and schedule (only before publication, Art. 8)',
      response: { schema: cycleResponse },
      tags: ['cycle configuration'],
      roles: ['OFFICE'],
      params: yearParams,
      body: updateCycleBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = actorOf(req);
      const { year } = yearParams.parse(req.params);
      const body = updateCycleBody.parse(req.body);
      const cycle = await findCycle(db, year);
      requireUnpublished(cycle, 'the cycle configuration');
      const scoringConfig =
        body.scoringConfig === undefined
          ? scoringConfigSchema.parse(cycle.scoringConfig)
          : parseScoringConfigField(body.scoringConfig);
      const useThirdParty = body.useThirdParty ?? cycle.useThirdParty;
      if (useThirdParty && !scoringConfig.comprehensive.thirdParty) {
        throw badRequest(
          'scoringConfig.comprehensive.thirdParty: a cycle with a third party needs its weight (Art. 11: 8/4/3)',
          {
            'scoringConfig.comprehensive.thirdParty': 'required when useThirdParty is true',
          },
        );
      }
      const schedule = body.schedule ?? {
        selfCheckOpensAt: cycle.selfCheckOpensAt.toISOString(),
        selfCheckDueAt: cycle.selfCheckDueAt.toISOString(),
        verificationDueAt: cycle.verificationDueAt.toISOString(),
        evaluationDueAt: cycle.evaluationDueAt.toISOString(),
      };
      if (body.schedule) requirePlausible(prefixed('schedule', body.schedule), cycleWindow(cycle));
      if (!isScheduleInOrder(schedule))
        throw badRequest(`schedule: ${SCHEDULE_ORDER_RULE}`, { schedule: 'dates out of order' });
      const updated = await editUnpublished(
        db,
        cycle.id,
        'the cycle configuration',
        async (tx) => {
          const saved = await tx.cycle.update({
            where: { id: cycle.id },
            data: {
              ...(body.title !== undefined ? { title: body.title } : {}),
              ...(body.docNumber !== undefined ? { docNumber: body.docNumber } : {}),
              ...(body.approvalRule !== undefined
                ? { approvalRule: approvalRuleSchema.parse(body.approvalRule) }
                : {}),
              ...(body.explanationDays !== undefined ? { explanationDays: body.explanationDays } : {}),
              ...(body.reminderLeadDays !== undefined ? { reminderLeadDays: body.reminderLeadDays } : {}),
              scoringConfig,
              useThirdParty,
              selfCheckOpensAt: new Date(schedule.selfCheckOpensAt),
              selfCheckDueAt: new Date(schedule.selfCheckDueAt),
              verificationDueAt: new Date(schedule.verificationDueAt),
              evaluationDueAt: new Date(schedule.evaluationDueAt),
            },
          });
          await writeAudit(tx, {
            cycleId: cycle.id,
            actor,
            action: 'cycle.update',
            targetType: 'Cycle',
            targetId: cycle.id,
            before: cycle,
            after: body,
            ip: req.ip,
          });
          return saved;
        },
        'update',
      );
      res.json({ cycle: updated });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/cycles/:year/indicators/:code',
      summary:
        'Replace an indicator, its checkpoints and non-undertaking units (only before publication, Art. 8, 12)',
      response: { schema: indicatorResponse },
      tags: ['cycle configuration'],
      roles: ['OFFICE'],
      params: indicatorParams,
      body: updateIndicatorBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = actorOf(req);
      const { year, code } = indicatorParams.parse(req.params);
      const body = updateIndicatorBody.parse(req.body);
      const cycle = await findCycle(db, year);
      requireUnpublished(cycle, 'indicators');
      const existing = await db.indicator.findUnique({
        where: { cycleId_code: { cycleId: cycle.id, code } },
        include: { checkpoints: true, notUndertaken: true },
      });
      if (!existing) throw notFound(`indicator ${code}`);
      const content = await indicatorContent(db, cycle, body);
      const clash = await db.checkpoint.findFirst({
        where: {
          cycleId: cycle.id,
          code: { in: body.checkpoints.map((checkpoint) => checkpoint.code) },
          indicatorId: { not: existing.id },
        },
      });
      if (clash)
        throw new HttpError(409, 'DUPLICATE', `checkpoint ${clash.code} exists under another indicator`);
      const indicator = await editUnpublished(db, cycle.id, 'indicators', async (tx) => {
        await tx.checkpoint.deleteMany({ where: { indicatorId: existing.id } });
        await tx.nonUndertaking.deleteMany({ where: { indicatorId: existing.id } });
        const saved = await tx.indicator.update({
          where: { id: existing.id },
          data: content,
          include: { checkpoints: true },
        });
        await writeAudit(tx, {
          cycleId: cycle.id,
          actor,
          action: 'indicator.update',
          targetType: 'Indicator',
          targetId: existing.id,
          before: existing,
          after: body,
          ip: req.ip,
        });
        return saved;
      });
      res.json({ indicator });
    },
  );

  return router;
}

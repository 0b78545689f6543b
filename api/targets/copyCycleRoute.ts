// Last year as a template (issue 14): a new cycle made from an earlier one — its configuration, approval
// rule and schedule, its indicators with their checkpoints and the units that do not undertake them —
// with every date moved by whole years (29 February → 28 February). The new cycle is in target setting,
// unpublished, and is edited like any other before publication (Art. 5, 8).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { HttpError, badRequest } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { cycleRow } from '../cycles/rows';
import { writeAudit } from '../../db/audit';
import { actorOf, findCycle, yearParams } from '../cycles/shared';
import { cycleWorkflowId } from '../../workflows/contract';
import { shiftByYears } from '../../domain/cycle/shiftYears';
import { isScheduleInOrder, SCHEDULE_ORDER_RULE } from '../../domain/cycle/scheduleOrder';
import { setupWindow } from '../../domain/cycle/plausibleDates';
import { prefixed, requirePlausible } from '../cycles/plausibleInput';
import type { Prisma } from '../../prisma/client';

export const copyCycleBody = z.object({
  year: z.number().int().min(2000).max(2100).describe('the year of the new cycle'),
  title: z.string().min(1).max(200).optional(),
  docNumber: z.string().max(100).optional(),
});

export function copyCycleRoute(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/copy',
      summary:
        'Create the cycle of another year from this one: configuration, schedule, indicators, checkpoints and non-undertaking, dates moved by whole years',
      tags: ['cycle configuration'],
      roles: ['OFFICE'],
      params: yearParams,
      body: copyCycleBody,
      response: { status: 201, schema: z.object({ cycle: cycleRow }) },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = actorOf(req);
      const { year: sourceYear } = yearParams.parse(req.params);
      const body = copyCycleBody.parse(req.body);
      const source = await findCycle(db, sourceYear);
      const years = body.year - sourceYear;
      if (years === 0)
        throw badRequest('year: the new cycle needs another year', { year: 'same as the source' });
      const move = (date: Date) => shiftByYears(date, years);
      const schedule = {
        selfCheckOpensAt: move(source.selfCheckOpensAt).toISOString(),
        selfCheckDueAt: move(source.selfCheckDueAt).toISOString(),
        verificationDueAt: move(source.verificationDueAt).toISOString(),
        evaluationDueAt: move(source.evaluationDueAt).toISOString(),
      };
      // The new cycle's dates are held to the window of a cycle set up now (issue 16), like a typed one.
      requirePlausible(
        prefixed('schedule', schedule),
        setupWindow(body.year, deps.now ? await deps.now() : new Date()),
      );
      // Moving every date alike keeps their order, except where 29 February folds onto the 28th.
      if (!isScheduleInOrder(schedule))
        throw badRequest(`schedule: ${SCHEDULE_ORDER_RULE}`, { schedule: 'dates out of order' });
      if (await db.cycle.findUnique({ where: { year: body.year } }))
        throw new HttpError(409, 'DUPLICATE', `a cycle for ${body.year} exists`);
      const indicators = await db.indicator.findMany({
        where: { cycleId: source.id },
        include: { checkpoints: true, notUndertaken: true },
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
      });
      const title =
        body.title ??
        (source.title.includes(String(sourceYear))
          ? source.title.split(String(sourceYear)).join(String(body.year))
          : `${body.year}年度各区市县（开放先导区）总工会工作实绩考核`);
      const docNumber =
        body.docNumber ?? source.docNumber?.split(String(sourceYear)).join(String(body.year)) ?? undefined;
      const cycle = await db.$transaction(async (tx) => {
        const created = await tx.cycle.create({
          data: {
            year: body.year,
            title,
            docNumber,
            workflowId: cycleWorkflowId(body.year),
            scoringConfig: source.scoringConfig as Prisma.InputJsonValue,
            approvalRule: source.approvalRule as Prisma.InputJsonValue,
            useThirdParty: source.useThirdParty,
            selfCheckOpensAt: new Date(schedule.selfCheckOpensAt),
            selfCheckDueAt: new Date(schedule.selfCheckDueAt),
            verificationDueAt: new Date(schedule.verificationDueAt),
            evaluationDueAt: new Date(schedule.evaluationDueAt),
            explanationDays: source.explanationDays,
            reminderLeadDays: source.reminderLeadDays,
            createdById: actor.userId,
          },
        });
        for (const indicator of indicators) {
          await tx.indicator.create({
            data: {
              cycleId: created.id,
              code: indicator.code,
              name: indicator.name,
              nameEn: indicator.nameEn,
              group: indicator.group,
              weight: indicator.weight,
              standard: indicator.standard,
              departmentId: indicator.departmentId,
              sortOrder: indicator.sortOrder,
              checkpoints: {
                create: indicator.checkpoints.map((checkpoint) => ({
                  cycleId: created.id,
                  code: checkpoint.code,
                  name: checkpoint.name,
                  dueAt: move(checkpoint.dueAt),
                  share: checkpoint.share,
                  standard: checkpoint.standard,
                })),
              },
              notUndertaken: {
                create: indicator.notUndertaken.map((row) => ({ unitId: row.unitId, reason: row.reason })),
              },
            },
          });
        }
        await writeAudit(tx, {
          cycleId: created.id,
          actor,
          action: 'cycle.copy',
          targetType: 'Cycle',
          targetId: created.id,
          after: {
            sourceYear,
            year: body.year,
            title,
            schedule,
            indicators: indicators.length,
            checkpoints: indicators.reduce((sum, indicator) => sum + indicator.checkpoints.length, 0),
          },
          ip: req.ip,
        });
        return created;
      });
      res.status(201).json({ cycle });
    },
  );
  return router;
}

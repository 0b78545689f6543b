// The office adds and deletes a cycle's indicators until publication (Art. 5, 12); the indicator's shape
// is a domain rule shared with the Excel import (domain/cycle/indicatorShape.ts).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { HttpError, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { indicatorBody } from '../../domain/cycle/indicatorShape';

import { indicatorContent } from './indicatorContent';
import { checkpointRow, indicatorRow } from './rows';
import { editUnpublished, findCycle, requireUnpublished, yearParams } from './shared';

const indicatorCodeParams = yearParams.extend({ code: z.string() });

const TAGS = ['cycle configuration'];

export const indicatorResponse = z.object({
  indicator: indicatorRow.extend({ checkpoints: z.array(checkpointRow) }),
});

export function indicatorRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/indicators',
      summary: 'Add an indicator with checkpoints and non-undertaking units (before publication)',
      tags: TAGS,
      roles: ['OFFICE'],
      params: yearParams,
      body: indicatorBody,
      response: { schema: indicatorResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const body = indicatorBody.parse(req.body);
      const cycle = await findCycle(db, year);
      requireUnpublished(cycle, 'indicators');
      const content = await indicatorContent(db, cycle, body);
      const clash = await db.checkpoint.findFirst({
        where: { cycleId: cycle.id, code: { in: body.checkpoints.map((checkpoint) => checkpoint.code) } },
        include: { indicator: { select: { code: true } } },
      });
      if (clash)
        throw new HttpError(
          409,
          'DUPLICATE',
          `checkpoint ${clash.code} exists under indicator ${clash.indicator.code}`,
          {
            [`checkpoints.${body.checkpoints.findIndex((c) => c.code === clash.code)}.code`]: 'already taken',
          },
        );
      const count = await db.indicator.count({ where: { cycleId: cycle.id } });
      const indicator = await editUnpublished(db, cycle.id, 'indicators', async (tx) => {
        if (
          await tx.indicator.findUnique({ where: { cycleId_code: { cycleId: cycle.id, code: body.code } } })
        ) {
          throw new HttpError(409, 'DUPLICATE', `indicator ${body.code} exists in this cycle`);
        }
        const created = await tx.indicator.create({
          data: { cycleId: cycle.id, code: body.code, sortOrder: count, ...content },
          include: { checkpoints: true },
        });
        await writeAudit(tx, {
          cycleId: cycle.id,
          actor,
          action: 'indicator.create',
          targetType: 'Indicator',
          targetId: created.id,
          after: body,
          ip: req.ip,
        });
        return created;
      });
      res.status(201).json({ indicator });
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/cycles/:year/indicators/:code',
      summary: 'Delete an indicator (before publication)',
      tags: TAGS,
      roles: ['OFFICE'],
      params: indicatorCodeParams,
      response: { status: 204 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { year, code } = indicatorCodeParams.parse(req.params);
      const cycle = await findCycle(db, year);
      requireUnpublished(cycle, 'indicators');
      const indicator = await db.indicator.findUnique({
        where: { cycleId_code: { cycleId: cycle.id, code } },
      });
      if (!indicator) throw notFound(`indicator ${code}`);
      await editUnpublished(db, cycle.id, 'indicators', async (tx) => {
        await tx.indicator.delete({ where: { id: indicator.id } });
        await writeAudit(tx, {
          cycleId: cycle.id,
          actor,
          action: 'indicator.delete',
          targetType: 'Indicator',
          targetId: indicator.id,
          before: indicator,
          ip: req.ip,
        });
      });
      res.status(204).end();
    },
  );

  return router;
}

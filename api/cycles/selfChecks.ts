// The year-end self-check (Art. 8: 年终自查): one entry per undertaken indicator, with evidence.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import type { SelfCheckInput } from '../../workflows/contract';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { row } from '../openapi/responseSchemas';
import { evidenceListed } from './submissions';
import { exactDecimal } from '../../domain/precision';
import {
  READERS,
  actorOf,
  checkEvidence,
  findCycle,
  act,
  requireOwnUnit,
  requireUnitExists,
  readForUnit,
  uuid,
  yearParams,
} from './shared';

export const selfCheckBody = z
  .object({
    unitId: uuid,
    items: z
      .array(
        z
          .object({
            indicatorId: uuid,
            selfFraction: exactDecimal('fraction').min(0).max(1).nullable().optional(),
            text: z.string().trim().min(1, 'describe what was done').max(20000),
            evidenceIds: z.array(uuid).max(50).default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
const selfCheckQuery = z.object({ unitId: uuid.optional() });

export const recordedResponse = z.object({ recorded: z.int().describe('entries recorded') });
export const selfChecksResponse = z.object({
  selfChecks: z.array(
    row({
      id: z.string(),
      cycleId: z.string(),
      unitId: z.string(),
      indicatorId: z.string(),
      selfFraction: z.number().nullable(),
      text: z.string(),
      indicator: z.object({ code: z.string(), name: z.string() }),
      evidence: z.array(evidenceListed),
    }),
  ),
});

export function selfCheckRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/self-checks',
      summary: 'A unit submits its year-end self-check per indicator (stage SELF_CHECK)',
      tags: ['self-check'],
      roles: ['UNIT'],
      params: yearParams,
      body: selfCheckBody,
      response: { schema: recordedResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'UNIT'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = selfCheckBody.parse(req.body);
      await requireOwnUnit(db, req, body.unitId);
      const cycle = await findCycle(db, year);
      await requireUnitExists(db, body.unitId);
      const items: SelfCheckInput['items'] = [];
      for (const [index, item] of body.items.entries()) {
        const evidence = await checkEvidence(
          db,
          cycle.id,
          body.unitId,
          item.evidenceIds,
          `items.${index}.evidenceIds`,
        );
        items.push({
          indicatorId: item.indicatorId,
          selfFraction: item.selfFraction ?? null,
          text: item.text,
          evidence,
        });
      }
      const count = await act(deps, req, (actions, options) =>
        actions.submitSelfCheck(
          cycle,
          {
            actor: actorOf(req),
            unitId: body.unitId,
            items,
          },
          options,
        ),
      );
      res.status(201).json({ recorded: count });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/self-checks',
      summary: 'Self-check entries with evidence (a unit: its own)',
      response: { schema: selfChecksResponse },
      tags: ['self-check'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      query: selfCheckQuery,
      errors: [404],
    },
    async (req, res) => {
      const query = selfCheckQuery.parse(req.query);
      const selfChecks = await readForUnit(db, req, query.unitId, (where) =>
        db.selfCheck.findMany({
          where,
          include: {
            indicator: { select: { code: true, name: true } },
            evidence: {
              where: { deletedAt: null },
              select: { id: true, originalName: true, mimeType: true, sizeBytes: true, sha256: true },
            },
          },
          orderBy: [{ unitId: 'asc' }, { indicator: { sortOrder: 'asc' } }],
        }),
      );
      res.json({
        selfChecks: selfChecks.map((row) => ({
          ...row,
          selfFraction: row.selfFraction === null ? null : Number(row.selfFraction),
        })),
      });
    },
  );

  return router;
}

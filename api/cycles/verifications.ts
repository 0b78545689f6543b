// Verification (Art. 8: 察访核验): completion fractions per checkpoint (office, leadership group and,
// in their own field, departments) and per indicator at year end (office and leadership group).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, deny, requireRole } from '../auth/access';
import { badRequest } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, row } from '../openapi/responseSchemas';
import { exactDecimal } from '../../domain/precision';
import { READERS, act, actorOf, findCycle, unitFilter, uuid, yearParams } from './shared';
import { userNames } from './userNames';

const method = z.enum(['DOCUMENT_REVIEW', 'ON_SITE']);
// Stored exactly as entered or refused (domain/precision.ts, Art. 16).
const fraction = exactDecimal('fraction')
  .min(0, 'a completion fraction is within 0-1')
  .max(1, 'a completion fraction is within 0-1');
export const checkpointVerificationBody = z
  .object({
    entries: z
      .array(
        z
          .object({
            checkpointId: uuid,
            unitId: uuid,
            fraction,
            method: method.default('DOCUMENT_REVIEW'),
            note: z.string().max(5000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(2000),
  })
  .strict();
export const yearEndVerificationBody = z
  .object({
    entries: z
      .array(
        z
          .object({
            indicatorId: uuid,
            unitId: uuid,
            fraction,
            method: method.default('DOCUMENT_REVIEW'),
            note: z.string().max(5000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(2000),
  })
  .strict();
const verificationsQuery = z.object({ unitId: uuid.optional() });

export const verificationsRecordedResponse = z.object({ recorded: z.int().describe('entries recorded') });
const verificationMethod = z.enum(['DOCUMENT_REVIEW', 'ON_SITE']);
const verificationColumns = {
  id: z.string(),
  unitId: z.string(),
  fraction: z.number().describe('the completion fraction, exactly as entered'),
  method: verificationMethod,
  note: z.string(),
  verifiedById: z.string(),
  verifiedByName: z.string().nullable(),
  verifiedAt: instant,
};
export const verificationsResponse = z.object({
  checkpoints: z.array(
    row({
      ...verificationColumns,
      checkpointId: z.string(),
      evidenceJudged: z
        .array(z.object({ id: z.string(), sha256: z.string(), name: z.string() }))
        .describe('the evidence versions the verification judged (Art. 8)'),
      checkpoint: z.object({ code: z.string(), name: z.string() }),
    }),
  ),
  yearEnd: z.array(
    row({
      ...verificationColumns,
      indicatorId: z.string(),
      indicator: z.object({ code: z.string(), name: z.string() }),
    }),
  ),
});

export function verificationRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/verifications/checkpoints',
      summary:
        'Record checkpoint completion fractions (a department: only checkpoints of its own indicators)',
      response: { schema: verificationsRecordedResponse },
      tags: ['verification'],
      roles: ['OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'],
      params: yearParams,
      body: checkpointVerificationBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = checkpointVerificationBody.parse(req.body);
      const cycle = await findCycle(db, year);
      const checkpoints = await db.checkpoint.findMany({
        where: { cycleId: cycle.id, id: { in: body.entries.map((entry) => entry.checkpointId) } },
        include: { indicator: { select: { departmentId: true } } },
      });
      const fields: Record<string, string> = {};
      body.entries.forEach((entry, index) => {
        if (!checkpoints.some((checkpoint) => checkpoint.id === entry.checkpointId))
          fields[`entries.${index}.checkpointId`] =
            `checkpoint ${entry.checkpointId} is not in cycle ${year}`;
      });
      if (Object.keys(fields).length > 0)
        throw badRequest(`unknown checkpoints: ${Object.values(fields).join('; ')}`, fields);
      // Departments verify evidence in their own field only (SPEC §1: "may verify checkpoint evidence in their field").
      const user = currentUser(req);
      if (
        user.role === 'DEPARTMENT' &&
        checkpoints.some((checkpoint) => checkpoint.indicator.departmentId !== user.departmentId)
      ) {
        await deny(db, req, 'a department verifies only checkpoints of the indicators it owns');
      }
      const count = await act(deps, req, (actions, options) =>
        actions.verifyCheckpoints(
          cycle,
          {
            actor: actorOf(req),
            entries: body.entries,
          },
          options,
        ),
      );
      res.json({ recorded: count });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/verifications/year-end',
      summary: 'Record year-end completion fractions per indicator and unit',
      response: { schema: verificationsRecordedResponse },
      tags: ['verification'],
      roles: ['OFFICE', 'LEADER', 'PARTY_MEMBER'],
      params: yearParams,
      body: yearEndVerificationBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE', 'LEADER', 'PARTY_MEMBER'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = yearEndVerificationBody.parse(req.body);
      const cycle = await findCycle(db, year);
      const count = await act(deps, req, (actions, options) =>
        actions.verifyYearEnd(
          cycle,
          {
            actor: actorOf(req),
            entries: body.entries,
          },
          options,
        ),
      );
      res.json({ recorded: count });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/verifications',
      summary: "Checkpoint and year-end verifications with the verifier's name (a unit: its own)",
      response: { schema: verificationsResponse },
      tags: ['verification'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      query: verificationsQuery,
      errors: [404],
    },
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const query = verificationsQuery.parse(req.query);
      const unitId = await unitFilter(db, req, query.unitId);
      const cycle = await findCycle(db, year);
      const unitWhere = unitId ? { unitId } : {};
      const [checkpoints, yearEnd] = await Promise.all([
        db.checkpointVerification.findMany({
          where: { checkpoint: { cycleId: cycle.id }, ...unitWhere },
          include: { checkpoint: { select: { code: true, name: true } } },
          orderBy: [{ unitId: 'asc' }, { checkpoint: { code: 'asc' } }],
        }),
        db.yearEndVerification.findMany({
          where: { cycleId: cycle.id, ...unitWhere },
          include: { indicator: { select: { code: true, name: true } } },
          orderBy: [{ unitId: 'asc' }, { indicator: { code: 'asc' } }],
        }),
      ]);
      // Who verified, by name: the queue shows 已核验 with who and when (issue 13).
      const names = await userNames(
        db,
        [...checkpoints, ...yearEnd].map((row) => row.verifiedById),
      );
      res.json({
        checkpoints: checkpoints.map((row) => ({
          ...row,
          // Written by facts/verificationFacts.ts as [{id, sha256, name}].
          evidenceJudged: row.evidenceJudged as { id: string; sha256: string; name: string }[],
          fraction: Number(row.fraction),
          verifiedByName: names.get(row.verifiedById) ?? null,
        })),
        yearEnd: yearEnd.map((row) => ({
          ...row,
          fraction: Number(row.fraction),
          verifiedByName: names.get(row.verifiedById) ?? null,
        })),
      });
    },
  );

  return router;
}

// Checkpoint submissions (Art. 8: 证明材料 per checkpoint) are facts the API writes itself
// (client/cycleActions.ts); it checks the unit, the checkpoint and that every evidence file is the unit's own in this cycle.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { HttpError, notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, row } from '../openapi/responseSchemas';
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
import { userNames } from './userNames';

export const submissionBody = z
  .object({
    unitId: uuid,
    text: z.string().max(20000).default(''),
    evidenceIds: z.array(uuid).max(50).default([]),
  })
  .strict()
  .refine((body) => body.text.trim().length > 0 || body.evidenceIds.length > 0, {
    message: 'give a text or at least one evidence file',
    path: ['text'],
  });
const checkpointParams = yearParams.extend({ checkpointId: uuid });
const submissionsQuery = z.object({ unitId: uuid.optional(), checkpointId: uuid.optional() });

export const submissionCreatedResponse = z.object({
  submission: z.object({
    id: z.string(),
    late: z.boolean().describe('submitted after the checkpoint’s due date (kept and flagged)'),
    roundKey: z.string(),
  }),
});
export const evidenceListed = z.object({
  id: z.string(),
  originalName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.int(),
  sha256: z.string(),
});
export const submissionsResponse = z.object({
  submissions: z.array(
    row({
      id: z.string(),
      checkpointId: z.string(),
      unitId: z.string(),
      text: z.string(),
      submittedAt: instant,
      late: z.boolean(),
      revision: z.int(),
      submittedById: z.string().nullable(),
      submittedByName: z.string().nullable(),
      // The English name where the structure has one; a checkpoint has only the name the office typed.
      unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
      checkpoint: z.object({ code: z.string(), name: z.string(), dueAt: instant }),
      evidence: z.array(evidenceListed.extend({ uploadedAt: instant })),
    }),
  ),
});

export function submissionRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/checkpoints/:checkpointId/submissions',
      summary: 'A unit submits its evidence for a checkpoint (late ones are kept and flagged)',
      tags: ['checkpoints'],
      roles: ['UNIT'],
      params: checkpointParams,
      body: submissionBody,
      response: { schema: submissionCreatedResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'UNIT'),
    async (req, res) => {
      const { year, checkpointId } = checkpointParams.parse(req.params);
      const body = submissionBody.parse(req.body);
      await requireOwnUnit(db, req, body.unitId);
      const cycle = await findCycle(db, year);
      await requireUnitExists(db, body.unitId);
      const checkpoint = await db.checkpoint.findFirst({ where: { id: checkpointId, cycleId: cycle.id } });
      if (!checkpoint) throw notFound(`checkpoint ${checkpointId} in cycle ${year}`);
      if (!cycle.publishedAt) throw new HttpError(409, 'WRONG_STAGE', 'the targets are not published yet');
      const evidence = await checkEvidence(db, cycle.id, body.unitId, body.evidenceIds);
      const result = await act(deps, req, (actions, options) =>
        actions.submitCheckpoint(
          cycle,
          {
            actor: actorOf(req),
            unitId: body.unitId,
            checkpointId: checkpoint.id,
            text: body.text,
            evidence,
          },
          options,
        ),
      );
      res
        .status(201)
        .json({ submission: { id: result.submissionId, late: result.late, roundKey: result.roundKey } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/submissions',
      summary: 'Checkpoint submissions with their evidence, unit and submitter names (a unit: its own)',
      response: { schema: submissionsResponse },
      tags: ['checkpoints'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      query: submissionsQuery,
      errors: [404],
    },
    async (req, res) => {
      const query = submissionsQuery.parse(req.query);
      const submissions = await readForUnit(db, req, query.unitId, ({ cycleId, ...unit }) =>
        db.checkpointSubmission.findMany({
          where: {
            checkpoint: { cycleId },
            ...unit,
            ...(query.checkpointId ? { checkpointId: query.checkpointId } : {}),
          },
          include: {
            unit: { select: { code: true, name: true, nameEn: true } },
            checkpoint: { select: { code: true, name: true, dueAt: true } },
            evidence: {
              where: { deletedAt: null },
              select: {
                id: true,
                originalName: true,
                mimeType: true,
                sizeBytes: true,
                sha256: true,
                uploadedAt: true,
              },
            },
          },
          orderBy: [{ checkpoint: { dueAt: 'asc' } }, { submittedAt: 'asc' }],
        }),
      );
      // Who submitted, by name (the unit's screen and the verification queue show it, not an id).
      const names = await userNames(
        db,
        submissions.map((row) => row.submittedById),
      );
      res.json({
        submissions: submissions.map((row) => ({
          ...row,
          submittedByName: row.submittedById ? (names.get(row.submittedById) ?? null) : null,
        })),
      });
    },
  );

  return router;
}

// A cycle's evidence files and one file's metadata: a unit sees its own, the readers any unit's (Art. 8).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, deny, requireRole } from '../auth/access';
import { notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { EVIDENCE_READER_ROLES } from './evidenceAccess';
import { evidenceParams, evidenceSchema, findReadable, toEvidence, yearParams } from './evidenceRows';

export const evidenceListQuery = z.object({ unitId: z.uuid().optional() });

export function readEvidenceRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/evidence',
      summary: "A cycle's evidence files (a unit: its own; readers: any unit, or one with unitId)",
      tags: ['evidence'],
      roles: ['UNIT', ...EVIDENCE_READER_ROLES],
      params: yearParams,
      query: evidenceListQuery,
      response: { schema: z.object({ evidence: z.array(evidenceSchema) }) },
      errors: [404],
    },
    requireRole(db, 'UNIT', ...EVIDENCE_READER_ROLES),
    async (req, res) => {
      const user = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const query = evidenceListQuery.parse(req.query);
      if (user.role === 'UNIT' && query.unitId && query.unitId !== user.unitId)
        await deny(db, req, 'a unit sees only its own evidence');
      const cycle = await db.cycle.findUnique({ where: { year } });
      if (!cycle) throw notFound(`cycle ${year}`);
      const unitId = user.role === 'UNIT' ? user.unitId! : query.unitId;
      const rows = await db.evidenceFile.findMany({
        where: { cycleId: cycle.id, deletedAt: null, ...(unitId ? { unitId } : {}) },
        orderBy: { uploadedAt: 'desc' },
        take: 1000,
      });
      res.json({ evidence: rows.map(toEvidence) });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/evidence/:evidenceId',
      summary: "An evidence file's metadata",
      tags: ['evidence'],
      roles: ['UNIT', ...EVIDENCE_READER_ROLES],
      params: evidenceParams,
      response: { schema: z.object({ evidence: evidenceSchema }) },
      errors: [404],
    },
    requireRole(db, 'UNIT', ...EVIDENCE_READER_ROLES),
    async (req, res) => {
      res.json({ evidence: toEvidence(await findReadable(db, req)) });
    },
  );

  return router;
}

// Comprehensive evaluation (Art. 9, 13): party-group members and ranking departments rank the units of
// each category; a third party, if engaged, enters 0-100 scores (Art. 9, 11).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, deny, requireRole } from '../auth/access';
import { HttpError } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, row } from '../openapi/responseSchemas';
import { exactDecimal } from '../../domain/precision';
import { READERS, act, actorOf, findCycle, uuid, yearParams } from './shared';
import { userNames } from './userNames';

export const rankingBody = z
  .object({
    kind: z.enum(['LEADER', 'DEPARTMENT']),
    categoryId: uuid,
    unitOrder: z.array(uuid).min(1).max(200),
  })
  .strict();
export const thirdPartyBody = z
  .object({
    scores: z
      .array(z.object({ unitId: uuid, score: exactDecimal('score').min(0).max(100) }).strict())
      .min(1)
      .max(500),
  })
  .strict();
const RANKERS = ['LEADER', 'PARTY_MEMBER', 'DEPARTMENT'] as const;

const evaluatorKind = z.enum(['LEADER', 'DEPARTMENT']);
export const rankingCreatedResponse = z.object({
  ranking: z.object({ kind: evaluatorKind, categoryId: z.string(), unitOrder: z.array(z.string()) }),
});
export const rankingsResponse = z.object({
  rankings: z.array(
    row({
      id: z.string(),
      kind: evaluatorKind,
      evaluatorKey: z.string().describe('the party-group member’s user id, or the department’s id'),
      categoryId: z.string(),
      unitOrder: z.unknown().describe('unit ids, rank 1 first'),
      submittedById: z.string(),
      submittedAt: instant,
    }),
  ),
});
export const scoresRecordedResponse = z.object({ recorded: z.int().describe('scores recorded') });
export const thirdPartyScoresResponse = z.object({
  scores: z.array(
    z.object({
      unitId: z.string(),
      unitCode: z.string(),
      unitName: z.string(),
      score: z.number(),
      enteredAt: instant,
      enteredByName: z.string().nullable(),
    }),
  ),
});

export function evaluationRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/rankings',
      summary:
        'Submit a ranking of every unit of a category (kind LEADER: party-group members; DEPARTMENT: ranking departments)',
      response: { schema: rankingCreatedResponse },
      tags: ['evaluation'],
      roles: [...RANKERS],
      params: yearParams,
      body: rankingBody,
      errors: [404, 409],
    },
    requireRole(db, ...RANKERS),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = rankingBody.parse(req.body);
      const user = currentUser(req);
      // Art. 13: party-group members give the leader evaluation, departments the department evaluation.
      if (body.kind === 'LEADER' && user.role === 'DEPARTMENT')
        await deny(db, req, 'a department submits DEPARTMENT rankings only');
      if (body.kind === 'DEPARTMENT' && user.role !== 'DEPARTMENT')
        await deny(db, req, 'party-group members submit LEADER rankings only');
      const cycle = await findCycle(db, year);
      const category = await db.category.findUnique({ where: { id: body.categoryId } });
      if (!category)
        throw new HttpError(404, 'NOT_FOUND', `categoryId: category ${body.categoryId} not found`);
      await act(deps, req, (actions, options) =>
        actions.submitRanking(
          cycle,
          {
            actor: actorOf(req),
            kind: body.kind,
            categoryId: body.categoryId,
            unitOrder: body.unitOrder,
          },
          options,
        ),
      );
      res.json({ ranking: { kind: body.kind, categoryId: body.categoryId, unitOrder: body.unitOrder } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/rankings',
      summary: 'Rankings (an evaluator: its own; the office: all)',
      response: { schema: rankingsResponse },
      tags: ['evaluation'],
      roles: ['OFFICE', 'ADMIN', ...RANKERS],
      params: yearParams,
      errors: [404],
    },
    requireRole(db, 'OFFICE', 'ADMIN', ...RANKERS),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const user = currentUser(req);
      const own =
        user.role === 'DEPARTMENT'
          ? { kind: 'DEPARTMENT' as const, evaluatorKey: user.departmentId ?? '' }
          : user.role === 'LEADER' || user.role === 'PARTY_MEMBER'
            ? { kind: 'LEADER' as const, evaluatorKey: user.userId }
            : {};
      const rankings = await db.ranking.findMany({
        where: { cycleId: cycle.id, ...own },
        orderBy: [{ kind: 'asc' }, { evaluatorKey: 'asc' }, { categoryId: 'asc' }],
      });
      res.json({ rankings });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/third-party-scores',
      summary: 'Enter third-party scores 0-100 per unit (only for a cycle that engages a third party)',
      response: { schema: scoresRecordedResponse },
      tags: ['evaluation'],
      roles: ['THIRD_PARTY', 'OFFICE'],
      params: yearParams,
      body: thirdPartyBody,
      errors: [404, 409],
    },
    requireRole(db, 'THIRD_PARTY', 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = thirdPartyBody.parse(req.body);
      const cycle = await findCycle(db, year);
      const count = await act(deps, req, (actions, options) =>
        actions.enterThirdPartyScores(
          cycle,
          {
            actor: actorOf(req),
            scores: body.scores,
          },
          options,
        ),
      );
      res.json({ recorded: count });
    },
  );

  // The third party's own record of what it entered (read from PostgreSQL, where the workflow's activity
  // stored it), so its score page shows the saved scores after a reload.
  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/third-party-scores',
      summary:
        'The third-party scores recorded so far, per unit, with who entered them and when (Art. 9, 11)',
      response: { schema: thirdPartyScoresResponse },
      tags: ['evaluation'],
      roles: ['THIRD_PARTY', ...READERS],
      params: yearParams,
      errors: [404],
    },
    requireRole(db, 'THIRD_PARTY', ...READERS),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const rows = await db.thirdPartyScore.findMany({
        where: { cycleId: cycle.id },
        include: { unit: { select: { code: true, name: true, sortOrder: true } } },
        orderBy: [{ unit: { sortOrder: 'asc' } }, { unit: { code: 'asc' } }],
      });
      const names = await userNames(
        db,
        rows.map((row) => row.enteredById),
      );
      res.json({
        scores: rows.map((row) => ({
          unitId: row.unitId,
          unitCode: row.unit.code,
          unitName: row.unit.name,
          score: Number(row.score),
          enteredAt: row.enteredAt,
          enteredByName: names.get(row.enteredById) ?? null,
        })),
      });
    },
  );

  return router;
}

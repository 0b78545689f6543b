// Results (Art. 10-18): the office and the leadership group see them once scored; a unit sees the
// category rankings and its own breakdown only once they are published (stage NOTIFICATION, Art. 18).
// The office edits each unit's evaluation opinion (评价意见, Art. 10) while scoring.
import { withCycleUnitNames } from '../../db/cycleStructure';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, deny, requireRole } from '../auth/access';
import { notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant } from '../openapi/responseSchemas';
import { grade, scoreBreakdownSchema } from '../scoring/scoringOutputSchema';
import type { Grade } from '../../domain/scoring/scoringOutput';
import { cycleStage } from './rows';
import type { CycleStage } from '../../domain/cycle/stages';
import type { Db } from '../../prisma/client';
import { READERS, actorOf, findCycle, act, isPublished, requireOwnUnit, uuid, yearParams } from './shared';

const unitParams = yearParams.extend({ unitId: uuid });
export const opinionBody = z
  .object({ opinion: z.string().trim().min(1, 'the opinion may not be empty').max(5000) })
  .strict();

async function requireResultReader(db: Db, req: Request, stage: CycleStage) {
  const user = currentUser(req);
  if (user.role === 'UNIT') {
    if (!isPublished(stage)) await deny(db, req, 'results are visible to units once published (Art. 18)');
  } else if (!READERS.includes(user.role)) {
    await deny(db, req, `role ${user.role} may not read results`);
  }
}

const summary = (row: {
  unitId: string;
  total: unknown;
  indicatorScore: unknown;
  indicatorPoints: unknown;
  leaderScore: unknown;
  departmentScore: unknown;
  thirdPartyScore: unknown;
  comprehensivePoints: unknown;
  bonus: unknown;
  deduction: unknown;
  downgradeLevels: number;
  scoreGrade: Grade;
  finalGrade: Grade;
  categoryRank: number;
  scoredAt: Date;
}) => ({
  unitId: row.unitId,
  indicatorScore: Number(row.indicatorScore),
  indicatorPoints: Number(row.indicatorPoints),
  leaderScore: Number(row.leaderScore),
  departmentScore: Number(row.departmentScore),
  thirdPartyScore: row.thirdPartyScore === null ? null : Number(row.thirdPartyScore),
  comprehensivePoints: Number(row.comprehensivePoints),
  bonus: Number(row.bonus),
  deduction: Number(row.deduction),
  downgradeLevels: row.downgradeLevels,
  total: Number(row.total),
  scoreGrade: row.scoreGrade,
  finalGrade: row.finalGrade,
  categoryRank: row.categoryRank,
  scoredAt: row.scoredAt,
});

const resultSummary = z.object({
  unitId: z.string(),
  indicatorScore: z.number(),
  indicatorPoints: z.number(),
  leaderScore: z.number(),
  departmentScore: z.number(),
  thirdPartyScore: z.number().nullable(),
  comprehensivePoints: z.number(),
  bonus: z.number(),
  deduction: z.number(),
  downgradeLevels: z.int(),
  total: z.number(),
  scoreGrade: grade.describe('the grade of the total (Art. 16)'),
  finalGrade: grade.describe('after downgrades (Art. 17)'),
  categoryRank: z.int(),
  scoredAt: instant,
});
const resultUnit = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  categoryId: z.string(),
  category: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
});
export const resultsResponse = z.object({
  stage: cycleStage,
  published: z.boolean().describe('the results are announced (stage NOTIFICATION or later)'),
  results: z.array(
    z.union([
      resultSummary.extend({ unit: resultUnit }),
      z
        .object({
          unitId: z.string(),
          total: z.number(),
          finalGrade: grade,
          categoryRank: z.int(),
          unit: resultUnit,
        })
        .describe(
          "another unit's row as a unit account sees it: only what the result notice publishes (Art. 18)",
        ),
    ]),
  ),
});
export const resultResponse = z.object({
  result: resultSummary.extend({
    unit: z.object({ code: z.string(), name: z.string(), categoryId: z.string() }),
    breakdown: scoreBreakdownSchema,
    opinion: z.string().describe('the evaluation opinion (Art. 10)'),
    opinionEdited: z.boolean(),
  }),
});
export const opinionResponse = z.object({ unitId: z.string(), opinion: z.string() });

export function resultRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/results',
      summary:
        'Every unit’s total, grades and category rank (a unit: after publication, other units as the notice lists them)',
      response: { schema: resultsResponse },
      tags: ['results'],
      roles: ['UNIT', ...READERS],
      params: yearParams,
      errors: [404],
    },
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      await requireResultReader(db, req, cycle.stage);
      const user = currentUser(req);
      const rows = await db.unitResult.findMany({
        where: { cycleId: cycle.id },
        include: {
          unit: {
            select: {
              code: true,
              name: true,
              categoryId: true,
              nameEn: true,
              category: { select: { code: true, name: true, nameEn: true } },
            },
          },
        },
        orderBy: [
          { unit: { category: { sortOrder: 'asc' } } },
          { categoryRank: 'asc' },
          { unit: { sortOrder: 'asc' } },
        ],
      });
      res.json({
        stage: cycle.stage,
        published: isPublished(cycle.stage),
        // A unit sees other units only as the result notice publishes them (Art. 18: 名次、单位、总分、等次
        // per category, api/export/resultNotice.ts); its own row in full.
        results: (await withCycleUnitNames(db, cycle.id, rows)).map((row) =>
          user.role === 'UNIT' && row.unitId !== user.unitId
            ? {
                unitId: row.unitId,
                total: Number(row.total),
                finalGrade: row.finalGrade,
                categoryRank: row.categoryRank,
                unit: row.unit,
              }
            : { ...summary(row), unit: row.unit },
        ),
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/results/:unitId',
      summary:
        'One unit’s result with its article-cited breakdown and opinion (a unit: its own, after publication)',
      response: { schema: resultResponse },
      tags: ['results'],
      roles: ['UNIT', ...READERS],
      params: unitParams,
      errors: [404],
    },
    async (req, res) => {
      const { year, unitId } = unitParams.parse(req.params);
      const cycle = await findCycle(db, year);
      await requireResultReader(db, req, cycle.stage);
      await requireOwnUnit(db, req, unitId);
      const row = await db.unitResult.findUnique({
        where: { cycleId_unitId: { cycleId: cycle.id, unitId } },
        include: { unit: { select: { code: true, name: true, categoryId: true } } },
      });
      if (!row) throw notFound(`result of unit ${unitId} in cycle ${year}`);
      const [named] = await withCycleUnitNames(db, cycle.id, [row]);
      res.json({
        result: {
          ...summary(row),
          unit: named.unit,
          // Stored as scoring wrote it (domain/scoring/scoringOutput.ts); the contract tests check its shape.
          breakdown: row.breakdown as z.input<typeof scoreBreakdownSchema>,
          opinion: row.opinion,
          opinionEdited: Boolean(row.opinionEditedById),
        },
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'put',
      path: '/cycles/:year/results/:unitId/opinion',
      summary: 'Edit a unit’s evaluation opinion (stage SCORING, Art. 10)',
      response: { schema: opinionResponse },
      tags: ['results'],
      roles: ['OFFICE'],
      params: unitParams,
      body: opinionBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year, unitId } = unitParams.parse(req.params);
      const body = opinionBody.parse(req.body);
      const cycle = await findCycle(db, year);
      if (!(await db.unitResult.findUnique({ where: { cycleId_unitId: { cycleId: cycle.id, unitId } } })))
        throw notFound(`result of unit ${unitId} in cycle ${year}`);
      await act(deps, req, (actions, options) =>
        actions.editOpinion(
          cycle,
          {
            actor: actorOf(req),
            unitId,
            opinion: body.opinion,
          },
          options,
        ),
      );
      res.json({ unitId, opinion: body.opinion });
    },
  );

  return router;
}

// Importing a cycle's targets from a workbook (Art. 5, 8, 12), in two steps: the preview reads the
// upload and answers every problem by sheet, row and column, or what would be stored — it stores
// nothing; the apply takes the same file, checks it again and replaces the targets in one transaction.
// Both only before publication (Art. 8).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { badRequest } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { actorOf, findCycle, requireUnpublished, yearParams } from '../cycles/shared';
import { parseTargetWorkbook, type TargetImport } from '../../domain/targets/parseTargetWorkbook';
import type { Db } from '../../prisma/client';
import { readTargetWorkbook } from './targetWorkbook';
import { currentTargets, importContextOf } from './targetsOfCycle';
import { uploadWorkbook, uploadedWorkbook } from './uploadWorkbook';
import { replaceTargets } from './replaceTargets';
import { TARGET_WORKBOOK_ROLES } from './templateRoute';

const upload = z.object({
  file: z.string().meta({ format: 'binary' }).describe('the targets workbook (.xlsx)'),
});
const problemSchema = z.object({
  sheet: z.enum(['indicators', 'checkpoints', 'nonUndertaking']),
  row: z.number().int().nullable().describe('Excel row number; null for a rule over the whole sheet'),
  column: z.string().nullable().describe('column key of the layout (domain/targets/workbookLayout.ts)'),
  cell: z.string().nullable().describe('column letter in the uploaded sheet'),
  code: z.string().describe('the rule (web catalogue targetImport.problem.<code>)'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
const countsSchema = z.object({
  indicators: z.number(),
  checkpoints: z.number(),
  nonUndertaking: z.number(),
});
const previewSchema = z.object({
  ok: z.boolean().describe('true when the workbook can be applied as it is'),
  problems: z.array(problemSchema),
  indicators: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        nameEn: z.string().optional(),
        group: z.enum(['KEY_TASK', 'INSTRUCTION', 'MEETING']),
        weight: z.number(),
        standard: z.string(),
        departmentCode: z.string().optional(),
        checkpoints: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            dueAt: z.string(),
            share: z.number(),
            standard: z.string(),
          }),
        ),
        notUndertaken: z.array(z.object({ unitCode: z.string(), reason: z.string() })),
      }),
    )
    .describe('what would be stored (when ok)'),
  counts: countsSchema.describe('what would be stored'),
  replaces: countsSchema.describe('what the cycle has now and the apply would replace'),
});

const countsOf = (result: Pick<TargetImport, 'indicators'>['indicators']) => ({
  indicators: result.length,
  checkpoints: result.reduce((sum, indicator) => sum + indicator.checkpoints.length, 0),
  nonUndertaking: result.reduce((sum, indicator) => sum + indicator.notUndertaken.length, 0),
});

async function check(db: Db, req: Request) {
  const { year } = yearParams.parse(req.params);
  const cycle = await findCycle(db, year);
  requireUnpublished(cycle, 'the targets');
  const buffer = uploadedWorkbook(req);
  const [sheets, context, current] = await Promise.all([
    readTargetWorkbook(buffer),
    importContextOf(db, cycle),
    currentTargets(db, cycle.id),
  ]);
  return { cycle, current, result: parseTargetWorkbook(sheets, context) };
}

export function targetImportRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  const roles = requireRole(db, ...TARGET_WORKBOOK_ROLES);

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/targets/import/preview',
      summary:
        'Check an uploaded targets workbook: every problem by sheet, row and column, or the targets it would store (nothing is stored)',
      tags: ['targets'],
      roles: [...TARGET_WORKBOOK_ROLES],
      params: yearParams,
      multipart: upload,
      response: { schema: previewSchema },
      errors: [404, 409, 413],
    },
    roles,
    uploadWorkbook,
    async (req, res) => {
      const { current, result } = await check(db, req);
      const ok = result.problems.length === 0;
      res.json({
        ok,
        problems: result.problems,
        indicators: ok ? result.indicators : [],
        counts: countsOf(result.indicators),
        replaces: countsOf(current),
      });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/targets/import',
      summary:
        "Replace the cycle's targets with an uploaded workbook in one transaction (checked again; only before publication, Art. 8)",
      description:
        'A workbook with problems is refused with 400: `fields` maps each `sheet!cell+row` to its rule; the preview lists them with parameters.',
      tags: ['targets'],
      roles: [...TARGET_WORKBOOK_ROLES],
      params: yearParams,
      multipart: upload,
      response: { schema: z.object({ counts: countsSchema }) },
      errors: [404, 409, 413],
    },
    roles,
    uploadWorkbook,
    async (req, res) => {
      const actor = actorOf(req);
      const { cycle, current, result } = await check(db, req);
      if (result.problems.length > 0) {
        const fields = Object.fromEntries(
          result.problems.map((problem) => [
            `${problem.sheet}!${problem.cell ?? ''}${problem.row ?? ''}`,
            `${problem.code}${Object.keys(problem.params).length ? ` ${JSON.stringify(problem.params)}` : ''}`,
          ]),
        );
        throw badRequest(
          `the workbook has ${result.problems.length} problem(s); nothing was stored (check it with the preview)`,
          fields,
        );
      }
      await replaceTargets(db, {
        cycle,
        indicators: result.indicators,
        before: current,
        actor,
        ip: req.ip,
        action: 'targets.import',
      });
      res.json({ counts: countsOf(result.indicators) });
    },
  );

  return router;
}

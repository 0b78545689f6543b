// The office moves the cycle on by hand (Art. 8: 节点、自查、核验、评价 end early when all is in) and
// extends deadlines with a stated reason; the workflow decides whether the stage allows it.
import { cycleUnits } from '../../db/cycleStructure';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { cycleStage } from './rows';
import { advanceStageUpdate, extendDeadlineUpdate, type ExtendDeadlineInput } from '../../workflows/contract';
import { cycleWindow, requirePlausible } from './plausibleInput';
import { actorOf, cycleStageSchema, findCycle, forward, yearParams } from './shared';
import { HttpError } from '../errors';
import { followUpOutstanding } from '../../domain/cycle/followUpOutstanding';
import type { Db } from '../../prisma/client';

export const advanceBody = z
  .object({ from: cycleStageSchema, note: z.string().max(2000).optional() })
  .strict();
export const deadlineBody = z
  .object({
    target: z
      .string()
      .regex(
        /^(SELF_CHECK|VERIFICATION|EVALUATION|CHECKPOINT_ROUND:.+|EXPLANATION:[0-9a-fA-F-]{36})$/,
        'SELF_CHECK, VERIFICATION, EVALUATION, CHECKPOINT_ROUND:<round key> or EXPLANATION:<unit id>',
      ),
    newDueAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(1, 'say why the deadline moves').max(2000),
  })
  .strict();

/** The follow-up ends on its own conditions (Art. 19, 21): the refusal names what is missing. */
async function refuseFollowUpClose(db: Db, cycleId: string): Promise<never> {
  const [explanations, units, feedback] = await Promise.all([
    db.explanation.findMany({ where: { cycleId }, include: { unit: { select: { name: true } } } }),
    cycleUnits(db, cycleId),
    db.feedback.findMany({ where: { cycleId }, select: { unitId: true, confirmedAt: true } }),
  ]);
  const confirmed = new Set(feedback.filter((row) => row.confirmedAt).map((row) => row.unitId));
  const missing = followUpOutstanding({
    explanations: explanations.map((row) => ({ unitName: row.unit.name, status: row.status })),
    feedback: units.map((unit) => ({ unitName: unit.name, confirmed: confirmed.has(unit.id) })),
  });
  throw new HttpError(
    409,
    'CONDITIONS_NOT_MET',
    `结果运用阶段在书面说明全部审核通过、反馈全部确认后自动结束，不能手动关闭（第十九条、第二十一条） / the follow-up closes on its own once every explanation is accepted and every feedback confirmed (Art. 19, 21): ${
      missing.length > 0 ? missing.join('; ') : '无缺项，即将自动结束 / nothing is missing; it is closing'
    }`,
  );
}

export const advanceResponse = z.object({ stage: cycleStage.describe('the stage now open') });
export const deadlineResponse = z.object({
  target: z.string(),
  newDueAt: z.string().describe('the new due date (ISO 8601)'),
});

export function stageRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/stage/advance',
      summary:
        'Close the current stage now and open the next (CHECKPOINTS, SELF_CHECK, VERIFICATION, EVALUATION)',
      response: { schema: advanceResponse },
      tags: ['stages'],
      roles: ['OFFICE'],
      params: yearParams,
      body: advanceBody,
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = advanceBody.parse(req.body);
      const cycle = await findCycle(db, year);
      if (body.from === cycle.stage && cycle.stage === 'FOLLOW_UP') await refuseFollowUpClose(db, cycle.id);
      const stage = await forward(deps, req, cycle.workflowId, advanceStageUpdate, {
        actor: actorOf(req),
        from: body.from,
        note: body.note,
      });
      res.json({ stage });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/deadlines',
      summary:
        'Extend a deadline (a stage, a checkpoint round or a failing unit’s explanation) with a reason',
      response: { schema: deadlineResponse },
      tags: ['stages'],
      roles: ['OFFICE'],
      params: yearParams,
      body: deadlineBody,
      errors: [400, 404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const body = deadlineBody.parse(req.body);
      const cycle = await findCycle(db, year);
      requirePlausible({ newDueAt: body.newDueAt }, cycleWindow(cycle));
      const newDueAt = await forward(deps, req, cycle.workflowId, extendDeadlineUpdate, {
        actor: actorOf(req),
        target: body.target as ExtendDeadlineInput['target'],
        newDueAt: new Date(body.newDueAt).toISOString(),
        reason: body.reason,
      });
      res.json({ target: body.target as ExtendDeadlineInput['target'], newDueAt });
    },
  );

  return router;
}

// Publication of the targets (Art. 8): checked against the target rules and the recipients' addresses,
// then the annual-cycle workflow starts and emails every unit its own targets.
import { forgetCycleStructure, recordCycleStructure } from '../../db/cycleStructure';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { HttpError } from '../errors';
import { writeAudit } from '../../db/audit';
import { approvalRuleSchema } from '../../domain/cycle/approvalRule';
import { targetProblems } from '../../domain/cycle/targetRules';
import { scoringConfigSchema } from '../../domain/scoring/scoringConfig';
import { apiRouter, defineRoute } from '../openapi/defineRoute';

import { lockCycleGate, type Tx } from '../../facts/cycleGate';
import { instant } from '../openapi/responseSchemas';
import { findCycle, yearParams } from './shared';

const publishBody = z.object({ acknowledgeWarnings: z.boolean().default(false) });
const TAGS = ['cycle configuration'];

const problem = z.object({ field: z.string(), message: z.string() });
export const publicationCheckResponse = z.object({
  errors: z.array(problem).describe('any of these stops publication'),
  warnings: z.array(problem).describe('publication needs acknowledgeWarnings: true'),
});
export const publishResponse = z.object({
  cycle: z.object({ year: z.int(), workflowId: z.string(), publishedAt: instant }),
});

export function publicationRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  /** What would stop or spoil publication: target rules and recipients without an address. */
  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/publication-check',
      summary: 'What would stop or spoil publication: target rules and missing addresses',
      response: { schema: publicationCheckResponse },
      tags: TAGS,
      roles: ['OFFICE'],
      params: yearParams,
      errors: [404],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      res.json(await publicationCheck(db, await findCycle(db, year)));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/publish',
      summary:
        'Publish the targets: starts the annual-cycle workflow, which emails every unit its own targets (Art. 8)',
      tags: TAGS,
      roles: ['OFFICE'],
      params: yearParams,
      body: publishBody,
      response: { schema: publishResponse, status: 202 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const { acknowledgeWarnings } = publishBody.parse(req.body ?? {});
      const cycle = await findCycle(db, year);
      if (cycle.publishedAt)
        throw new HttpError(
          409,
          'ALREADY_PUBLISHED',
          `targets of ${year} were published on ${cycle.publishedAt.toISOString()}`,
        );
      // Publication is checked and claimed in one transaction holding the cycle row FOR UPDATE: of two (or
      // five) concurrent requests exactly one sets publishedAt and starts the workflow, the others find it
      // set and answer 409 without touching anything; and a target edit (which holds the row FOR SHARE, see
      // editUnpublished) is either in what this check validated or refused afterwards (Art. 8). Only the
      // claimant undoes its own claim if the start fails.
      const publishedAt = new Date();
      const { check, published } = await db.$transaction(async (tx) => {
        const gate = await lockCycleGate(tx, cycle.id, 'update');
        if (gate.publishedAt)
          throw new HttpError(
            409,
            'ALREADY_PUBLISHED',
            `targets of ${year} were published on ${gate.publishedAt.toISOString()}`,
          );
        const current = await tx.cycle.findUniqueOrThrow({ where: { id: cycle.id } });
        const check = await publicationCheck(tx, current);
        if (check.errors.length > 0) {
          throw new HttpError(
            409,
            'TARGETS_INVALID',
            `targets cannot be published: ${check.errors.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`,
          );
        }
        if (check.warnings.length > 0 && !acknowledgeWarnings) {
          throw new HttpError(
            409,
            'WARNINGS',
            `confirm with acknowledgeWarnings: ${check.warnings.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`,
          );
        }
        await tx.cycle.update({ where: { id: cycle.id }, data: { publishedAt } });
        return { check, published: current };
      });
      // The structure the year runs with is recorded now (Art. 6 per year; db/cycleStructure.ts).
      await recordCycleStructure(db, cycle.id);
      try {
        await deps.cycles.start(cycle.workflowId, {
          cycleId: cycle.id,
          approvalRule: approvalRuleSchema.parse(published.approvalRule),
        });
      } catch (error) {
        // A workflow that already runs means the cycle is published: the read model must say so too.
        if ((error as HttpError)?.code !== 'ALREADY_PUBLISHED') {
          await forgetCycleStructure(db, cycle.id);
          await db.cycle.updateMany({ where: { id: cycle.id, publishedAt }, data: { publishedAt: null } });
        }
        throw error;
      }
      await writeAudit(db, {
        cycleId: cycle.id,
        actor,
        action: 'cycle.publish',
        targetType: 'Cycle',
        targetId: cycle.id,
        after: { publishedAt, warnings: check.warnings },
        ip: req.ip,
      });
      res.status(202).json({ cycle: { year, workflowId: cycle.workflowId, publishedAt } });
    },
  );

  return router;
}

async function publicationCheck(
  db: Tx,
  cycle: { id: string; scoringConfig: unknown; selfCheckOpensAt: Date },
) {
  const indicators = await db.indicator.findMany({
    where: { cycleId: cycle.id },
    include: { checkpoints: true, notUndertaken: { include: { unit: true } } },
  });
  const units = await db.unit.findMany({ where: { active: true } });
  const config = scoringConfigSchema.parse(cycle.scoringConfig);
  const errors: { field: string; message: string }[] = targetProblems({
    indicators: indicators.map((indicator) => ({
      code: indicator.code,
      group: indicator.group,
      weight: Number(indicator.weight),
      checkpoints: indicator.checkpoints.map((checkpoint) => ({
        code: checkpoint.code,
        share: Number(checkpoint.share),
        dueAt: checkpoint.dueAt.toISOString(),
      })),
      notUndertakenBy: indicator.notUndertaken.map((row) => row.unit.code),
    })),
    unitCodes: units.map((unit) => unit.code),
    groupWeights: config.groupWeights,
    selfCheckOpensAt: cycle.selfCheckOpensAt.toISOString(),
  }).map(({ field, message }) => ({ field, message }));
  const warnings: { field: string; message: string }[] = [];
  for (const unit of units) {
    if (!unit.principalLeaderEmail)
      errors.push({
        field: `units[${unit.code}].principalLeaderEmail`,
        message: 'no address for the principal leader: targets cannot be delivered (Art. 8)',
      });
    if (!unit.partyCommitteeEmail)
      warnings.push({
        field: `units[${unit.code}].partyCommitteeEmail`,
        message: 'no party-committee address: results and criticism cannot reach it (Art. 18, 21)',
      });
  }
  return { errors, warnings };
}

// Cycles and their targets (Art. 5, 8, 12): created and edited by the office until publication;
// publication starts the annual-cycle workflow, which emails every unit its own targets.
import { forgetCycleStructure, recordCycleStructure } from '../../db/cycleStructure';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { HttpError, badRequest, notFound } from '../errors';
import { writeAudit } from '../../db/audit';
import { withFacts } from './statusFacts';
import { isScheduleInOrder, SCHEDULE_ORDER_RULE } from '../../domain/cycle/scheduleOrder';
import { setupWindow } from '../../domain/cycle/plausibleDates';
import { prefixed, requirePlausible } from './plausibleInput';
import { cycleWorkflowId } from '../../workflows/contract';
import { defaultApprovalRule, approvalRuleSchema } from '../../domain/cycle/approvalRule';
import { targetProblems } from '../../domain/cycle/targetRules';
import { scoringConfigSchema } from '../../domain/scoring/scoringConfig';
import type { Db } from '../../prisma/client';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { indicatorBody, isoDate } from '../../domain/cycle/indicatorShape';
import { editUnpublished, requireUnpublished, yearParams } from './shared';
import { lockCycleGate, type Tx } from '../../facts/cycleGate';
import { indicatorContent } from './indicatorContent';
import { loadCheckpointRoundStates } from '../readModel/checkpointRoundStates';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import { checkpointRow, cycleRow, cycleStage, departmentRow, indicatorRow } from './rows';

/** The body's scoring configuration, checked with its refusals named under `scoringConfig.` (e.g. a weight's precision). */
export function parseScoringConfigField(raw: unknown) {
  return z.object({ scoringConfig: scoringConfigSchema }).parse({ scoringConfig: raw ?? {} }).scoringConfig;
}

export const createCycleBody = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().min(1).max(200).optional(),
  docNumber: z.string().max(100).optional(),
  useThirdParty: z.boolean().default(false),
  scoringConfig: z.unknown().optional(),
  approvalRule: approvalRuleSchema.optional(),
  schedule: z.object({
    selfCheckOpensAt: isoDate,
    selfCheckDueAt: isoDate,
    verificationDueAt: isoDate,
    evaluationDueAt: isoDate,
  }),
  explanationDays: z.number().int().min(1).max(90).default(15),
  reminderLeadDays: z.number().int().min(0).max(30).default(3),
});

// The indicator's shape is a domain rule shared with the Excel import (domain/cycle/indicatorShape.ts).
export { indicatorBody };

const cycleParams = yearParams;

async function findCycle(db: Db, year: number) {
  const cycle = await db.cycle.findUnique({ where: { year } });
  if (!cycle) throw notFound(`cycle ${year}`);
  return cycle;
}

const indicatorCodeParams = cycleParams.extend({ code: z.string() });
const publishBody = z.object({ acknowledgeWarnings: z.boolean().default(false) });
const TAGS = ['cycle configuration'];

export const cycleListResponse = z.object({
  cycles: z.array(
    z.object({
      id: z.string(),
      year: z.int(),
      title: z.string(),
      stage: cycleStage,
      publishedAt: nullableInstant,
      closedAt: nullableInstant,
    }),
  ),
});
export const cycleResponse = z.object({ cycle: cycleRow });
export const cycleDetailResponse = z.object({
  cycle: cycleRow.extend({
    indicators: z.array(
      indicatorRow.extend({
        checkpoints: z.array(checkpointRow),
        notUndertaken: z.array(
          row({
            indicatorId: z.string(),
            unitId: z.string(),
            reason: z.string(),
            unit: z.object({ code: z.string() }),
          }),
        ),
        department: departmentRow.nullable(),
      }),
    ),
    transitions: z.array(
      row({
        stage: cycleStage,
        enteredAt: instant,
        manual: z.boolean(),
        actorId: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  }),
});
export const indicatorResponse = z.object({
  indicator: indicatorRow.extend({ checkpoints: z.array(checkpointRow) }),
});
const problem = z.object({ field: z.string(), message: z.string() });
export const publicationCheckResponse = z.object({
  errors: z.array(problem).describe('any of these stops publication'),
  warnings: z.array(problem).describe('publication needs acknowledgeWarnings: true'),
});
export const publishResponse = z.object({
  cycle: z.object({ year: z.int(), workflowId: z.string(), publishedAt: instant }),
});
const explanationState = z.object({
  unitId: z.string(),
  dueAt: z.string(),
  status: z.enum(['PENDING', 'SUBMITTED', 'RETURNED', 'ACCEPTED']),
  revision: z.int(),
  late: z.boolean(),
});
export const cycleStatusResponse = z.object({
  status: z.union([
    z
      .object({ stage: cycleStage, published: z.literal(false) })
      .describe('not published yet: no workflow runs'),
    z
      .object({ stage: cycleStage, published: z.literal(true), starting: z.literal(true) })
      .describe('just published: the workflow is still loading its setup'),
    z
      .object({
        cycleId: z.string(),
        year: z.int(),
        stage: cycleStage,
        deadlines: z.object({
          selfCheckDueAt: z.string(),
          verificationDueAt: z.string(),
          evaluationDueAt: z.string(),
        }),
        rounds: z
          .array(
            z.object({
              key: z.string(),
              dueAt: instant,
              closed: z.boolean(),
              checkpointIds: z.array(z.string()),
            }),
          )
          .describe('checkpoint rounds from the read model, as on the dashboard (closed by hand or by date)'),
        rankingsReceived: z.array(z.string()).describe('`kind:evaluatorKey:categoryId`'),
        approvalRound: z.int(),
        approvalOpen: z.boolean(),
        failingUnitIds: z.array(z.string()),
        explanations: z.array(explanationState),
        explanationsAccepted: z.array(z.string()),
        feedbackConfirmed: z.array(z.string()),
        feedbackRecorded: z.array(z.string()),
      })
      .describe('the running cycle'),
  ]),
});

export function cycleRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles',
      summary: 'Every cycle, newest first',
      response: { schema: cycleListResponse },
      tags: TAGS,
      roles: 'any',
    },
    async (req, res) => {
      currentUser(req);
      const cycles = await db.cycle.findMany({
        orderBy: { year: 'desc' },
        select: { id: true, year: true, title: true, stage: true, publishedAt: true, closedAt: true },
      });
      res.json({ cycles });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles',
      summary: 'Create a cycle with its configuration and schedule (Art. 5, 8)',
      tags: TAGS,
      roles: ['OFFICE'],
      body: createCycleBody,
      response: { schema: cycleResponse, status: 201 },
      errors: [409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const body = createCycleBody.parse(req.body);
      const scoringConfig = parseScoringConfigField(body.scoringConfig);
      if (body.useThirdParty && !scoringConfig.comprehensive.thirdParty) {
        throw badRequest(
          'scoringConfig.comprehensive.thirdParty: a cycle with a third party needs its weight (Art. 11: 8/4/3)',
          {
            'scoringConfig.comprehensive.thirdParty': 'required when useThirdParty is true',
          },
        );
      }
      const s = body.schedule;
      const preparedAt = deps.now ? await deps.now() : new Date();
      requirePlausible(prefixed('schedule', s), setupWindow(body.year, preparedAt));
      if (!isScheduleInOrder(s))
        throw badRequest(`schedule: ${SCHEDULE_ORDER_RULE}`, { schedule: 'dates out of order' });
      if (await db.cycle.findUnique({ where: { year: body.year } }))
        throw new HttpError(409, 'DUPLICATE', `a cycle for ${body.year} exists`);
      const cycle = await db.cycle.create({
        data: {
          year: body.year,
          title: body.title ?? `${body.year}年度各区市县（开放先导区）总工会工作实绩考核`,
          docNumber: body.docNumber,
          workflowId: cycleWorkflowId(body.year),
          scoringConfig,
          approvalRule: body.approvalRule ?? defaultApprovalRule,
          useThirdParty: body.useThirdParty,
          selfCheckOpensAt: new Date(s.selfCheckOpensAt),
          selfCheckDueAt: new Date(s.selfCheckDueAt),
          verificationDueAt: new Date(s.verificationDueAt),
          evaluationDueAt: new Date(s.evaluationDueAt),
          explanationDays: body.explanationDays,
          reminderLeadDays: body.reminderLeadDays,
          createdById: actor.userId,
        },
      });
      await writeAudit(db, {
        cycleId: cycle.id,
        actor,
        action: 'cycle.create',
        targetType: 'Cycle',
        targetId: cycle.id,
        after: body,
        ip: req.ip,
      });
      res.status(201).json({ cycle });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year',
      summary: 'A cycle with its indicators, checkpoints, non-undertaking and stage transitions',
      response: { schema: cycleDetailResponse },
      tags: TAGS,
      roles: 'any',
      params: cycleParams,
      errors: [404],
    },
    async (req, res) => {
      currentUser(req);
      const { year } = cycleParams.parse(req.params);
      const cycle = await db.cycle.findUnique({
        where: { year },
        include: {
          indicators: {
            include: {
              checkpoints: { orderBy: { dueAt: 'asc' } },
              notUndertaken: { include: { unit: { select: { code: true } } } },
              department: true,
            },
            orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          },
          transitions: { orderBy: { enteredAt: 'asc' } },
        },
      });
      if (!cycle) throw notFound(`cycle ${year}`);
      res.json({ cycle });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/indicators',
      summary: 'Add an indicator with checkpoints and non-undertaking units (before publication)',
      tags: TAGS,
      roles: ['OFFICE'],
      params: cycleParams,
      body: indicatorBody,
      response: { schema: indicatorResponse, status: 201 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = cycleParams.parse(req.params);
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
      params: cycleParams,
      errors: [404],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = cycleParams.parse(req.params);
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
      params: cycleParams,
      body: publishBody,
      response: { schema: publishResponse, status: 202 },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const actor = currentUser(req);
      const { year } = cycleParams.parse(req.params);
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

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/status',
      summary: 'The running cycle’s stage, deadlines, checkpoint rounds and approval state',
      response: { schema: cycleStatusResponse },
      tags: TAGS,
      roles: 'any',
      params: cycleParams,
      errors: [404],
    },
    async (req, res) => {
      currentUser(req);
      const { year } = cycleParams.parse(req.params);
      const cycle = await findCycle(db, year);
      if (!cycle.publishedAt) return res.json({ status: { stage: 'TARGET_SETTING', published: false } });
      try {
        const status = await deps.cycles.status(cycle.workflowId);
        // Rounds come from the read model, as on the dashboard: closed after the office closed the stage
        // by hand (Art. 8) even though the round's own due date is still ahead.
        const rounds = (await loadCheckpointRoundStates(db, cycle)).map((round) => ({
          key: round.key,
          dueAt: round.dueAt,
          closed: round.closed,
          checkpointIds: round.checkpoints.map((checkpoint) => checkpoint.id),
        }));
        res.json({ status: { ...(await withFacts(db, cycle, status)), rounds } });
      } catch (error) {
        // Just after publication the workflow is still loading its setup and has no query handler yet:
        // answer from the read model rather than fail.
        if (
          /did not register a handler/.test(
            String((error as { cause?: { details?: string } }).cause?.details ?? (error as Error).message),
          )
        ) {
          return res.json({ status: { stage: cycle.stage, published: true, starting: true } });
        }
        throw error;
      }
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

// The cycle at a glance (SPEC §2 "dynamic monitoring", Art. 8): the stage timeline, per checkpoint
// round who is on time, late or missing, the explanations of failing units (Art. 21), the approval
// rounds (Art. 18), feedback (Art. 19) and the state of the notices. Read from PostgreSQL only, so it
// stays fast however often the office refreshes it.
import { cycleUnits } from '../../db/cycleStructure';
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { CYCLE_STAGES, STAGE_LABELS, type CycleStage } from '../../domain/cycle/stages';
import { checkpointRoundStates } from '../../domain/cycle/checkpointRoundState';
import { roundExtensions } from '../readModel/checkpointRoundStates';
import type { Db } from '../../prisma/client';
import { loadStageProgress, stageProgressSchema } from '../readModel/stageProgress';

const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const progressStatus = z.enum(['ON_TIME', 'LATE', 'MISSING', 'PENDING', 'NOT_UNDERTAKEN']);
type ProgressStatus = z.infer<typeof progressStatus>;

export const dashboardSchema = z.object({
  cycle: z.object({
    id: z.string(),
    year: z.number(),
    title: z.string(),
    stage: z.string(),
    publishedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
  }),
  timeline: z.array(
    z.object({
      stage: z.string(),
      label: z.string(),
      labelEn: z.string(),
      article: z.string(),
      enteredAt: z.string().nullable(),
      current: z.boolean(),
    }),
  ),
  checkpointRounds: z.array(
    z.object({
      key: z.string(),
      dueAt: z.string(),
      closed: z.boolean(),
      checkpoints: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
      counts: z.record(progressStatus, z.number()),
      units: z.array(
        z.object({
          unitId: z.string(),
          unitCode: z.string(),
          unitName: z.string(),
          /** The unit's English name where the structure has one (the English screens show it). */
          unitNameEn: z.string().nullable(),
          status: progressStatus,
          checkpoints: z.array(
            z.object({
              checkpointId: z.string(),
              status: progressStatus,
              submittedAt: z.string().nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
  explanations: z.array(
    z.object({
      unitId: z.string(),
      status: z.string(),
      dueAt: z.string(),
      overdue: z.boolean(),
      escalations: z.number(),
      late: z.boolean(),
    }),
  ),
  approvals: z.array(
    z.object({
      number: z.number(),
      status: z.string(),
      submittedAt: z.string(),
      decidedAt: z.string().nullable(),
      approvals: z.number(),
      rejections: z.number(),
    }),
  ),
  feedback: z.object({ recorded: z.number(), confirmed: z.number() }),
  notifications: z
    .object({
      byStatus: z.record(z.string(), z.number()),
      byEvent: z.record(z.string(), z.record(z.string(), z.number())),
    })
    .nullable(),
  /** Progress of the later stages (issue 13): self-check, verification, rankings, votes, confirmations. */
  progress: stageProgressSchema,
});

/**
 * A unit's standing in one round: MISSING once the round closed without a submission for any checkpoint
 * it undertakes, LATE if any came late, ON_TIME when all came in time, PENDING while it is still open.
 */
export function roundStatus(statuses: ProgressStatus[]): ProgressStatus {
  const relevant = statuses.filter((status) => status !== 'NOT_UNDERTAKEN');
  if (relevant.length === 0) return 'NOT_UNDERTAKEN';
  if (relevant.includes('MISSING')) return 'MISSING';
  if (relevant.includes('PENDING')) return 'PENDING';
  if (relevant.includes('LATE')) return 'LATE';
  return 'ON_TIME';
}

export function dashboardRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('');
  // Recomputed only when the cycle changed: every change the dashboard shows writes an audit row of the
  // cycle (append-only, so their count moves) or changes the notices' statuses; anything else (and the
  // clock, for "closed" and "overdue") is picked up within FRESH_MS.
  const cache = new Map<string, { fingerprint: string; body: z.input<typeof dashboardSchema> }>();

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/dashboard',
      summary:
        'Progress of the cycle: stage timeline, per round and unit ON_TIME/LATE/MISSING, explanations, approvals, notices',
      description:
        'A unit sees the timeline and its own rows only; notice figures are for the office and the leadership group.',
      tags: ['dashboard'],
      roles: ['OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT'],
      params: yearParams,
      response: { schema: dashboardSchema },
      errors: [404],
    },
    requireRole(db, 'OFFICE', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT', 'UNIT'),
    async (req, res) => {
      const user = currentUser(req);
      const { year } = yearParams.parse(req.params);
      const [state] = await db.$queryRaw<{ audit: bigint; notices: string | null }[]>`
        SELECT (SELECT count(*) FROM "AuditLog" a WHERE a."cycleId" = c.id) AS audit,
               (SELECT string_agg(s.status || ':' || s.n, ',' ORDER BY s.status)
                  FROM (SELECT n.status::text AS status, count(*) AS n FROM "Notification" n
                         WHERE n."cycleId" = c.id GROUP BY n.status) s) AS notices
          FROM "Cycle" c WHERE c.year = ${year}`;
      if (!state) throw notFound(`cycle ${year}`);
      const ownUnit = user.role === 'UNIT' ? user.unitId! : undefined;
      const seesNotices = ['OFFICE', 'LEADER', 'PARTY_MEMBER'].includes(user.role);
      const scope = `${year}/${ownUnit ?? (seesNotices ? 'all+notices' : 'all')}`;
      const fingerprint = `${state.audit}/${state.notices ?? ''}/${Math.floor(Date.now() / FRESH_MS)}`;
      const cached = cache.get(scope);
      if (cached?.fingerprint === fingerprint) return res.json(cached.body);
      const body = await buildDashboard(db, year, ownUnit, seesNotices);
      if (cache.size > 1000) cache.clear();
      cache.set(scope, { fingerprint, body });
      res.json(body);
    },
  );

  return router;
}

const FRESH_MS = 5_000;

export async function buildDashboard(
  db: Db,
  year: number,
  ownUnit: string | undefined,
  seesNotices: boolean,
): Promise<z.infer<typeof dashboardSchema>> {
  const cycle = await db.cycle.findUnique({ where: { year }, include: { transitions: true } });
  if (!cycle) throw notFound(`cycle ${year}`);
  const [units, checkpoints, submissions, extensions, explanations, rounds, feedback, notificationGroups] =
    await Promise.all([
      // The cycle's units (db/cycleStructure.ts, Art. 6 per year).
      cycleUnits(db, cycle.id).then((rows) =>
        rows
          .filter((unit) => !ownUnit || unit.id === ownUnit)
          .map((unit) => ({ id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn })),
      ),
      db.checkpoint.findMany({
        where: { cycleId: cycle.id },
        include: { indicator: { select: { notUndertaken: { select: { unitId: true } } } } },
      }),
      db.checkpointSubmission.findMany({
        where: { checkpoint: { cycleId: cycle.id }, ...(ownUnit ? { unitId: ownUnit } : {}) },
        select: { checkpointId: true, unitId: true, submittedAt: true, late: true },
      }),
      db.deadlineExtension.findMany({
        where: { cycleId: cycle.id, target: { startsWith: 'CHECKPOINT_ROUND:' } },
        orderBy: { createdAt: 'asc' },
      }),
      db.explanation.findMany({ where: { cycleId: cycle.id, ...(ownUnit ? { unitId: ownUnit } : {}) } }),
      db.approvalRound.findMany({
        where: { cycleId: cycle.id },
        include: { votes: { select: { decision: true } } },
        orderBy: { number: 'asc' },
      }),
      db.feedback.findMany({
        where: { cycleId: cycle.id, ...(ownUnit ? { unitId: ownUnit } : {}) },
        select: { confirmedAt: true },
      }),
      seesNotices
        ? db.notification.groupBy({
            by: ['event', 'status'],
            where: { cycleId: cycle.id },
            _count: { _all: true },
          })
        : Promise.resolve(null),
    ]);

  const progress = await loadStageProgress(db, cycle, ownUnit);
  const now = Date.now();
  const stage = cycle.stage as CycleStage;
  const entered = new Map(
    cycle.transitions.map((transition) => [transition.stage, transition.enteredAt.toISOString()]),
  );
  const timeline = CYCLE_STAGES.map((name) => ({
    stage: name,
    label: STAGE_LABELS[name].zh,
    labelEn: STAGE_LABELS[name].en,
    article: STAGE_LABELS[name].article,
    enteredAt: entered.get(name) ?? null,
    current: name === stage,
  }));

  const submissionOf = new Map(submissions.map((row) => [`${row.checkpointId}/${row.unitId}`, row]));
  const byId = new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint]));
  // Whether a round is closed: the same function as GET /cycles/{year}/status (one source).
  const checkpointRounds = checkpointRoundStates({
    stage,
    checkpoints: checkpoints.map((checkpoint) => ({
      id: checkpoint.id,
      code: checkpoint.code,
      dueAt: checkpoint.dueAt.toISOString(),
    })),
    extendedDue: roundExtensions(extensions),
    lateCheckpointIds: new Set(submissions.filter((row) => row.late).map((row) => row.checkpointId)),
    now,
  }).map((round) => {
    const closed = round.closed;
    const counts: Record<ProgressStatus, number> = {
      ON_TIME: 0,
      LATE: 0,
      MISSING: 0,
      PENDING: 0,
      NOT_UNDERTAKEN: 0,
    };
    const unitRows = units.map((unit) => {
      const perCheckpoint = round.checkpoints.map((ref) => {
        const checkpoint = byId.get(ref.id)!;
        const submission = submissionOf.get(`${ref.id}/${unit.id}`);
        let status: ProgressStatus;
        if (checkpoint.indicator.notUndertaken.some((row) => row.unitId === unit.id))
          status = 'NOT_UNDERTAKEN';
        else if (submission) status = submission.late ? 'LATE' : 'ON_TIME';
        else status = closed ? 'MISSING' : 'PENDING';
        return {
          checkpointId: ref.id,
          status,
          submittedAt: submission?.submittedAt.toISOString() ?? null,
        };
      });
      const status = roundStatus(perCheckpoint.map((row) => row.status));
      counts[status] += 1;
      return {
        unitId: unit.id,
        unitCode: unit.code,
        unitName: unit.name,
        unitNameEn: unit.nameEn,
        status,
        checkpoints: perCheckpoint,
      };
    });
    return {
      key: round.key,
      dueAt: round.dueAt,
      closed,
      checkpoints: round.checkpoints.map((ref) => ({
        id: ref.id,
        code: ref.code,
        name: byId.get(ref.id)!.name,
      })),
      counts,
      units: unitRows,
    };
  });

  let notifications: z.infer<typeof dashboardSchema>['notifications'] = null;
  if (notificationGroups) {
    const byStatus: Record<string, number> = {};
    const byEvent: Record<string, Record<string, number>> = {};
    for (const group of notificationGroups) {
      byStatus[group.status] = (byStatus[group.status] ?? 0) + group._count._all;
      byEvent[group.event] = { ...(byEvent[group.event] ?? {}), [group.status]: group._count._all };
    }
    notifications = { byStatus, byEvent };
  }

  return {
    cycle: {
      id: cycle.id,
      year: cycle.year,
      title: cycle.title,
      stage,
      publishedAt: cycle.publishedAt?.toISOString() ?? null,
      closedAt: cycle.closedAt?.toISOString() ?? null,
    },
    timeline,
    checkpointRounds,
    explanations: explanations.map((row) => ({
      unitId: row.unitId,
      status: row.status,
      dueAt: row.dueAt.toISOString(),
      overdue: (row.status === 'PENDING' || row.status === 'RETURNED') && row.dueAt.getTime() < now,
      escalations: row.escalations,
      late: row.late,
    })),
    approvals: ownUnit
      ? []
      : rounds.map((round) => ({
          number: round.number,
          status: round.status,
          submittedAt: round.submittedAt.toISOString(),
          decidedAt: round.decidedAt?.toISOString() ?? null,
          approvals: round.votes.filter((vote) => vote.decision === 'APPROVE').length,
          rejections: round.votes.filter((vote) => vote.decision === 'REJECT').length,
        })),
    feedback: { recorded: feedback.length, confirmed: feedback.filter((row) => row.confirmedAt).length },
    notifications,
    progress,
  };
}

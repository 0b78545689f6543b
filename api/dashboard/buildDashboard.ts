// The dashboard read from PostgreSQL only (SPEC §2, Art. 8): the stage timeline, per checkpoint round who
// is on time, late or missing, explanations (Art. 21), approval rounds (Art. 18), feedback (Art. 19) and
// the state of the notices.
import { cycleUnits } from '../../db/cycleStructure';
import { z } from 'zod';
import { notFound } from '../errors';
import { CYCLE_STAGES, STAGE_LABELS, type CycleStage } from '../../domain/cycle/stages';
import { checkpointRoundStates } from '../../domain/cycle/checkpointRoundState';
import { roundExtensions } from '../readModel/checkpointRoundStates';
import type { Db } from '../../prisma/client';
import { loadStageProgress } from '../readModel/stageProgress';
import { dashboardSchema, roundStatus, type ProgressStatus } from './dashboardSchema';

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

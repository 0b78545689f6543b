// The facts a person's to-do is decided from (domain/todo/todoItems.ts), read from PostgreSQL with a
// few small queries per open cycle, only those the cycle's stage needs: the page polls this.
import type { Db } from '../../prisma/client';
import type { CycleStage } from '../../domain/cycle/stages';
import { isActionOpen } from '../../domain/cycle/actionWindows';
import { loadCheckpointRoundStates } from '../readModel/checkpointRoundStates';
import {
  officeTodo,
  rankerTodo,
  sortTodo,
  thirdPartyTodo,
  unitTodo,
  voterTodo,
  type TodoCycle,
  type TodoItem,
} from '../../domain/todo/todoItems';
import type { SessionUser } from '../auth/sessions';

type CycleRow = {
  id: string;
  year: number;
  stage: string;
  useThirdParty: boolean;
  selfCheckDueAt: Date;
  verificationDueAt: Date;
  evaluationDueAt: Date;
};

const todoCycle = (cycle: CycleRow): TodoCycle => ({
  year: cycle.year,
  stage: cycle.stage as CycleStage,
  selfCheckDueAt: cycle.selfCheckDueAt.getTime(),
  verificationDueAt: cycle.verificationDueAt.getTime(),
  evaluationDueAt: cycle.evaluationDueAt.getTime(),
});

/** Every to-do item of `user` across the cycles in progress (published and not closed), sorted. */
export async function loadTodo(db: Db, user: SessionUser, now: Date): Promise<TodoItem[]> {
  const cycles = await db.cycle.findMany({
    where: { stage: { notIn: ['TARGET_SETTING', 'CLOSED'] }, publishedAt: { not: null } },
    orderBy: { year: 'desc' },
    select: {
      id: true,
      year: true,
      stage: true,
      useThirdParty: true,
      selfCheckDueAt: true,
      verificationDueAt: true,
      evaluationDueAt: true,
    },
  });
  const at = now.getTime();
  const perCycle = await Promise.all(
    cycles.map(async (cycle): Promise<TodoItem[]> => {
      switch (user.role) {
        case 'UNIT':
          return user.unitId ? unitTodo(await unitFacts(db, cycle, user.unitId, at), at) : [];
        case 'LEADER':
        case 'PARTY_MEMBER':
          return [
            ...rankerTodo(await rankerFacts(db, cycle, 'LEADER', user.userId), at),
            ...voterTodo(await voterFacts(db, cycle, user.userId), at),
          ];
        case 'DEPARTMENT': {
          const department = user.departmentId
            ? await db.department.findUnique({ where: { id: user.departmentId }, select: { ranks: true } })
            : null;
          return department?.ranks
            ? rankerTodo(await rankerFacts(db, cycle, 'DEPARTMENT', user.departmentId!), at)
            : [];
        }
        case 'THIRD_PARTY':
          return thirdPartyTodo(await thirdPartyFacts(db, cycle), at);
        case 'OFFICE':
          return officeTodo(await officeFacts(db, cycle, at), at);
        default:
          return [];
      }
    }),
  );
  return sortTodo(perCycle.flat());
}

async function unitFacts(db: Db, cycle: CycleRow, unitId: string, now: number) {
  const stage = cycle.stage as CycleStage;
  const submitting = isActionOpen('checkpointSubmission', stage);
  const selfChecking = isActionOpen('selfCheck', stage);
  const following = isActionOpen('feedback', stage) || isActionOpen('explanation', stage);
  const [rounds, checkpoints, submitted, indicators, selfChecked, feedback, explanation] = await Promise.all([
    submitting ? loadCheckpointRoundStates(db, cycle, now) : [],
    submitting
      ? db.checkpoint.findMany({
          where: { cycleId: cycle.id, indicator: { notUndertaken: { none: { unitId } } } },
          orderBy: { code: 'asc' },
          select: { id: true, name: true },
        })
      : [],
    submitting
      ? db.checkpointSubmission.findMany({
          where: { unitId, checkpoint: { cycleId: cycle.id } },
          select: { checkpointId: true },
        })
      : [],
    selfChecking
      ? db.indicator.findMany({
          where: { cycleId: cycle.id, notUndertaken: { none: { unitId } } },
          orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          select: { id: true, name: true },
        })
      : [],
    selfChecking
      ? db.selfCheck.findMany({ where: { cycleId: cycle.id, unitId }, select: { indicatorId: true } })
      : [],
    following
      ? db.feedback.findUnique({
          where: { cycleId_unitId: { cycleId: cycle.id, unitId } },
          select: { confirmedAt: true },
        })
      : null,
    following
      ? db.explanation.findUnique({
          where: { cycleId_unitId: { cycleId: cycle.id, unitId } },
          select: { status: true, dueAt: true },
        })
      : null,
  ]);
  const undertaken = new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.name]));
  const done = new Set(submitted.map((row) => row.checkpointId));
  const selfDone = new Set(selfChecked.map((row) => row.indicatorId));
  return {
    cycle: todoCycle(cycle),
    rounds: rounds.map((round) => ({
      dueAt: Date.parse(round.dueAt),
      missing: round.checkpoints
        .filter((ref) => undertaken.has(ref.id) && !done.has(ref.id))
        .map((ref) => undertaken.get(ref.id)!),
    })),
    selfCheckMissing: indicators.filter((row) => !selfDone.has(row.id)).map((row) => row.name),
    feedbackToConfirm: feedback !== null && feedback.confirmedAt === null,
    explanation: explanation ? { status: explanation.status, dueAt: explanation.dueAt.getTime() } : null,
  };
}

/** Categories with active units this member (kind LEADER, key = user id) or department has not ranked. */
async function rankerFacts(db: Db, cycle: CycleRow, kind: 'LEADER' | 'DEPARTMENT', evaluatorKey: string) {
  if (!isActionOpen('ranking', cycle.stage as CycleStage))
    return { cycle: todoCycle(cycle), unrankedCategories: [] };
  const [categories, ranked] = await Promise.all([
    db.category.findMany({
      where: { units: { some: { active: true } } },
      orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
      select: { id: true, name: true },
    }),
    db.ranking.findMany({ where: { cycleId: cycle.id, kind, evaluatorKey }, select: { categoryId: true } }),
  ]);
  const done = new Set(ranked.map((row) => row.categoryId));
  return {
    cycle: todoCycle(cycle),
    unrankedCategories: categories.filter((row) => !done.has(row.id)).map((row) => row.name),
  };
}

async function voterFacts(db: Db, cycle: CycleRow, userId: string) {
  const round =
    cycle.stage === 'APPROVAL'
      ? await db.approvalRound.findFirst({
          where: { cycleId: cycle.id, status: 'OPEN', votes: { none: { voterId: userId } } },
          orderBy: { number: 'desc' },
          select: { number: true },
        })
      : null;
  return { cycle: todoCycle(cycle), openRoundWithoutVote: round?.number ?? null };
}

async function thirdPartyFacts(db: Db, cycle: CycleRow) {
  const open = cycle.useThirdParty && isActionOpen('thirdPartyScores', cycle.stage as CycleStage);
  const units = open
    ? await db.unit.findMany({
        where: { active: true, thirdParty: { none: { cycleId: cycle.id } } },
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        select: { name: true },
      })
    : [];
  return {
    cycle: todoCycle(cycle),
    useThirdParty: cycle.useThirdParty,
    unscoredUnits: units.map((unit) => unit.name),
  };
}

type UnitCount = { name: string; n: bigint };
const queue = (rows: UnitCount[]) => ({
  units: rows.map((row) => row.name),
  count: rows.reduce((sum, row) => sum + Number(row.n), 0),
});

async function officeFacts(db: Db, cycle: CycleRow, now: number) {
  const stage = cycle.stage as CycleStage;
  const cycleId = cycle.id;
  const [checkpointRows, yearEndRows, toReview, failed, failedCount] = await Promise.all([
    // Evidence not verified since it was (re)submitted; before SELF_CHECK only checkpoints past due
    // or closed, which is when facts/verificationFacts.ts accepts a verification (Art. 8).
    isActionOpen('checkpointVerification', stage)
      ? db.$queryRaw<UnitCount[]>`
          SELECT u.name, count(*) AS n
            FROM "CheckpointSubmission" s
            JOIN "Checkpoint" c ON c.id = s."checkpointId"
            JOIN "Unit" u ON u.id = s."unitId"
            LEFT JOIN "CheckpointVerification" v
                   ON v."checkpointId" = s."checkpointId" AND v."unitId" = s."unitId"
           WHERE c."cycleId" = ${cycleId} AND u.active
             AND (v.id IS NULL OR v."verifiedAt" < s."submittedAt")
             AND (${stage !== 'CHECKPOINTS'} OR c."closedAt" IS NOT NULL OR c."dueAt" <= ${new Date(now)})
           GROUP BY u.id, u.name, u."sortOrder", u.code
           ORDER BY u."sortOrder", u.code`
      : ([] as UnitCount[]),
    // Every indicator a unit undertakes needs a year-end completion fraction (Art. 8, 12).
    isActionOpen('yearEndVerification', stage)
      ? db.$queryRaw<UnitCount[]>`
          SELECT u.name, count(*) AS n
            FROM "Indicator" i
           CROSS JOIN "Unit" u
            LEFT JOIN "NonUndertaking" nu ON nu."indicatorId" = i.id AND nu."unitId" = u.id
            LEFT JOIN "YearEndVerification" y ON y."indicatorId" = i.id AND y."unitId" = u.id
           WHERE i."cycleId" = ${cycleId} AND u.active AND nu."unitId" IS NULL AND y.id IS NULL
           GROUP BY u.id, u.name, u."sortOrder", u.code
           ORDER BY u."sortOrder", u.code`
      : ([] as UnitCount[]),
    isActionOpen('explanation', stage)
      ? db.explanation.findMany({
          where: { cycleId, status: 'SUBMITTED' },
          orderBy: { unit: { sortOrder: 'asc' } },
          select: { unit: { select: { name: true } } },
        })
      : [],
    db.notification.findMany({
      where: { cycleId, status: 'FAILED' },
      orderBy: { createdAt: 'asc' },
      take: 200,
      select: { recipientName: true, recipientEmail: true },
    }),
    db.notification.count({ where: { cycleId, status: 'FAILED' } }),
  ]);
  return {
    cycle: todoCycle(cycle),
    checkpointQueue: queue(checkpointRows),
    yearEndQueue: queue(yearEndRows),
    explanationsToReview: toReview.map((row) => row.unit.name),
    failedNotices: {
      recipients: failed.map((row) => row.recipientName || row.recipientEmail),
      count: failedCount,
    },
  };
}

// What the annual-cycle workflow needs to know about a cycle to judge actions: read once at publication.
import type { Db } from '../prisma/client';
import { cycleRankingDepartments, cycleUnits, cycleVoters, recordCycleStructure } from '../db/cycleStructure';

export interface CycleSetup {
  cycleId: string;
  year: number;
  workflowId: string;
  useThirdParty: boolean;
  units: { id: string; code: string; categoryId: string }[];
  categories: { id: string; code: string }[];
  indicators: { id: string; notUndertakenBy: string[] }[];
  checkpoints: { id: string; code: string; indicatorId: string; dueAt: string }[];
  /** Party-group members who rank (Art. 13) and vote (Art. 18); the leader is the 组长. */
  voters: { userId: string; isLeader: boolean }[];
  /** Member departments that rank units (Art. 13, 22). */
  rankingDepartments: string[];
  schedule: {
    selfCheckOpensAt: string;
    selfCheckDueAt: string;
    verificationDueAt: string;
    evaluationDueAt: string;
    explanationDays: number;
    reminderLeadDays: number;
  };
}

/** `engine: 2` (the current workflow) records that this cycle's human facts are written by the API. */
export async function loadCycleSetup(
  db: Db,
  cycleId: string,
  options: { engine?: 2 } = {},
): Promise<CycleSetup> {
  if (options.engine) await db.cycle.update({ where: { id: cycleId }, data: { engine: options.engine } });
  const cycle = await db.cycle.findUniqueOrThrow({
    where: { id: cycleId },
    include: {
      indicators: { include: { notUndertaken: true }, orderBy: { sortOrder: 'asc' } },
      checkpoints: { orderBy: { dueAt: 'asc' } },
    },
  });
  // The structure is recorded at publication and read from that record ever after (Art. 6, per year).
  await recordCycleStructure(db, cycleId);
  const units = await cycleUnits(db, cycleId);
  const voters = await cycleVoters(db, cycleId);
  const departments = await cycleRankingDepartments(db, cycleId);
  const categories = [...new Map(units.map((unit) => [unit.category.id, unit.category])).values()].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code),
  );
  return {
    cycleId,
    year: cycle.year,
    workflowId: cycle.workflowId,
    useThirdParty: cycle.useThirdParty,
    units: units.map((unit) => ({ id: unit.id, code: unit.code, categoryId: unit.categoryId })),
    categories: categories.map((category) => ({ id: category.id, code: category.code })),
    indicators: cycle.indicators.map((indicator) => ({
      id: indicator.id,
      notUndertakenBy: indicator.notUndertaken.map((row) => row.unitId),
    })),
    checkpoints: cycle.checkpoints.map((checkpoint) => ({
      id: checkpoint.id,
      code: checkpoint.code,
      indicatorId: checkpoint.indicatorId,
      dueAt: checkpoint.dueAt.toISOString(),
    })),
    voters: voters.map((voter) => ({ userId: voter.userId, isLeader: voter.isLeader })),
    rankingDepartments: departments.map((department) => department.id),
    schedule: {
      selfCheckOpensAt: cycle.selfCheckOpensAt.toISOString(),
      selfCheckDueAt: cycle.selfCheckDueAt.toISOString(),
      verificationDueAt: cycle.verificationDueAt.toISOString(),
      evaluationDueAt: cycle.evaluationDueAt.toISOString(),
      explanationDays: cycle.explanationDays,
      reminderLeadDays: cycle.reminderLeadDays,
    },
  };
}

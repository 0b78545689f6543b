// The structure a cycle runs with (Art. 6: 分类考核, per year). At publication the participating units
// (with category, name and contacts), the rankers of Art. 13 (party-group members and ranking departments)
// and the voters of Art. 18 are recorded for the cycle; from then on everything that asks "the cycle's
// units/rankers/voters" reads that record, so a district that merges, a renamed unit or a new department
// head never alters a running or closed year. Before publication the live structure applies.
import type { Db, Prisma } from '../prisma/client';

type Reader = Pick<Db, 'cycleStructure' | 'cycleUnit' | 'cycleRanker' | 'unit' | 'user' | 'department'>;
type Writer = Prisma.TransactionClient | Db;

export interface CycleUnitRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  categoryId: string;
  sortOrder: number;
  principalLeaderName: string | null;
  principalLeaderEmail: string | null;
  partyCommitteeName: string | null;
  partyCommitteeEmail: string | null;
  category: { id: string; code: string; name: string; nameEn: string | null; sortOrder: number };
}

export interface CycleVoterRow {
  userId: string;
  isLeader: boolean;
  name: string;
}

export interface CycleDepartmentRow {
  id: string;
  name: string;
  nameEn: string | null;
  /** The department's head account(s) when the structure was taken. */
  headNames: string;
}

export async function hasStructureRecord(db: Pick<Db, 'cycleStructure'>, cycleId: string): Promise<boolean> {
  return (await db.cycleStructure.count({ where: { cycleId } })) > 0;
}

async function liveUnits(db: Pick<Db, 'unit'>): Promise<CycleUnitRow[]> {
  const units = await db.unit.findMany({
    where: { active: true },
    include: { category: true },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  return units.map((unit) => ({
    id: unit.id,
    code: unit.code,
    name: unit.name,
    nameEn: unit.nameEn,
    categoryId: unit.categoryId,
    sortOrder: unit.sortOrder,
    principalLeaderName: unit.principalLeaderName,
    principalLeaderEmail: unit.principalLeaderEmail,
    partyCommitteeName: unit.partyCommitteeName,
    partyCommitteeEmail: unit.partyCommitteeEmail,
    category: {
      id: unit.category.id,
      code: unit.category.code,
      name: unit.category.name,
      nameEn: unit.category.nameEn,
      sortOrder: unit.category.sortOrder,
    },
  }));
}

async function liveVoters(db: Pick<Db, 'user'>): Promise<CycleVoterRow[]> {
  const users = await db.user.findMany({
    where: { active: true, role: { in: ['LEADER', 'PARTY_MEMBER'] } },
    orderBy: { username: 'asc' },
  });
  return users.map((user) => ({ userId: user.id, isLeader: user.role === 'LEADER', name: user.displayName }));
}

async function liveDepartments(db: Pick<Db, 'department'>): Promise<CycleDepartmentRow[]> {
  const departments = await db.department.findMany({
    where: { ranks: true },
    include: {
      users: { where: { active: true, role: 'DEPARTMENT' }, orderBy: { username: 'asc' } },
    },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  return departments.map((department) => ({
    id: department.id,
    name: department.name,
    nameEn: department.nameEn,
    headNames: department.users.map((user) => user.displayName).join('、'),
  }));
}

/** The cycle's assessed units in the federation's order: the record once published, else the live units. */
export async function cycleUnits(db: Reader, cycleId: string): Promise<CycleUnitRow[]> {
  if (!(await hasStructureRecord(db, cycleId))) return liveUnits(db);
  const rows = await db.cycleUnit.findMany({
    where: { cycleId },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  return rows.map((row) => ({
    id: row.unitId,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    categoryId: row.categoryId,
    sortOrder: row.sortOrder,
    principalLeaderName: row.principalLeaderName,
    principalLeaderEmail: row.principalLeaderEmail,
    partyCommitteeName: row.partyCommitteeName,
    partyCommitteeEmail: row.partyCommitteeEmail,
    category: {
      id: row.categoryId,
      code: row.categoryCode,
      name: row.categoryName,
      nameEn: row.categoryNameEn,
      sortOrder: row.categorySortOrder,
    },
  }));
}

/** The party-group members who rank (Art. 13) and vote (Art. 18) in the cycle; the leader is the 组长. */
export async function cycleVoters(db: Reader, cycleId: string): Promise<CycleVoterRow[]> {
  if (!(await hasStructureRecord(db, cycleId))) return liveVoters(db);
  const rows = await db.cycleRanker.findMany({
    where: { cycleId, kind: 'LEADER' },
    orderBy: { sortOrder: 'asc' },
  });
  return rows.map((row) => ({ userId: row.evaluatorKey, isLeader: row.isLeader, name: row.name }));
}

/** The member departments that rank units in the cycle (Art. 13, 22). */
export async function cycleRankingDepartments(db: Reader, cycleId: string): Promise<CycleDepartmentRow[]> {
  if (!(await hasStructureRecord(db, cycleId))) return liveDepartments(db);
  const rows = await db.cycleRanker.findMany({
    where: { cycleId, kind: 'DEPARTMENT' },
    orderBy: { sortOrder: 'asc' },
  });
  return rows.map((row) => ({
    id: row.evaluatorKey,
    name: row.name,
    nameEn: row.nameEn,
    headNames: row.headNames,
  }));
}

/**
 * Records the live structure for the cycle, once: a second call (a retried activity, the publish route and
 * the workflow's setup both asking) leaves the first record as it was.
 */
export async function recordCycleStructure(db: Writer, cycleId: string): Promise<void> {
  const write = async (tx: Prisma.TransactionClient) => {
    const claimed = await tx.cycleStructure.createMany({ data: [{ cycleId }], skipDuplicates: true });
    if (claimed.count === 0) return;
    const [units, voters, departments] = await Promise.all([
      liveUnits(tx),
      liveVoters(tx),
      liveDepartments(tx),
    ]);
    await tx.cycleUnit.createMany({
      data: units.map((unit) => ({
        cycleId,
        unitId: unit.id,
        code: unit.code,
        name: unit.name,
        nameEn: unit.nameEn,
        categoryId: unit.category.id,
        categoryCode: unit.category.code,
        categoryName: unit.category.name,
        categoryNameEn: unit.category.nameEn,
        categorySortOrder: unit.category.sortOrder,
        principalLeaderName: unit.principalLeaderName,
        principalLeaderEmail: unit.principalLeaderEmail,
        partyCommitteeName: unit.partyCommitteeName,
        partyCommitteeEmail: unit.partyCommitteeEmail,
        sortOrder: unit.sortOrder,
      })),
    });
    await tx.cycleRanker.createMany({
      data: [
        ...voters.map((voter, index) => ({
          cycleId,
          kind: 'LEADER' as const,
          evaluatorKey: voter.userId,
          name: voter.name,
          isLeader: voter.isLeader,
          sortOrder: index,
        })),
        ...departments.map((department, index) => ({
          cycleId,
          kind: 'DEPARTMENT' as const,
          evaluatorKey: department.id,
          name: department.name,
          nameEn: department.nameEn,
          headNames: department.headNames,
          sortOrder: index,
        })),
      ],
    });
  };
  if ('$transaction' in db) await (db as Db).$transaction(write);
  else await write(db);
}

/** Drops the record (publication undone because the workflow could not start). */
export async function forgetCycleStructure(db: Db, cycleId: string): Promise<void> {
  await db.cycleStructure.deleteMany({ where: { cycleId } });
  await db.cycleUnit.deleteMany({ where: { cycleId } });
  await db.cycleRanker.deleteMany({ where: { cycleId } });
}

/**
 * How a result names its unit: as the cycle was published (a unit renamed or moved since keeps its year's
 * name and category, Art. 6); units outside the record keep their live naming.
 */
export async function withCycleUnitNames<
  T extends {
    unitId: string;
    unit: {
      code: string;
      name: string;
      nameEn?: string | null;
      categoryId: string;
      category?: { code: string; name: string; nameEn?: string | null };
    };
  },
>(db: Reader, cycleId: string, rows: T[]): Promise<T[]> {
  if (!(await hasStructureRecord(db, cycleId))) return rows;
  const recorded = new Map((await cycleUnits(db, cycleId)).map((unit) => [unit.id, unit]));
  return rows.map((row) => {
    const unit = recorded.get(row.unitId);
    if (!unit) return row;
    return {
      ...row,
      unit: {
        ...row.unit,
        code: unit.code,
        name: unit.name,
        ...('nameEn' in row.unit ? { nameEn: unit.nameEn } : {}),
        categoryId: unit.categoryId,
        ...(row.unit.category
          ? {
              category: {
                ...row.unit.category,
                code: unit.category.code,
                name: unit.category.name,
                ...('nameEn' in row.unit.category ? { nameEn: unit.category.nameEn } : {}),
              },
            }
          : {}),
      },
    };
  });
}

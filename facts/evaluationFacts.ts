// Comprehensive evaluation (Art. 9, 13), commendations and criticisms (Art. 14, 15), downgrades (Art. 17).
import { writeAudit } from '../db/audit';
import { RefusalReason } from '../domain/cycle/refusalReason';
import type {
  AdjustmentInput,
  DowngradeInput,
  RankingInput,
  ThirdPartyScoresInput,
} from '../workflows/contract';
import { requireOpen, requireRevisable, type CycleGate, type Tx } from './cycleGate';
import { refuse, requireRole } from './refusal';
import { requireAssessedUnit, requireAssessedUnits } from './unitChecks';
import type { WriteContext } from './submissionFacts';
import { cycleRankingDepartments, cycleUnits, cycleVoters } from '../db/cycleStructure';

/** Who ranks (Art. 13, 22): the cycle's party-group members and ranking member departments. */
async function rankers(tx: Tx, cycleId: string) {
  const [voters, departments] = await Promise.all([
    cycleVoters(tx, cycleId),
    cycleRankingDepartments(tx, cycleId),
  ]);
  return {
    voterIds: voters.map((voter) => voter.userId),
    departmentIds: departments.map((department) => department.id),
  };
}

export const evaluatorKeyOf = (actor: RankingInput['actor'], kind: RankingInput['kind']) =>
  kind === 'LEADER' ? actor.userId : (actor.departmentId ?? '');

export async function checkRanking(tx: Tx, gate: CycleGate, input: RankingInput) {
  const { voterIds, departmentIds } = await rankers(tx, gate.id);
  if (input.kind === 'LEADER') {
    requireRole(input.actor, ['LEADER', 'PARTY_MEMBER'], 'leader evaluation');
    if (!voterIds.includes(input.actor.userId))
      refuse(RefusalReason.NOT_ALLOWED, 'not a party-group member of this cycle');
  } else {
    requireRole(input.actor, ['DEPARTMENT'], 'department evaluation');
    if (!departmentIds.includes(input.actor.departmentId ?? ''))
      refuse(RefusalReason.NOT_ALLOWED, 'this department is not a ranking member department (Art. 22)');
  }
  requireOpen(gate, 'ranking', 'ranking (Art. 13)');
  const expected = (await cycleUnits(tx, gate.id))
    .filter((unit) => unit.categoryId === input.categoryId)
    .map((unit) => unit.id);
  if (expected.length === 0) refuse(RefusalReason.NOT_FOUND, `category ${input.categoryId} has no units`);
  const seen = new Set<string>();
  for (const unitId of input.unitOrder) {
    if (seen.has(unitId)) refuse(RefusalReason.RANKING_INCOMPLETE, `unitOrder lists unit ${unitId} twice`);
    if (!expected.includes(unitId))
      refuse(RefusalReason.RANKING_INCOMPLETE, `unitOrder: unit ${unitId} is not in this category`);
    seen.add(unitId);
  }
  const missing = expected.filter((unitId) => !seen.has(unitId));
  if (missing.length > 0)
    refuse(
      RefusalReason.RANKING_INCOMPLETE,
      `unitOrder must rank every unit of the category once; missing: ${missing.join(', ')}`,
    );
}

export async function writeRanking(
  tx: Tx,
  args: { cycleId: string; input: RankingInput; evaluatorKey: string } & WriteContext,
) {
  const { cycleId, input, evaluatorKey, at } = args;
  const where = {
    cycleId_kind_evaluatorKey_categoryId: {
      cycleId,
      kind: input.kind,
      evaluatorKey,
      categoryId: input.categoryId,
    },
  };
  const previous = await tx.ranking.findUnique({ where });
  const data = { unitOrder: input.unitOrder, submittedById: input.actor.userId, submittedAt: new Date(at) };
  const saved = await tx.ranking.upsert({
    where,
    create: { cycleId, kind: input.kind, evaluatorKey, categoryId: input.categoryId, ...data },
    update: data,
  });
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'ranking.submit',
    targetType: 'Ranking',
    targetId: saved.id,
    before: previous ? { unitOrder: previous.unitOrder } : null,
    after: { kind: input.kind, categoryId: input.categoryId, unitOrder: input.unitOrder },
    at,
    eventKeyPrefix: args.auditKey,
  });
}

export async function checkThirdPartyScores(tx: Tx, gate: CycleGate, input: ThirdPartyScoresInput) {
  requireRole(input.actor, ['THIRD_PARTY', 'OFFICE'], 'third-party scores');
  if (!gate.useThirdParty) refuse(RefusalReason.INVALID, 'this cycle engages no third party (Art. 9, 11)');
  requireOpen(gate, 'thirdPartyScores', 'third-party evaluation (Art. 9)');
  requireRevisable(gate, 'third-party scores');
  await requireAssessedUnits(
    tx,
    gate.id,
    input.scores.map((score) => score.unitId),
  );
  for (const score of input.scores) {
    if (!(score.score >= 0 && score.score <= 100))
      refuse(RefusalReason.INVALID, `score for ${score.unitId} must be within 0-100`);
  }
}

export async function writeThirdPartyScores(
  tx: Tx,
  args: { cycleId: string; input: ThirdPartyScoresInput } & WriteContext,
) {
  const { cycleId, input, at } = args;
  for (const { unitId, score } of input.scores) {
    const data = { score, enteredById: input.actor.userId, enteredAt: new Date(at) };
    await tx.thirdPartyScore.upsert({
      where: { cycleId_unitId: { cycleId, unitId } },
      create: { cycleId, unitId, ...data },
      update: data,
    });
  }
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'thirdparty.enter',
    targetType: 'Cycle',
    targetId: cycleId,
    after: { scores: input.scores },
    at,
    eventKeyPrefix: args.auditKey,
  });
  return input.scores.length;
}

/**
 * Where the evaluation stands (Art. 9, 13): scoring needs a leader and a department ranking for every
 * category, and the third party's scores when engaged (`minimumMet`); the stage may end before its
 * deadline once every ranker has ranked every category (`everyoneRanked`).
 */
export async function evaluationProgress(
  tx: Pick<
    Tx,
    | 'unit'
    | 'user'
    | 'department'
    | 'ranking'
    | 'thirdPartyScore'
    | 'cycleStructure'
    | 'cycleUnit'
    | 'cycleRanker'
  >,
  cycle: { id: string; useThirdParty: boolean },
) {
  const [units, rankings, scored, voters, departments] = await Promise.all([
    cycleUnits(tx, cycle.id),
    tx.ranking.findMany({
      where: { cycleId: cycle.id },
      select: { kind: true, evaluatorKey: true, categoryId: true },
    }),
    tx.thirdPartyScore.findMany({ where: { cycleId: cycle.id }, select: { unitId: true } }),
    cycleVoters(tx, cycle.id).then((rows) => rows.map((row) => ({ id: row.userId }))),
    cycleRankingDepartments(tx, cycle.id),
  ]);
  const categories = [...new Set(units.map((unit) => unit.categoryId))];
  const has = (kind: string, evaluatorKey: string | null, categoryId: string) =>
    rankings.some(
      (ranking) =>
        ranking.kind === kind &&
        ranking.categoryId === categoryId &&
        (evaluatorKey === null || ranking.evaluatorKey === evaluatorKey),
    );
  const minimumRankings = categories.every(
    (categoryId) => has('LEADER', null, categoryId) && has('DEPARTMENT', null, categoryId),
  );
  const scoredUnits = new Set(scored.map((row) => row.unitId));
  const thirdPartyDone = !cycle.useThirdParty || units.every((unit) => scoredUnits.has(unit.id));
  const everyoneRanked = categories.every(
    (categoryId) =>
      voters.every((voter) => has('LEADER', voter.id, categoryId)) &&
      departments.every((department) => has('DEPARTMENT', department.id, categoryId)),
  );
  return { minimumMet: minimumRankings && thirdPartyDone, everyoneRanked };
}

export async function checkAdjustment(tx: Tx, gate: CycleGate, input: AdjustmentInput) {
  requireRole(input.actor, ['OFFICE'], 'commendations and criticisms (Art. 14, 15)');
  await requireAssessedUnit(tx, gate.id, input.unitId);
  requireOpen(gate, 'adjustment', 'commendations and criticisms');
  requireRevisable(gate, 'commendations and criticisms');
  if (!Number.isInteger(input.count) || input.count < 1)
    refuse(RefusalReason.INVALID, 'count must be a whole number of at least 1');
  if (!input.note.trim())
    refuse(RefusalReason.INVALID, 'note: name the notice (文件) of the commendation or criticism');
}

export async function writeAdjustment(
  tx: Tx,
  args: { cycleId: string; id: string; input: AdjustmentInput } & WriteContext,
) {
  const { cycleId, id, input, at } = args;
  const data = {
    cycleId,
    unitId: input.unitId,
    kind: input.kind,
    count: input.count,
    issuedBy: input.issuedBy,
    issuedOn: input.issuedOn ? new Date(input.issuedOn) : null,
    note: input.note,
    recordedById: input.actor.userId,
    createdAt: new Date(at),
  };
  await tx.adjustment.upsert({ where: { id }, create: { id, ...data }, update: {} });
  const evidenceIds = (input.evidence ?? []).map((ref) => ref.evidenceId);
  if (evidenceIds.length > 0) {
    await tx.evidenceFile.updateMany({
      where: { id: { in: evidenceIds }, cycleId },
      data: { adjustmentId: id },
    });
  }
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'adjustment.record',
    targetType: 'Adjustment',
    targetId: id,
    after: data,
    at,
    eventKeyPrefix: args.auditKey,
  });
  return id;
}

export async function checkDowngrade(tx: Tx, gate: CycleGate, input: DowngradeInput) {
  requireRole(input.actor, ['OFFICE'], 'downgrade decisions (Art. 17)');
  await requireAssessedUnit(tx, gate.id, input.unitId);
  requireOpen(gate, 'downgrade', 'downgrade decisions (Art. 17)');
  requireRevisable(gate, 'downgrade decisions');
  if (input.levels !== 1 && input.levels !== 2)
    refuse(RefusalReason.INVALID, 'levels must be 1 or 2 (Art. 17)');
  if (!input.note.trim()) refuse(RefusalReason.INVALID, 'note: state the facts behind the downgrade');
}

export async function writeDowngrade(
  tx: Tx,
  args: { cycleId: string; id: string; input: DowngradeInput } & WriteContext,
) {
  const { cycleId, id, input, at } = args;
  const data = {
    cycleId,
    unitId: input.unitId,
    levels: input.levels,
    reason: input.reason,
    note: input.note,
    recordedById: input.actor.userId,
    createdAt: new Date(at),
  };
  await tx.downgrade.upsert({ where: { id }, create: { id, ...data }, update: {} });
  await writeAudit(tx, {
    cycleId,
    actor: input.actor,
    action: 'downgrade.record',
    targetType: 'Downgrade',
    targetId: id,
    after: data,
    at,
    eventKeyPrefix: args.auditKey,
  });
  return id;
}

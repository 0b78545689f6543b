// Progress of every stage after the checkpoints (issue 13: "self-check n/14, rankings by evaluator,
// verification, votes, confirmations, explanations"), read from PostgreSQL for the dashboard, the
// stage-advance preview and the to-do home. A unit's account sees only its own figures.
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { defaultApprovalRule, approvalRuleSchema } from '../../domain/cycle/approvalRule';
import { approvalTally } from '../../domain/cycle/approvalTally';

const count = z.object({ done: z.number(), total: z.number() });

export const stageProgressSchema = z.object({
  /** Units that saved at least one self-check line (Art. 8). */
  selfCheck: count,
  /** Units with a year-end verification recorded for at least one indicator (Art. 8: 察访核验). */
  verification: count,
  /** Per evaluator (party-group member or ranking department, by name): categories ranked (Art. 13). */
  rankings: z
    .array(
      z.object({
        kind: z.enum(['LEADER', 'DEPARTMENT']),
        evaluatorKey: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        done: z.number(),
        total: z.number(),
      }),
    )
    .nullable(),
  /** The latest approval round against the rule (Art. 18), or null before the first. */
  votes: z
    .object({
      round: z.number(),
      status: z.string(),
      approvals: z.number(),
      rejections: z.number(),
      voters: z.number(),
      needed: z.number(),
      leaderVoted: z.boolean(),
      leaderDecision: z.enum(['APPROVE', 'REJECT']).nullable(),
      leaderMustApprove: z.boolean(),
      stillNeeded: z.number(),
      outcome: z.enum(['APPROVED', 'REJECTED', 'PENDING']),
    })
    .nullable(),
  /** Feedback (Art. 19): units whose principal leader has been told, and confirmations of it. */
  confirmations: z.object({ recorded: z.number(), confirmed: z.number(), total: z.number() }),
  /** Explanations of failing units (Art. 21) by status. */
  explanations: z.record(z.string(), z.number()),
});
export type StageProgress = z.infer<typeof stageProgressSchema>;

export async function loadStageProgress(
  db: Db,
  cycle: { id: string; approvalRule: unknown },
  ownUnit?: string,
): Promise<StageProgress> {
  const unitWhere = { active: true, ...(ownUnit ? { id: ownUnit } : {}) };
  const byUnit = ownUnit ? { unitId: ownUnit } : {};
  const [units, selfChecks, verifications, rankings, voters, departments, rounds, feedback, explanations] =
    await Promise.all([
      db.unit.findMany({ where: unitWhere, select: { id: true, categoryId: true } }),
      db.selfCheck.findMany({
        where: { cycleId: cycle.id, ...byUnit },
        distinct: ['unitId'],
        select: { unitId: true },
      }),
      db.yearEndVerification.findMany({
        where: { cycleId: cycle.id, ...byUnit },
        distinct: ['unitId'],
        select: { unitId: true },
      }),
      ownUnit
        ? Promise.resolve([])
        : db.ranking.findMany({
            where: { cycleId: cycle.id },
            select: { kind: true, evaluatorKey: true, categoryId: true },
          }),
      ownUnit
        ? Promise.resolve([])
        : db.user.findMany({
            where: { active: true, role: { in: ['LEADER', 'PARTY_MEMBER'] } },
            orderBy: { username: 'asc' },
            select: { id: true, displayName: true, role: true },
          }),
      ownUnit
        ? Promise.resolve([])
        : db.department.findMany({
            where: { ranks: true },
            orderBy: { sortOrder: 'asc' },
            select: { id: true, name: true, nameEn: true },
          }),
      ownUnit
        ? Promise.resolve([])
        : db.approvalRound.findMany({
            where: { cycleId: cycle.id },
            orderBy: { number: 'desc' },
            take: 1,
            include: { votes: { select: { voterId: true, decision: true } } },
          }),
      db.feedback.findMany({ where: { cycleId: cycle.id, ...byUnit }, select: { confirmedAt: true } }),
      db.explanation.groupBy({
        by: ['status'],
        where: { cycleId: cycle.id, ...byUnit },
        _count: { _all: true },
      }),
    ]);
  const unitIds = new Set(units.map((unit) => unit.id));
  const categories = [...new Set(units.map((unit) => unit.categoryId))];
  const ranked = (kind: string, key: string) =>
    categories.filter((categoryId) =>
      rankings.some((row) => row.kind === kind && row.evaluatorKey === key && row.categoryId === categoryId),
    ).length;

  let votes: StageProgress['votes'] = null;
  const latest = rounds[0];
  if (latest) {
    const rule = approvalRuleSchema.safeParse(cycle.approvalRule ?? {});
    const tally = approvalTally(
      rule.success ? rule.data : defaultApprovalRule,
      voters.map((voter) => ({ userId: voter.id, isLeader: voter.role === 'LEADER' })),
      new Map(latest.votes.map((vote) => [vote.voterId, vote.decision])),
    );
    votes = {
      round: latest.number,
      status: latest.status,
      approvals: tally.approvals,
      rejections: tally.rejections,
      voters: voters.length,
      needed: tally.needed,
      leaderVoted: tally.leaderVoted,
      leaderDecision: tally.leaderDecision,
      leaderMustApprove: tally.leaderMustApprove,
      stillNeeded: tally.stillNeeded,
      outcome: tally.outcome,
    };
  }

  return {
    selfCheck: { done: selfChecks.filter((row) => unitIds.has(row.unitId)).length, total: units.length },
    verification: {
      done: verifications.filter((row) => unitIds.has(row.unitId)).length,
      total: units.length,
    },
    rankings: ownUnit
      ? null
      : [
          ...voters.map((voter) => ({
            kind: 'LEADER' as const,
            evaluatorKey: voter.id,
            name: voter.displayName,
            nameEn: null,
            done: ranked('LEADER', voter.id),
            total: categories.length,
          })),
          ...departments.map((department) => ({
            kind: 'DEPARTMENT' as const,
            evaluatorKey: department.id,
            name: department.name,
            nameEn: department.nameEn,
            done: ranked('DEPARTMENT', department.id),
            total: categories.length,
          })),
        ],
    votes,
    confirmations: {
      recorded: feedback.length,
      confirmed: feedback.filter((row) => row.confirmedAt).length,
      total: units.length,
    },
    explanations: Object.fromEntries(explanations.map((row) => [row.status, row._count._all])),
  };
}

// What the party group is asked to approve (Art. 18; issue 13): per round the frozen snapshot's results
// in brief (grades per category, failing units by name), the tally against the rule, the voters by name
// and title, and whether the results as they stand now equal the last round's snapshot (a resubmission
// without changes is then warned of).
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { requireRole } from '../auth/access';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { approvalRuleSchema, defaultApprovalRule } from '../../domain/cycle/approvalRule';
import { approvalTally } from '../../domain/cycle/approvalTally';
import { approvalSnapshot } from '../../activities/approvalActivities';
import { findCycle, yearParams } from './shared';

const GRADES = ['GOOD', 'FAIRLY_GOOD', 'PASS', 'FAIL'] as const;

export const approvalSummarySchema = z.object({
  rule: z.object({ leaderMustApprove: z.boolean(), majorityOver: z.number() }),
  voters: z.array(
    z.object({ userId: z.string(), name: z.string(), title: z.string().nullable(), isLeader: z.boolean() }),
  ),
  rounds: z.array(
    z.object({
      number: z.number(),
      status: z.enum(['OPEN', 'APPROVED', 'REJECTED']),
      snapshotHash: z.string(),
      tally: z.object({
        approvals: z.number(),
        rejections: z.number(),
        needed: z.number(),
        leaderVoted: z.boolean(),
        leaderDecision: z.enum(['APPROVE', 'REJECT']).nullable(),
        leaderMustApprove: z.boolean(),
        stillNeeded: z.number(),
        rejectionsToFail: z.number(),
        outcome: z.enum(['APPROVED', 'REJECTED', 'PENDING']),
      }),
      notVoted: z.array(z.string()).describe('names of voters who have not voted in this round'),
      categories: z.array(
        z.object({
          name: z.string(),
          nameEn: z.string().nullable(),
          grades: z.record(z.enum(GRADES), z.number()),
        }),
      ),
      failing: z.array(z.object({ name: z.string(), nameEn: z.string().nullable(), total: z.string() })),
    }),
  ),
  /** The results as they stand now hash like the last round's snapshot (nothing changed since). */
  unchangedSinceRound: z.number().nullable(),
});

export function approvalSummaryRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/approval/summary',
      summary:
        'Per approval round: the snapshot’s grades per category and failing units, the tally against the rule, voters by name',
      description:
        'The tally follows domain/cycle/approvalRule.ts: approved once the leader and strictly more than majorityOver of all ' +
        'party-group members approved; one rejection alone does not end a round. `unchangedSinceRound` names the last ' +
        'round when the results as they stand now equal its snapshot.',
      tags: ['approval'],
      roles: ['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'],
      params: yearParams,
      response: { schema: approvalSummarySchema },
      errors: [404],
    },
    requireRole(db, 'OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const [rounds, users, units] = await Promise.all([
        db.approvalRound.findMany({
          where: { cycleId: cycle.id },
          orderBy: { number: 'asc' },
          include: { votes: { select: { voterId: true, decision: true } } },
        }),
        db.user.findMany({
          where: { active: true, role: { in: ['LEADER', 'PARTY_MEMBER'] } },
          orderBy: { username: 'asc' },
          select: { id: true, displayName: true, title: true, role: true },
        }),
        db.unit.findMany({
          include: { category: true },
          orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        }),
      ]);
      const parsedRule = approvalRuleSchema.safeParse(cycle.approvalRule ?? {});
      const rule = parsedRule.success ? parsedRule.data : defaultApprovalRule;
      const voters = users.map((user) => ({ userId: user.id, isLeader: user.role === 'LEADER' }));
      const unitOf = new Map(units.map((unit) => [unit.id, unit]));
      const categoryOrder = [
        ...new Map(units.map((unit) => [unit.category.id, unit.category])).values(),
      ].sort((a, b) => a.sortOrder - b.sortOrder);

      const summaries = rounds.map((round) => {
        const votes = new Map(round.votes.map((vote) => [vote.voterId, vote.decision]));
        const results =
          (round.snapshot as { results?: { unitId: string; total: string; finalGrade: string }[] }).results ??
          [];
        const categories = categoryOrder
          .map((category) => {
            const grades = Object.fromEntries(GRADES.map((grade) => [grade, 0])) as Record<
              (typeof GRADES)[number],
              number
            >;
            let any = false;
            for (const result of results) {
              if (unitOf.get(result.unitId)?.categoryId !== category.id) continue;
              any = true;
              if ((GRADES as readonly string[]).includes(result.finalGrade))
                grades[result.finalGrade as (typeof GRADES)[number]] += 1;
            }
            return any ? { name: category.name, nameEn: category.nameEn, grades } : null;
          })
          .filter((row) => row !== null);
        return {
          number: round.number,
          status: round.status,
          snapshotHash: round.snapshotHash,
          tally: approvalTally(rule, voters, votes),
          notVoted: users.filter((user) => !votes.has(user.id)).map((user) => user.displayName),
          categories,
          failing: results
            .filter((result) => result.finalGrade === 'FAIL')
            .map((result) => ({
              name: unitOf.get(result.unitId)?.name ?? '—',
              nameEn: unitOf.get(result.unitId)?.nameEn ?? null,
              total: result.total,
            })),
        };
      });

      // Only worth computing while the office could submit again: after a rejection, in SCORING.
      const last = rounds.at(-1);
      let unchangedSinceRound: number | null = null;
      if (last && last.status === 'REJECTED' && cycle.stage === 'SCORING') {
        const { snapshotHash } = await approvalSnapshot(db, cycle.id);
        if (snapshotHash === last.snapshotHash) unchangedSinceRound = last.number;
      }

      res.json(
        approvalSummarySchema.parse({
          rule: { leaderMustApprove: rule.leaderMustApprove, majorityOver: Number(rule.majorityOver) },
          voters: users.map((user) => ({
            userId: user.id,
            name: user.displayName,
            title: user.title,
            isLeader: user.role === 'LEADER',
          })),
          rounds: summaries,
          unchangedSinceRound,
        }),
      );
    },
  );

  return router;
}

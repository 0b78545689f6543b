// Party-group approval (Art. 18: 经市总党组会议审定): the office submits the results (a frozen snapshot,
// hashed); party-group members vote once per round in that round's own workflow.
import type { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { currentUser, requireRole } from '../auth/access';
import { HttpError, notFound } from '../errors';
import { apiRouter, defineRoute } from '../openapi/defineRoute';
import { instant, nullableInstant, row } from '../openapi/responseSchemas';
import { approvalRoundWorkflowId, castVoteUpdate, submitForApprovalUpdate } from '../../workflows/contract';
import { actorOf, findCycle, forward, yearParams } from './shared';

const roundParams = yearParams.extend({ number: z.coerce.number().int().min(1).max(1000) });
export const voteBody = z
  .object({ decision: z.enum(['APPROVE', 'REJECT']), comment: z.string().max(5000).optional() })
  .strict()
  .refine((body) => body.decision !== 'REJECT' || Boolean(body.comment?.trim()), {
    message: 'a rejection needs a comment for the office (Art. 18)',
    path: ['comment'],
  });
const APPROVAL_READERS = ['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER'] as const;
const roundStatus = z.enum(['OPEN', 'APPROVED', 'REJECTED']);
export const submitResponse = z.object({
  round: z.object({ number: z.int().min(1), snapshotHash: z.string().nullable(), status: roundStatus }),
});
export const voteResponse = z.object({
  vote: z.object({ round: z.int().min(1), decision: z.enum(['APPROVE', 'REJECT']) }),
  outcome: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
});
// What decides a round (domain/cycle/approvalRule.ts decideRound), for the contract's readers.
const ROUND_RULE =
  'A round is decided as soon as its outcome is certain (domain/cycle/approvalRule.ts): APPROVED once the ' +
  'leader (组长) and a majority of all party-group members (strictly more than majorityOver, default 0.5, of ' +
  'them, the leader included) approved; REJECTED once that can no longer happen — the leader rejected, or so ' +
  'many members rejected that a majority is out of reach. One member’s rejection alone does not end a round. ' +
  'A rejected round sends the cycle back to SCORING; the office then submits a new round (Art. 18).';

const voteDecision = z.enum(['APPROVE', 'REJECT']);
const voteRow = row({
  id: z.string(),
  voterId: z.string(),
  decision: voteDecision,
  comment: z.string(),
  votedAt: instant,
});
const roundColumns = {
  id: z.string(),
  number: z.int(),
  snapshotHash: z.string().describe('SHA-256 of the frozen snapshot voted on'),
  status: roundStatus,
  submittedById: z.string(),
  submittedAt: instant,
  decidedAt: nullableInstant,
};
export const roundsResponse = z.object({
  rounds: z.array(
    row({
      ...roundColumns,
      votes: z.array(
        voteRow.extend({
          voter: z.object({
            id: z.string(),
            displayName: z.string(),
            role: z.string(),
            title: z.string().nullable(),
          }),
        }),
      ),
    }),
  ),
});
export const roundResponse = z.object({
  round: row({
    ...roundColumns,
    snapshot: z.unknown().describe('the frozen results voted on'),
    votes: z.array(voteRow),
  }),
});

export function approvalRoutes(deps: ApiDeps): Router {
  const { db } = deps;
  const router = apiRouter('/cycles');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/approval/submit',
      summary: 'Submit the scored results for party-group approval; opens a new round',
      description: ROUND_RULE,
      tags: ['approval'],
      roles: ['OFFICE'],
      params: yearParams,
      response: {
        status: 201,
        description: 'the round opened, with the hash of its frozen snapshot',
        schema: submitResponse,
      },
      errors: [404, 409],
    },
    requireRole(db, 'OFFICE'),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const round = await forward(deps, req, cycle.workflowId, submitForApprovalUpdate, {
        actor: actorOf(req),
      });
      const saved = await db.approvalRound.findUnique({
        where: { cycleId_number: { cycleId: cycle.id, number: round } },
      });
      res.status(201).json(
        submitResponse.parse({
          round: {
            number: round,
            snapshotHash: saved?.snapshotHash ?? null,
            status: saved?.status ?? 'OPEN',
          },
        }),
      );
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/approval/rounds',
      summary: 'Every approval round with its votes and snapshot hash',
      response: { schema: roundsResponse },
      tags: ['approval'],
      roles: [...APPROVAL_READERS],
      params: yearParams,
      errors: [404],
    },
    requireRole(db, ...APPROVAL_READERS),
    async (req, res) => {
      const { year } = yearParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const rounds = await db.approvalRound.findMany({
        where: { cycleId: cycle.id },
        omit: { snapshot: true },
        include: {
          votes: {
            include: { voter: { select: { id: true, displayName: true, role: true, title: true } } },
            orderBy: { votedAt: 'asc' },
          },
        },
        orderBy: { number: 'asc' },
      });
      res.json({ rounds });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/cycles/:year/approval/rounds/:number',
      summary: 'One approval round with the frozen snapshot voted on',
      response: { schema: roundResponse },
      tags: ['approval'],
      roles: [...APPROVAL_READERS],
      params: roundParams,
      errors: [404],
    },
    requireRole(db, ...APPROVAL_READERS),
    async (req, res) => {
      const { year, number } = roundParams.parse(req.params);
      const cycle = await findCycle(db, year);
      const round = await db.approvalRound.findUnique({
        where: { cycleId_number: { cycleId: cycle.id, number } },
        include: { votes: true },
      });
      if (!round) throw notFound(`approval round ${number}`);
      res.json({ round });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/cycles/:year/approval/rounds/:number/votes',
      summary: 'A party-group member votes once in an open round (a rejection needs a comment)',
      description: `${ROUND_RULE} \`outcome\` is the round's state after this vote.`,
      tags: ['approval'],
      roles: ['LEADER', 'PARTY_MEMBER'],
      params: roundParams,
      body: voteBody,
      response: {
        status: 201,
        description: 'the vote, and the round’s outcome after it',
        schema: voteResponse,
      },
      errors: [404, 409],
    },
    requireRole(db, 'LEADER', 'PARTY_MEMBER'),
    async (req, res) => {
      const { year, number } = roundParams.parse(req.params);
      const body = voteBody.parse(req.body);
      const cycle = await findCycle(db, year);
      const round = await db.approvalRound.findUnique({
        where: { cycleId_number: { cycleId: cycle.id, number } },
        include: { votes: true },
      });
      if (!round) throw notFound(`approval round ${number}`);
      if (round.status !== 'OPEN')
        throw new HttpError(409, 'CLOSED', `approval round ${number} is already ${round.status}`);
      // Once per round (Art. 18); the round's workflow refuses a second vote too.
      if (round.votes.some((vote) => vote.voterId === currentUser(req).userId))
        throw new HttpError(409, 'ALREADY_VOTED', `already voted in round ${number}`);
      const outcome = await forward(
        deps,
        req,
        approvalRoundWorkflowId(cycle.workflowId, number),
        castVoteUpdate,
        {
          actor: actorOf(req),
          decision: body.decision,
          comment: body.comment,
        },
      );
      res.status(201).json({ vote: { round: number, decision: body.decision }, outcome });
    },
  );

  return router;
}

// One party-group approval round (Art. 18: 经市总党组会议审定): members vote on a frozen snapshot of
// the results; the round ends as soon as the rule decides it. Every round and vote is kept.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { approvalRoundStatusQuery, castVoteUpdate, RefusalReason, type VoteInput } from './contract';
import { notices, records } from './activityProxies';
import { refuse, requireRole } from './refuse';
import { decideRound, type ApprovalRule, type VoteDecision, type Voter } from '../domain/cycle/approvalRule';

export interface ApprovalRoundInput {
  cycleId: string;
  round: number;
  voters: Voter[];
  rule: ApprovalRule;
}

export interface ApprovalRoundResult {
  round: number;
  outcome: 'APPROVED' | 'REJECTED';
}

export async function approvalRoundWorkflow(input: ApprovalRoundInput): Promise<ApprovalRoundResult> {
  const votes = new Map<string, VoteDecision>();
  let outcome: 'APPROVED' | 'REJECTED' | 'PENDING' = 'PENDING';

  setHandler(approvalRoundStatusQuery, () => ({ round: input.round, outcome, voted: [...votes.keys()] }));
  setHandler(
    castVoteUpdate,
    async (vote: VoteInput) => {
      votes.set(vote.actor.userId, vote.decision);
      await records.recordVote({
        cycleId: input.cycleId,
        round: input.round,
        input: vote,
        at: new Date().toISOString(),
      });
      outcome = decideRound(input.rule, input.voters, votes);
      return outcome;
    },
    {
      validator: (vote: VoteInput) => {
        requireRole(vote.actor, ['LEADER', 'PARTY_MEMBER'], 'approval vote');
        if (!input.voters.some((voter) => voter.userId === vote.actor.userId)) {
          refuse(RefusalReason.NOT_ALLOWED, 'only party-group members of this cycle vote (Art. 18)');
        }
        if (outcome !== 'PENDING')
          refuse(RefusalReason.CLOSED, `approval round ${input.round} is already ${outcome}`);
        if (votes.has(vote.actor.userId))
          refuse(RefusalReason.ALREADY_VOTED, `already voted in round ${input.round}`);
        if (vote.decision === 'REJECT' && !vote.comment?.trim()) {
          refuse(RefusalReason.INVALID, 'a rejection needs a comment for the office (Art. 18)');
        }
      },
    },
  );

  await notices.sendNotices({
    cycleId: input.cycleId,
    event: 'APPROVAL_REQUEST',
    at: new Date().toISOString(),
    params: { round: input.round },
  });
  await condition(() => outcome !== 'PENDING');
  await condition(allHandlersFinished);
  const decided = outcome as 'APPROVED' | 'REJECTED';
  await records.closeApprovalRound({
    cycleId: input.cycleId,
    round: input.round,
    outcome: decided,
    at: new Date().toISOString(),
  });
  await notices.sendNotices({
    cycleId: input.cycleId,
    event: 'APPROVAL_OUTCOME',
    at: new Date().toISOString(),
    params: { round: input.round },
  });
  return { round: input.round, outcome: decided };
}

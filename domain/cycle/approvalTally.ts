// Where an approval round stands against the rule (Art. 18; domain/cycle/approvalRule.ts): how many
// approvals are needed, how many are still missing, whether the leader (组长) has voted — what the
// approval page and the dashboard say ("组长未表决，还需 3 票"). One rejection alone does not end a round.
import {
  decideRound,
  type ApprovalRule,
  type RoundOutcome,
  type VoteDecision,
  type Voter,
} from './approvalRule';

export interface ApprovalTally {
  approvals: number;
  rejections: number;
  /** Approvals the rule needs: strictly more than `majorityOver` of all voters, the leader included. */
  needed: number;
  leaderVoted: boolean;
  leaderDecision: VoteDecision | null;
  leaderMustApprove: boolean;
  /** Further approvals needed for the round to pass (0 once met); the leader's among them if required. */
  stillNeeded: number;
  /** Rejections that would end the round (a majority out of reach), counting those already cast. */
  rejectionsToFail: number;
  outcome: RoundOutcome;
}

export function approvalTally(
  rule: ApprovalRule,
  voters: Voter[],
  votes: Map<string, VoteDecision>,
): ApprovalTally {
  const needed = Math.floor(voters.length * Number(rule.majorityOver)) + 1;
  let approvals = 0;
  let rejections = 0;
  for (const voter of voters) {
    const vote = votes.get(voter.userId);
    if (vote === 'APPROVE') approvals += 1;
    if (vote === 'REJECT') rejections += 1;
  }
  const leader = voters.find((voter) => voter.isLeader);
  const leaderDecision = (leader && votes.get(leader.userId)) || null;
  const outcome = decideRound(rule, voters, votes);
  let stillNeeded = Math.max(0, needed - approvals);
  // The leader's approval is required: if the count is met without it, it is still one vote short.
  if (rule.leaderMustApprove && leaderDecision !== 'APPROVE' && stillNeeded === 0) stillNeeded = 1;
  return {
    approvals,
    rejections,
    needed,
    leaderVoted: leaderDecision !== null,
    leaderDecision,
    leaderMustApprove: rule.leaderMustApprove,
    stillNeeded: outcome === 'APPROVED' ? 0 : stillNeeded,
    rejectionsToFail: voters.length - needed + 1,
    outcome,
  };
}

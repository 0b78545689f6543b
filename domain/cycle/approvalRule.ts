// Party-group approval (Art. 18: 经市总党组会议审定). The measures do not say how the party group
// decides; the default rule is "the leader (组长) and a majority of all party-group members approve".
import { z } from 'zod';
import { exactDecimal } from '../precision';

export const approvalRuleSchema = z.object({
  leaderMustApprove: z.boolean().default(true),
  /** Share of all party-group members (leader included) whose approval is needed: strictly more than this. */
  majorityOver: exactDecimal('share').min(0).max(1).default(0.5),
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;
export const defaultApprovalRule: ApprovalRule = approvalRuleSchema.parse({});

export interface Voter {
  userId: string;
  isLeader: boolean;
}
export type VoteDecision = 'APPROVE' | 'REJECT';
export type RoundOutcome = 'APPROVED' | 'REJECTED' | 'PENDING';

/**
 * Decides a round as soon as the outcome is certain: approved once the rule is met; rejected once it
 * can no longer be met (the leader rejected, or too many rejections for a majority).
 */
export function decideRound(
  rule: ApprovalRule,
  voters: Voter[],
  votes: Map<string, VoteDecision>,
): RoundOutcome {
  const needed = Math.floor(voters.length * rule.majorityOver) + 1;
  let approvals = 0;
  let rejections = 0;
  for (const voter of voters) {
    const vote = votes.get(voter.userId);
    if (vote === 'APPROVE') approvals += 1;
    if (vote === 'REJECT') rejections += 1;
  }
  const leader = voters.find((voter) => voter.isLeader);
  const leaderVote = leader ? votes.get(leader.userId) : undefined;
  if (rule.leaderMustApprove && leaderVote === 'REJECT') return 'REJECTED';
  if (voters.length - rejections < needed) return 'REJECTED';
  const leaderOk = !rule.leaderMustApprove || leaderVote === 'APPROVE';
  if (approvals >= needed && leaderOk) return 'APPROVED';
  return 'PENDING';
}

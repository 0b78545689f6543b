// Art. 18: the office learns how a round ended — the votes, who has not voted, and the comments
// (a rejection always has one) so it can correct the results and resubmit.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { usersWithRoles } from './noticeRecipients';

export const approvalOutcome: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const round = intParam(params, 'round', 1);
  const { header } = await cycleHeader(db, cycleId, at);
  const approvalRound = await db.approvalRound.findUniqueOrThrow({
    where: { cycleId_number: { cycleId, number: round } },
    include: { votes: { include: { voter: true }, orderBy: { votedAt: 'asc' } } },
  });
  if (approvalRound.status === 'OPEN')
    throw noticeProblem(`approval round ${round} is still open: no outcome to send`);
  const voters = await usersWithRoles(db, ['LEADER', 'PARTY_MEMBER']);
  const voted = new Set(approvalRound.votes.map((vote) => vote.voterId));
  const approvals = approvalRound.votes.filter((vote) => vote.decision === 'APPROVE').length;
  const data = {
    ...header,
    portalUrl: portalUrl(publicUrl, 'approval'),
    round,
    outcome: approvalRound.status,
    approvals,
    rejections: approvalRound.votes.length - approvals,
    notVoted: voters.filter((voter) => !voted.has(voter.userId)).length,
    comments: approvalRound.votes
      .filter((vote) => vote.comment.trim())
      .map((vote) => ({
        voterName: vote.voter.title?.trim() || vote.voter.displayName,
        decision: vote.decision,
        comment: vote.comment.trim(),
      })),
  };
  return (await usersWithRoles(db, ['OFFICE'])).map((officer) =>
    draftNotice({
      cycleId,
      template: 'APPROVAL_OUTCOME',
      recipient: officer,
      repeat: [`round-${round}`],
      data,
    }),
  );
};

// Art. 18: 经市总党组会议审定 — every party-group member (the leader included) is asked to vote on one
// approval round, with a link to the results and the grade counts of the frozen snapshot.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { usersWithRoles } from './noticeRecipients';

import type { Grade as GradeName } from '../../domain/scoring/scoringOutput';

function snapshotGrades(snapshot: unknown): GradeName[] | null {
  const results = (snapshot as { results?: { finalGrade?: unknown }[] } | null)?.results;
  if (!Array.isArray(results) || results.length === 0) return null;
  const grades = results.map((row) => row.finalGrade);
  return grades.every((grade) => ['GOOD', 'FAIRLY_GOOD', 'PASS', 'FAIL'].includes(grade as string))
    ? (grades as GradeName[])
    : null;
}

export const approvalRequest: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const round = intParam(params, 'round', 1);
  const { header } = await cycleHeader(db, cycleId, at);
  const approvalRound = await db.approvalRound.findUnique({
    where: { cycleId_number: { cycleId, number: round } },
  });
  // The members vote on the snapshot frozen at submission; the live results are the fallback.
  const grades =
    snapshotGrades(approvalRound?.snapshot) ??
    (await db.unitResult.findMany({ where: { cycleId }, select: { finalGrade: true } })).map(
      (row) => row.finalGrade,
    );
  if (grades.length === 0) throw noticeProblem(`approval round ${round}: no results to approve`);
  const gradeCounts = { GOOD: 0, FAIRLY_GOOD: 0, PASS: 0, FAIL: 0 };
  for (const grade of grades) gradeCounts[grade] += 1;
  const approval = portalUrl(publicUrl, 'approval');
  return (await usersWithRoles(db, ['LEADER', 'PARTY_MEMBER'])).map((member) =>
    draftNotice({
      cycleId,
      template: 'APPROVAL_REQUEST',
      recipient: member,
      repeat: [`round-${round}`],
      data: {
        ...header,
        portalUrl: approval,
        round,
        resultsUrl: `${approval}?round=${round}`,
        unitCount: grades.length,
        gradeCounts,
      },
    }),
  );
};

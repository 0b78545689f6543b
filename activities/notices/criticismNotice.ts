// Art. 21: 通报批评 of a failing unit, to the unit (its principal leader) and to its same-level party
// committee, each with the deadline of the written explanation the principal leader owes both.
import { noticeProblem } from './noticeProblem';
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { partyCommitteeName, partyCommitteeOf, principalLeaderOf } from './noticeRecipients';
import { DAY_MS, explanationOf } from './explanationRecord';

export const criticismNotice: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const { cycle, header } = await cycleHeader(db, cycleId, at);
  const { unit, explanation, result } = await explanationOf(db, cycleId, params.unitId);
  if (!result) throw noticeProblem(`unit ${unit.code} has no result in this cycle: no criticism notice`);
  // openExplanation runs before the explanation workflow sends this; the fallback is SPEC §2.12's rule.
  const explanationDueAt = explanation?.dueAt ?? new Date(Date.parse(at) + cycle.explanationDays * DAY_MS);
  const common = {
    ...header,
    unitName: unit.name,
    partyCommitteeName: partyCommitteeName(unit),
    total: result.total.toFixed(2),
    scoreGrade: result.scoreGrade,
    finalGrade: result.finalGrade,
    explanationDueAt: explanationDueAt.toISOString(),
  };
  const drafts: NoticeDraft[] = [];
  const leader = await principalLeaderOf(db, unit);
  if (leader) {
    drafts.push(
      draftNotice({
        cycleId,
        template: 'CRITICISM_NOTICE',
        recipient: leader,
        unitId: unit.id,
        repeat: [unit.code],
        data: { ...common, recipientRole: 'UNIT', portalUrl: portalUrl(publicUrl, 'unitFollowUp') },
      }),
    );
  }
  const committee = partyCommitteeOf(unit);
  if (committee) {
    drafts.push(
      draftNotice({
        cycleId,
        template: 'CRITICISM_NOTICE',
        recipient: committee,
        unitId: unit.id,
        repeat: [unit.code],
        data: { ...common, recipientRole: 'PARTY_COMMITTEE' },
      }),
    );
  }
  return drafts;
};

// Art. 18: 通报 — each unit receives its own result (breakdown, total, grade, category rank) and its
// category's ranking table; its same-level party committee receives the same for that unit.
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { partyCommitteeOf, principalLeaderOf } from './noticeRecipients';
import { loadUnitResults } from './unitResults';

export const resultNotice: NoticeBuilder = async ({ db, cycleId, at, publicUrl }) => {
  const { header } = await cycleHeader(db, cycleId, at);
  const { results, noticeData } = await loadUnitResults(db, cycleId);
  const drafts: NoticeDraft[] = [];
  for (const result of results) {
    const data = await noticeData(result);
    const leader = await principalLeaderOf(db, result.unit);
    if (leader) {
      drafts.push(
        draftNotice({
          cycleId,
          template: 'RESULT_NOTICE_UNIT',
          recipient: leader,
          unitId: result.unitId,
          data: { ...header, ...data, portalUrl: portalUrl(publicUrl, 'unitResults') },
        }),
      );
    }
    // The party committee has no login (SPEC §1): no portal link.
    const committee = partyCommitteeOf(result.unit);
    if (committee) {
      drafts.push(
        draftNotice({
          cycleId,
          template: 'RESULT_NOTICE_PARTY_COMMITTEE',
          recipient: committee,
          unitId: result.unitId,
          repeat: [result.unit.code], // one committee may oversee more than one union
          data: { ...header, ...data },
        }),
      );
    }
  }
  return drafts;
};

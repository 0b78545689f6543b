// Art. 8: 年终自查 — every unit is told the self-check window is open and when it closes.
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { activeUnits, principalLeaderOf } from './noticeRecipients';

export const selfCheckOpened: NoticeBuilder = async ({ db, cycleId, at, publicUrl }) => {
  const { cycle, header } = await cycleHeader(db, cycleId, at);
  const drafts: NoticeDraft[] = [];
  for (const unit of await activeUnits(db, cycleId)) {
    const recipient = await principalLeaderOf(db, unit);
    if (!recipient) continue; // flagged by mail/recipientCheck.ts before publication
    drafts.push(
      draftNotice({
        cycleId,
        template: 'SELF_CHECK_OPENED',
        recipient,
        unitId: unit.id,
        data: {
          ...header,
          unitName: unit.name,
          portalUrl: portalUrl(publicUrl, 'unitSelfCheck'),
          dueAt: cycle.selfCheckDueAt.toISOString(),
        },
      }),
    );
  }
  return drafts;
};

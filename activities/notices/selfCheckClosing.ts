// Art. 8: the self-check window closes soon; only units with undertaken indicators still lacking a
// self-check (SelfCheck rows) are reminded, with those indicators listed.
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { activeUnits, principalLeaderOf } from './noticeRecipients';

export const selfCheckClosing: NoticeBuilder = async ({ db, cycleId, at, publicUrl }) => {
  const { cycle, header } = await cycleHeader(db, cycleId, at);
  const indicators = await db.indicator.findMany({
    where: { cycleId },
    include: { notUndertaken: { select: { unitId: true } }, selfChecks: { select: { unitId: true } } },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  const drafts: NoticeDraft[] = [];
  for (const unit of await activeUnits(db, cycleId)) {
    const missing = indicators.filter(
      (indicator) =>
        !indicator.notUndertaken.some((row) => row.unitId === unit.id) &&
        !indicator.selfChecks.some((row) => row.unitId === unit.id),
    );
    if (missing.length === 0) continue;
    const recipient = await principalLeaderOf(db, unit);
    if (!recipient) continue; // flagged by mail/recipientCheck.ts before publication
    drafts.push(
      draftNotice({
        cycleId,
        template: 'SELF_CHECK_CLOSING',
        recipient,
        unitId: unit.id,
        data: {
          ...header,
          unitName: unit.name,
          portalUrl: portalUrl(publicUrl, 'unitSelfCheck'),
          dueAt: cycle.selfCheckDueAt.toISOString(),
          missingIndicators: missing.map(({ code, name }) => ({ code, name })),
        },
      }),
    );
  }
  return drafts;
};

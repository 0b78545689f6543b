// Art. 8: 年初制定年度考核指标 — each unit receives its own target list when the office publishes;
// Art. 12: indicators it does not undertake are listed apart, their weight spread evenly over its others.
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { activeUnits, principalLeaderOf } from './noticeRecipients';

/** Weight + R/m with R the weights not undertaken and m the undertaken count (SPEC §4), 4 decimals. */
function effectiveWeight(weight: number, spread: number, undertaken: number): number {
  return Math.round((weight + spread / undertaken) * 10_000) / 10_000;
}

export const targetsPublished: NoticeBuilder = async ({ db, cycleId, at, publicUrl }) => {
  const { cycle, header } = await cycleHeader(db, cycleId, at);
  const indicators = await db.indicator.findMany({
    where: { cycleId },
    include: { checkpoints: { orderBy: [{ dueAt: 'asc' }, { code: 'asc' }] }, notUndertaken: true },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  const drafts: NoticeDraft[] = [];
  for (const unit of await activeUnits(db, cycleId)) {
    const recipient = await principalLeaderOf(db, unit);
    if (!recipient) continue; // flagged by mail/recipientCheck.ts before publication
    const skips = (indicator: (typeof indicators)[number]) =>
      indicator.notUndertaken.some((row) => row.unitId === unit.id);
    const own = indicators.filter((indicator) => !skips(indicator));
    const skipped = indicators.filter(skips);
    if (own.length === 0) continue;
    const spread = skipped.reduce((sum, indicator) => sum + Number(indicator.weight), 0);
    drafts.push(
      draftNotice({
        cycleId,
        template: 'TARGETS_PUBLISHED',
        recipient,
        unitId: unit.id,
        data: {
          ...header,
          issuedAt: (cycle.publishedAt ?? new Date(at)).toISOString(),
          unitName: unit.name,
          portalUrl: portalUrl(publicUrl, 'unitTargets'),
          indicators: own.map((indicator) => ({
            code: indicator.code,
            name: indicator.name,
            group: indicator.group,
            weight: Number(indicator.weight),
            ...(skipped.length
              ? { effectiveWeight: effectiveWeight(Number(indicator.weight), spread, own.length) }
              : {}),
            standard: indicator.standard,
            checkpoints: indicator.checkpoints.map((checkpoint) => ({
              code: checkpoint.code,
              name: checkpoint.name,
              dueAt: checkpoint.dueAt.toISOString(),
              share: Number(checkpoint.share),
              standard: checkpoint.standard,
            })),
          })),
          notUndertaken: skipped.map(({ code, name }) => ({ code, name })),
        },
      }),
    );
  }
  return drafts;
};

// Art. 8: 年初制定年度考核指标 — each unit receives its own target list when the office publishes.
import type { NoticeBuilder } from './noticeDraft';
import { cycleHeader } from './cycleHeader';

export const targetsPublished: NoticeBuilder = async ({ db, cycleId, publicUrl }) => {
  const { cycle, header } = await cycleHeader(db, cycleId);
  const indicators = await db.indicator.findMany({
    where: { cycleId },
    include: { checkpoints: { orderBy: { dueAt: 'asc' } }, notUndertaken: true },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  const units = await db.unit.findMany({ where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
  return units
    .filter((unit) => unit.principalLeaderEmail)
    .map((unit) => {
      const own = indicators.filter((indicator) => !indicator.notUndertaken.some((row) => row.unitId === unit.id));
      return {
        key: `${cycleId}:TARGETS_PUBLISHED:${unit.id}`,
        template: 'TARGETS_PUBLISHED' as const,
        unitId: unit.id,
        recipientEmail: unit.principalLeaderEmail!,
        recipientName: unit.principalLeaderName ?? unit.name,
        locale: 'zh-CN' as const,
        data: {
          ...header,
          unitName: unit.name,
          recipientName: unit.principalLeaderName ?? unit.name,
          issuedAt: (cycle.publishedAt ?? new Date()).toISOString(),
          indicators: own.map((indicator) => ({
            code: indicator.code,
            name: indicator.name,
            group: indicator.group,
            weight: Number(indicator.weight),
            standard: indicator.standard,
            checkpoints: indicator.checkpoints.map((checkpoint) => ({
              code: checkpoint.code,
              name: checkpoint.name,
              dueAt: checkpoint.dueAt.toISOString(),
              share: Number(checkpoint.share),
              standard: checkpoint.standard,
            })),
          })),
          portalUrl: `${publicUrl}/cycles/${cycle.year}/targets`,
        },
      };
    });
};

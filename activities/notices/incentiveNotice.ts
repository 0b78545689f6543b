// Art. 20: units graded GOOD receive 精神鼓励, or 精神鼓励与以奖代补相结合 with the amount the office set
// (Incentive rows; recordDefaultIncentives writes RECOGNITION for every GOOD unit first).
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { principalLeaderOf } from './noticeRecipients';

export const incentiveNotice: NoticeBuilder = async ({ db, cycleId, at, publicUrl }) => {
  const { header } = await cycleHeader(db, cycleId, at);
  const incentives = await db.incentive.findMany({
    where: { cycleId },
    include: { unit: { include: { category: true } } },
    orderBy: [{ unit: { sortOrder: 'asc' } }, { unit: { code: 'asc' } }],
  });
  const results = new Map(
    (await db.unitResult.findMany({ where: { cycleId } })).map((result) => [result.unitId, result]),
  );
  const drafts: NoticeDraft[] = [];
  for (const incentive of incentives) {
    const result = results.get(incentive.unitId);
    if (result?.finalGrade !== 'GOOD') continue; // Art. 20 rewards the GOOD grade only
    const recipient = await principalLeaderOf(db, incentive.unit);
    if (!recipient) continue; // flagged by mail/recipientCheck.ts before publication
    drafts.push(
      draftNotice({
        cycleId,
        template: 'INCENTIVE_NOTICE',
        recipient,
        unitId: incentive.unitId,
        data: {
          ...header,
          unitName: incentive.unit.name,
          portalUrl: portalUrl(publicUrl, 'unitResults'),
          total: result.total.toFixed(2),
          finalGrade: 'GOOD',
          categoryName: incentive.unit.category.name,
          categoryRank: result.categoryRank,
          kind: incentive.kind,
          amount:
            incentive.kind === 'RECOGNITION_AND_REWARD' && incentive.amount
              ? incentive.amount.toFixed(2)
              : null,
          note: incentive.note,
        },
      }),
    );
  }
  return drafts;
};

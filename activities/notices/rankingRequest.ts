// Art. 9, 13: party-group members (the leader included) and the member departments that rank
// (Department.ranks) order the units of every category. Reminder 0 goes to every evaluator; reminder
// n (weekly after the deadline) only to evaluators still missing a category, listing those categories.
import type { NoticeBuilder, NoticeDraft } from './noticeDraft';
import { draftNotice, intParam } from './noticeDraft';
import { cycleHeader, portalUrl } from './cycleHeader';
import { activeUnits, usersWithRoles } from './noticeRecipients';
import { cycleRankingDepartments, cycleVoters } from '../../db/cycleStructure';

export const rankingRequest: NoticeBuilder = async ({ db, cycleId, at, publicUrl, params }) => {
  const reminder = params.reminder === undefined ? 0 : intParam(params, 'reminder', 0);
  const { cycle, header } = await cycleHeader(db, cycleId, at);
  const units = await activeUnits(db, cycleId);
  const categories = [...new Map(units.map((unit) => [unit.categoryId, unit.category])).values()]
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
    .map((category) => ({
      id: category.id,
      name: category.name,
      unitNames: units.filter((unit) => unit.categoryId === category.id).map((unit) => unit.name),
    }));
  if (categories.length === 0) return [];
  const rankings = await db.ranking.findMany({
    where: { cycleId },
    select: { kind: true, evaluatorKey: true, categoryId: true },
  });
  const ranked = new Set(rankings.map((row) => `${row.kind}:${row.evaluatorKey}:${row.categoryId}`));
  // The cycle's rankers (db/cycleStructure.ts, Art. 6 per year): a department head who changed meanwhile
  // is reached through the department's current account.
  const rankingDepartments = new Set((await cycleRankingDepartments(db, cycleId)).map((row) => row.id));
  const voters = new Set((await cycleVoters(db, cycleId)).map((row) => row.userId));
  const evaluators = (await usersWithRoles(db, ['LEADER', 'PARTY_MEMBER', 'DEPARTMENT'])).filter((user) =>
    user.role === 'DEPARTMENT'
      ? user.departmentId !== null && rankingDepartments.has(user.departmentId)
      : voters.has(user.userId),
  );
  const drafts: NoticeDraft[] = [];
  for (const evaluator of evaluators) {
    // A department ranks once, whoever of its users submits (Ranking.evaluatorKey).
    const key =
      evaluator.role === 'DEPARTMENT' ? `DEPARTMENT:${evaluator.departmentId}` : `LEADER:${evaluator.userId}`;
    const owed =
      reminder === 0 ? categories : categories.filter((category) => !ranked.has(`${key}:${category.id}`));
    if (owed.length === 0) continue;
    drafts.push(
      draftNotice({
        cycleId,
        template: 'RANKING_REQUEST',
        recipient: evaluator,
        repeat: [`reminder-${reminder}`],
        data: {
          ...header,
          portalUrl: portalUrl(publicUrl, 'ranking'),
          evaluatorRole: evaluator.role === 'DEPARTMENT' ? 'DEPARTMENT' : 'PARTY_MEMBER',
          dueAt: cycle.evaluationDueAt.toISOString(),
          categories: owed.map(({ name, unitNames }) => ({ name, unitNames })),
          reminder,
        },
      }),
    );
  }
  return drafts;
};

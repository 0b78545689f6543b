// The leadership group's feedback to one unit (Art. 19), as recorded by the office.
import { noticeProblem } from './noticeProblem';
import type { Db } from '../../prisma/client';
import { unitOrThrow } from './noticeRecipients';

export async function feedbackOf(db: Db, cycleId: string, unitId: unknown) {
  const unit = await unitOrThrow(db, unitId);
  const feedback = await db.feedback.findUnique({ where: { cycleId_unitId: { cycleId, unitId: unit.id } } });
  if (!feedback) throw noticeProblem(`no feedback recorded for unit ${unit.code} in this cycle`);
  return { unit, feedback };
}

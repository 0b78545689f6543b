// The failing unit an explanation notice is about (Art. 21): the unit, its result and its explanation.
import type { Db } from '../../prisma/client';
import { unitOrThrow } from './noticeRecipients';

export async function explanationOf(db: Db, cycleId: string, unitId: unknown) {
  const unit = await unitOrThrow(db, unitId);
  const [explanation, result] = await Promise.all([
    db.explanation.findUnique({ where: { cycleId_unitId: { cycleId, unitId: unit.id } } }),
    db.unitResult.findUnique({ where: { cycleId_unitId: { cycleId, unitId: unit.id } } }),
  ]);
  return { unit, explanation, result };
}

export { DAY_MS } from '../../domain/cycle/deadlines';

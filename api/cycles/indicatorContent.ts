// What an indicator is made of (Art. 5, 8, 12), as both its creation and its edit before publication
// store it: the owning department and the units that do not undertake it, looked up by code and
// refused by name when unknown, and the indicator's own fields with its checkpoints.
import type { z } from 'zod';
import type { Db } from '../../prisma/client';
import { badRequest } from '../errors';
import type { indicatorBody } from '../../domain/cycle/indicatorShape';
import { cycleWindow, requirePlausible, type ScheduledCycle } from './plausibleInput';

type IndicatorBody = z.infer<typeof indicatorBody>;

export async function indicatorContent(db: Db, cycle: ScheduledCycle, body: Omit<IndicatorBody, 'code'>) {
  const cycleId = cycle.id;
  // A checkpoint falls due within the cycle's year and the next (issue 16: no year 4730).
  requirePlausible(
    Object.fromEntries(
      body.checkpoints.map((checkpoint, index) => [`checkpoints.${index}.dueAt`, checkpoint.dueAt]),
    ),
    cycleWindow(cycle),
  );
  const department = body.departmentCode
    ? await db.department.findUnique({ where: { code: body.departmentCode } })
    : null;
  if (body.departmentCode && !department)
    throw badRequest(`departmentCode: unknown department ${body.departmentCode}`, {
      departmentCode: 'unknown',
    });
  const units = await db.unit.findMany({ where: { code: { in: body.notUndertakenBy } } });
  const unknown = body.notUndertakenBy.filter((code) => !units.some((unit) => unit.code === code));
  if (unknown.length)
    throw badRequest(`notUndertakenBy: unknown units ${unknown.join(', ')}`, {
      notUndertakenBy: `unknown: ${unknown.join(', ')}`,
    });
  return {
    name: body.name,
    nameEn: body.nameEn ?? null,
    group: body.group,
    weight: body.weight,
    standard: body.standard,
    departmentId: department?.id ?? null,
    checkpoints: {
      create: body.checkpoints.map((checkpoint) => ({
        ...checkpoint,
        cycleId,
        dueAt: new Date(checkpoint.dueAt),
      })),
    },
    notUndertaken: { create: units.map((unit) => ({ unitId: unit.id })) },
  };
}

// Route-level authorization: who may call a route at all. Object-level checks (a unit's own data) sit
// in the routes and, for cycle actions, again in the workflow validators. Denials are audited.
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../prisma/client';
import type { Role } from '../../workflows/contract';
import { writeAudit } from '../../db/audit';
import { HttpError } from '../errors';
import type { SessionUser } from './sessions';

export function currentUser(req: Request): SessionUser {
  if (!req.user) throw new HttpError(401, 'UNAUTHENTICATED', 'sign in first');
  return req.user;
}

/** The cycle a request concerns, when its route has a :year: its denials are audited with it. */
async function cycleOfRequest(db: Db, req: Request): Promise<string | null> {
  const year = Number(req.params?.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) return null;
  return (await db.cycle.findUnique({ where: { year }, select: { id: true } }))?.id ?? null;
}

export async function deny(db: Db, req: Request, message: string): Promise<never> {
  await writeAudit(db, {
    cycleId: await cycleOfRequest(db, req),
    actor: req.user ? { userId: req.user.userId, role: req.user.role } : null,
    action: `denied:${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`,
    targetType: 'Route',
    targetId: req.originalUrl,
    outcome: 'DENIED',
    ip: req.ip ?? null,
    after: { message },
  });
  throw new HttpError(403, 'FORBIDDEN', message);
}

export function requireRole(db: Db, ...roles: Role[]) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const user = currentUser(req);
    if (!roles.includes(user.role))
      await deny(db, req, `role ${user.role} may not do this (allowed: ${roles.join(', ')})`);
    next();
  };
}

/** A unit account reaches only its own unit's data. */
export async function requireUnitAccess(db: Db, req: Request, unitId: string): Promise<void> {
  const user = currentUser(req);
  if (user.role === 'UNIT' && user.unitId !== unitId)
    await deny(db, req, 'a unit sees and changes only its own data');
}

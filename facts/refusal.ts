// A human action refused by the rules of the cycle: the same reasons (and HTTP statuses) as a workflow
// validator's refusal, raised by the API's guarded writes before anything is stored.
import { RefusalReason } from '../domain/cycle/refusalReason';
import type { Actor, Role } from '../workflows/contract';

export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    public readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(reason: RefusalReason, message: string): never {
  throw new Refusal(reason, message);
}

export function requireRole(actor: Actor, roles: readonly Role[], what: string): void {
  if (!roles.includes(actor.role))
    refuse(RefusalReason.NOT_ALLOWED, `${what}: role ${actor.role} may not do this`);
}

/** A unit acts only for itself (Art. 8: each unit uploads its own evidence). */
export function requireOwnUnit(actor: Actor, unitId: string): void {
  if (actor.role === 'UNIT' && actor.unitId !== unitId)
    refuse(RefusalReason.NOT_YOUR_UNIT, `unit ${actor.unitId ?? '?'} may not act for unit ${unitId}`);
}

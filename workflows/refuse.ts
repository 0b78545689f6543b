// Validators refuse with a typed, non-retryable failure the API maps to an HTTP status.
import { ApplicationFailure } from '@temporalio/workflow';
import { RefusalReason, type Actor, type Role } from './contract';

export function refuse(reason: RefusalReason, message: string): never {
  throw ApplicationFailure.create({ type: reason, message, nonRetryable: true });
}

export function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (!roles.includes(actor.role))
    refuse(RefusalReason.NOT_ALLOWED, `${what}: role ${actor.role} may not do this`);
}

/** A unit acts only for itself (Art. 8: each unit uploads its own evidence). */
export function requireOwnUnit(actor: Actor, unitId: string): void {
  if (actor.role === 'UNIT' && actor.unitId !== unitId) {
    refuse(RefusalReason.NOT_YOUR_UNIT, `unit ${actor.unitId ?? '?'} may not act for unit ${unitId}`);
  }
}

// What the structure-administration routes share: who may change the structure, the audited write, and
// the field rules. The federation's structure (Art. 6, 22) is kept by the administrator and the office;
// accounts only by the administrator.
import { z } from 'zod';
import type { Request } from 'express';
import type { Prisma } from '../../prisma/client';
import { writeAudit } from '../../db/audit';
import type { SessionUser } from '../auth/sessions';
import type { Role } from '../../workflows/contract';

/** Categories, units, departments: the administrator and the office (which keeps unit contacts, SPEC §1). */
export const STRUCTURE_KEEPERS: Role[] = ['ADMIN', 'OFFICE'];
/** Accounts and the party group's membership (a role of an account): the administrator. */
export const ACCOUNT_KEEPERS: Role[] = ['ADMIN'];

export const codeField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,49}$/, 'letters, digits, dash or underscore, 2-50 characters');
export const nameField = z.string().trim().min(1).max(200);
export const optionalName = z
  .string()
  .trim()
  .max(200)
  .nullish()
  .transform((value) => (value ? value : null));
export const optionalEmail = z
  .union([z.literal(''), z.email()])
  .nullish()
  .transform((value) => (value ? value : null));
export const sortOrderField = z.number().int().min(0).max(100000);

/** Writes the change and its audit row (before/after) in one transaction (Art. 23). */
export async function auditedChange<T>(
  tx: Prisma.TransactionClient,
  req: Request,
  actor: SessionUser,
  entry: { action: string; targetType: string; targetId: string; before: unknown; after: unknown },
  result: T,
): Promise<T> {
  await writeAudit(tx, { actor, ip: req.ip, ...entry });
  return result;
}

/** Only the fields that changed, on both sides, so the audit row says what the edit was. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  patch: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(patch) as (keyof T)[]) {
    if (patch[key] === undefined || before[key] === patch[key]) continue;
    was[key] = before[key];
    now[key] = patch[key];
  }
  return { before: was, after: now };
}

// What the structure-administration routes share: who may change the structure, the audited create and
// update, and the field rules. The federation's structure (Art. 6, 22) is kept by the administrator and the office;
// accounts only by the administrator.
import { z } from 'zod';
import type { Request } from 'express';
import type { Db, Prisma } from '../../prisma/client';
import { writeAudit } from '../../db/audit';
import type { SessionUser } from '../auth/sessions';
import type { Role } from '../../workflows/contract';
import { notFound } from '../errors';

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

/** What an audited write is: its action (e.g. `unit.update`) and the kind of row it changes. */
export interface AuditedWrite {
  action: string;
  targetType: string;
}

/** Creates a row and its audit row (the body as `after`) in one transaction (Art. 23). */
export function auditedCreate<T extends { id: string }>(
  db: Db,
  req: Request,
  actor: SessionUser,
  write: AuditedWrite,
  body: unknown,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const created = await create(tx);
    return auditedChange(
      tx,
      req,
      actor,
      { ...write, targetId: created.id, before: null, after: body },
      created,
    );
  });
}

/**
 * Updates a row and audits only the fields that changed, in one transaction (Art. 23): `find` reads it
 * (404 naming `missing` when gone), `update` may still refuse after seeing it.
 */
export function auditedUpdate<Row extends Record<string, unknown>, T>(
  db: Db,
  req: Request,
  actor: SessionUser,
  write: AuditedWrite & { targetId: string; missing: string },
  patch: Partial<Row>,
  find: (tx: Prisma.TransactionClient) => Promise<Row | null>,
  update: (tx: Prisma.TransactionClient, before: Row) => Promise<T>,
): Promise<T> {
  const { missing, ...entry } = write;
  return db.$transaction(async (tx) => {
    const before = await find(tx);
    if (!before) throw notFound(missing);
    const updated = await update(tx, before);
    return auditedChange(tx, req, actor, { ...entry, ...changedFields(before, patch) }, updated);
  });
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

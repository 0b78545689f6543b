// What every cycle-action route file shares: the `:year` parameter, the session's actor, forwarding an
// action to the right workflow (refusals become 409/403/400/404; a 403 refusal is audited like any
// other denial) and evidence ownership checks.
import type { Request } from 'express';
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import type { ApiDeps } from '../deps';
import { currentUser, deny } from '../auth/access';
import { HttpError, badRequest, fromWorkflowRefusal, notFound } from '../errors';
import type { Actor, Role } from '../../workflows/contract';
import { isStageAtOrAfter, CYCLE_STAGES, type CycleStage } from '../../domain/cycle/stages';
import type { Db } from '../../prisma/client';
import { lockCycleGate, type Tx } from '../../facts/cycleGate';
import { createCycleActions, type ActionOptions, type CycleActions } from '../../client/cycleActions';

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const uuid = z.uuid();
export const cycleStageSchema = z.enum(CYCLE_STAGES);

/** Roles that read every unit's data (the assessment office and the leadership group, Art. 22). */
export const READERS: Role[] = ['OFFICE', 'ADMIN', 'LEADER', 'PARTY_MEMBER', 'DEPARTMENT'];

/** Targets and configuration are fixed once published (Art. 8): every edit before publication checks this. */
export function requireUnpublished(cycle: { publishedAt: Date | null }, what: string): void {
  if (cycle.publishedAt)
    throw new HttpError(409, 'WRONG_STAGE', `targets are published; ${what} can no longer change (Art. 8)`);
}

/**
 * Runs a target or configuration edit in one transaction that holds the cycle row and re-checks
 * publication there. Publishing takes the same row FOR UPDATE while it checks and claims, so an edit is
 * wholly before the publication (and validated by it) or refused: never slipped in after the check
 * (issue 16). Edits that write the cycle row itself take it FOR UPDATE, so two never deadlock.
 */
export async function editUnpublished<T>(
  db: Db,
  cycleId: string,
  what: string,
  edit: (tx: Tx) => Promise<T>,
  mode: 'share' | 'update' = 'share',
): Promise<T> {
  return db.$transaction(async (tx) => {
    requireUnpublished(await lockCycleGate(tx, cycleId, mode), what);
    return edit(tx);
  });
}

export async function findCycle(db: Db, year: number) {
  const cycle = await db.cycle.findUnique({ where: { year } });
  if (!cycle) throw notFound(`cycle ${year}`);
  return cycle;
}

/** The actor a workflow sees: exactly the session user's identity, nothing the client sent. */
export function actorOf(req: Request): Actor {
  const user = currentUser(req);
  return {
    userId: user.userId,
    role: user.role,
    unitId: user.unitId ?? null,
    departmentId: user.departmentId ?? null,
  };
}

/**
 * Sends an update to a workflow of the cycle. The workflow's activity writes the audit row of a
 * successful action (so the API does not write a second); a refusal that is a denial (403) is audited
 * here, since the workflow wrote nothing.
 */
export async function forward<Ret, Input>(
  deps: ApiDeps,
  req: Request,
  workflowId: string,
  update: UpdateDefinition<Ret, [Input]>,
  input: Input,
): Promise<Ret> {
  try {
    return await deps.cycles.update(workflowId, update, input);
  } catch (error) {
    const http = fromWorkflowRefusal(error);
    if (http?.status === 403) await deny(deps.db, req, http.message);
    if ((error as Error)?.name === 'WorkflowNotFoundError') throw await notRunning(deps.db, workflowId);
    if (http) throw http;
    throw error;
  }
}

const actionsByDeps = new WeakMap<ApiDeps, CycleActions>();
function actionsFor(deps: ApiDeps): CycleActions {
  let actions = actionsByDeps.get(deps);
  if (!actions)
    actionsByDeps.set(
      deps,
      (actions = createCycleActions({ db: deps.db, cycles: deps.cycles, now: deps.now })),
    );
  return actions;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's Idempotency-Key header (optional): a retried request with it is carried out once. */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(key))
    throw badRequest('Idempotency-Key: 8-128 letters, digits or . _ : -', {
      'Idempotency-Key': '8-128 letters, digits or . _ : -',
    });
  return key;
}

/**
 * Performs a human action of the cycle (client/cycleActions.ts): a fact written to PostgreSQL, or for a
 * cycle of engine 1 the update its workflow expects. Refusals map like a workflow's; a denial is audited.
 */
export async function act<Result>(
  deps: ApiDeps,
  req: Request,
  run: (actions: CycleActions, options: ActionOptions) => Promise<Result>,
): Promise<Result> {
  const options = { idempotencyKey: idempotencyKeyOf(req) };
  try {
    return await run(actionsFor(deps), options);
  } catch (error) {
    const http = fromWorkflowRefusal(error);
    if (http?.status === 403) await deny(deps.db, req, http.message);
    if (http) throw http;
    throw error;
  }
}

/**
 * No running workflow for the cycle: CLOSED once it closed (as every route says after close, evidence
 * included), WRONG_STAGE before publication.
 */
async function notRunning(db: Db, workflowId: string): Promise<HttpError> {
  const cycle = await db.cycle.findFirst({ where: { workflowId }, select: { year: true, stage: true } });
  if (cycle?.stage === 'CLOSED')
    return new HttpError(409, 'CLOSED', `the cycle ${cycle.year} is closed; nothing in it changes any more`);
  return new HttpError(409, 'WRONG_STAGE', 'this cycle is not running: its targets are not published yet');
}

/** Results and follow-up become visible to units once published (Art. 18: 通报). */
export function isPublished(stage: CycleStage): boolean {
  return isStageAtOrAfter(stage, 'NOTIFICATION');
}

/** The unit a request acts on: a unit account only for itself (denial audited). */
export async function requireOwnUnit(db: Db, req: Request, unitId: string): Promise<void> {
  const user = currentUser(req);
  if (user.role === 'UNIT' && user.unitId !== unitId)
    await deny(db, req, 'a unit sees and changes only its own data');
}

/** For list reads: a unit sees only itself; readers may filter by unit. */
export async function unitFilter(
  db: Db,
  req: Request,
  requested: string | undefined,
): Promise<string | undefined> {
  const user = currentUser(req);
  if (user.role === 'UNIT') {
    if (requested && requested !== user.unitId) await deny(db, req, 'a unit sees only its own data');
    return user.unitId ?? '__none__';
  }
  if (!READERS.includes(user.role)) await deny(db, req, `role ${user.role} may not read this`);
  return requested;
}

/** The `unitId` filter of a list read (unitFilter decides what a unit account may ask for). */
export const unitQuery = z.object({ unitId: uuid.optional() });

/** The live evidence files a list row shows: withdrawn ones are left out (Art. 23 keeps them audited). */
export const liveEvidence = {
  where: { deletedAt: null },
  select: { id: true, originalName: true, sha256: true },
} as const;

/**
 * A list read of one cycle's rows as the caller may see them: the year from the path, the unit filter
 * (a unit only its own, readers any unit or the one asked for), then the cycle; `read` gets the `where`.
 */
export async function readForUnit<T>(
  db: Db,
  req: Request,
  requestedUnitId: string | undefined,
  read: (where: { cycleId: string; unitId?: string }) => Promise<T>,
): Promise<T> {
  const { year } = yearParams.parse(req.params);
  const unitId = await unitFilter(db, req, requestedUnitId);
  const cycle = await findCycle(db, year);
  return read({ cycleId: cycle.id, ...(unitId ? { unitId } : {}) });
}

export async function requireUnitExists(db: Db, unitId: string, field = 'unitId') {
  const unit = await db.unit.findUnique({ where: { id: unitId } });
  if (!unit) throw new HttpError(404, 'NOT_FOUND', `${field}: unit ${unitId} not found`);
  return unit;
}

/**
 * Evidence named by a submission must be a file the upload route stored for the same cycle and unit
 * and not deleted (Art. 8: each unit's own 证明材料); anything else is refused before the workflow sees it.
 */
export async function checkEvidence(
  db: Db,
  cycleId: string,
  unitId: string,
  evidenceIds: string[],
  field = 'evidenceIds',
) {
  if (evidenceIds.length === 0) return [];
  const files = await db.evidenceFile.findMany({ where: { id: { in: evidenceIds } } });
  const fields: Record<string, string> = {};
  evidenceIds.forEach((id, index) => {
    const file = files.find((candidate) => candidate.id === id);
    if (!file || file.deletedAt) fields[`${field}.${index}`] = `evidence ${id} does not exist`;
    else if (file.cycleId !== cycleId)
      fields[`${field}.${index}`] = `evidence ${id} belongs to another cycle`;
    else if (file.unitId !== unitId) fields[`${field}.${index}`] = `evidence ${id} belongs to another unit`;
  });
  if (new Set(evidenceIds).size !== evidenceIds.length) fields[field] = 'an evidence file is listed twice';
  if (Object.keys(fields).length > 0) {
    throw badRequest(
      `invalid evidence: ${Object.entries(fields)
        .map(([key, message]) => `${key}: ${message}`)
        .join('; ')}`,
      fields,
    );
  }
  return evidenceIds.map((evidenceId) => ({ evidenceId }));
}

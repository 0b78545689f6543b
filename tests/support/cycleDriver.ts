// Drives a cycle the way its actors would, through the actions the API performs (client/cycleActions.ts;
// the HTTP layer is tested separately):
// helpers to publish the demo targets and to act as the office, units, members and departments.
// Shared by the workflow tests and bench/cycleBenchmark.ts.
import type { TestStack } from './testStack';
import { signIn } from './testStack';
import { demoTargets } from '../../runtime/seed/demoTargets';
import {
  castVoteUpdate,
  cycleStatusQuery,
  approvalRoundWorkflowId,
  type Actor,
  type CycleStatus,
} from '../../workflows/contract';
import type { CycleStage } from '../../domain/cycle/stages';
import type { Db } from '../../prisma/client';

export { DAY_MS as DAY } from '../../domain/cycle/deadlines';

export async function publishDemoCycle(stack: TestStack, year: number) {
  const office = await signIn(stack.app, 'office1');
  const targets = demoTargets(year, new Date(await stack.env.currentTimeMs()));
  const created = await office.post('/api/cycles', targets.cycle);
  if (created.status !== 201) throw new Error(`create cycle: ${JSON.stringify(created.body)}`);
  for (const indicator of targets.indicators) {
    const response = await office.post(`/api/cycles/${year}/indicators`, indicator);
    if (response.status !== 201)
      throw new Error(`indicator ${indicator.code}: ${JSON.stringify(response.body)}`);
  }
  const published = await office.post(`/api/cycles/${year}/publish`, { acknowledgeWarnings: true });
  if (published.status !== 202) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year } });
  return { cycle, targets };
}

export async function actors(db: Db) {
  const users = await db.user.findMany({
    include: { unit: true, department: true },
    orderBy: { username: 'asc' },
  });
  const actor = (username: string): Actor => {
    const user = users.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`no user ${username}`);
    return { userId: user.id, role: user.role, unitId: user.unitId, departmentId: user.departmentId };
  };
  const unitActor = (unitCode: string) => actor(`unit-${unitCode}`);
  const members = users
    .filter((user) => user.role === 'LEADER' || user.role === 'PARTY_MEMBER')
    .map((user) => actor(user.username));
  const departments = users
    .filter((user) => user.role === 'DEPARTMENT' && user.department?.ranks)
    .map((user) => actor(user.username));
  return { actor, unitActor, office: actor('office1'), leader: actor('leader'), members, departments, users };
}

/** Moves Temporal's time forward to `at` (ms since epoch) by sleeping in the time-skipping server. */
export async function advanceTo(stack: TestStack, at: number) {
  const now = await stack.env.currentTimeMs();
  if (at > now) await stack.env.sleep(at - now);
}

/** Everything a test needs to act in a published cycle. */
export type CycleContext = Awaited<ReturnType<typeof openDemoCycle>>;

export async function openDemoCycle(stack: TestStack, year: number) {
  const { cycle, targets } = await publishDemoCycle(stack, year);
  const wf = cycle.workflowId;
  const who = await actors(stack.db);
  const units = await stack.db.unit.findMany({
    where: { active: true },
    include: { category: true },
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
  });
  const categories = await stack.db.category.findMany({ orderBy: { sortOrder: 'asc' } });
  const checkpoints = await stack.db.checkpoint.findMany({
    where: { cycleId: cycle.id },
    include: { indicator: { include: { notUndertaken: true } } },
    orderBy: { code: 'asc' },
  });
  const indicators = await stack.db.indicator.findMany({
    where: { cycleId: cycle.id },
    include: { notUndertaken: true },
    orderBy: { sortOrder: 'asc' },
  });
  const unitId = (code: string) => {
    const unit = units.find((candidate) => candidate.code === code);
    if (!unit) throw new Error(`no unit ${code}`);
    return unit.id;
  };
  const codeOf = (id: string) => units.find((unit) => unit.id === id)!.code;
  const undertakes = (indicator: { notUndertaken: { unitId: string }[] }, code: string) =>
    !indicator.notUndertaken.some((row) => row.unitId === unitId(code));
  const status = (): Promise<CycleStatus> => stack.env.client.workflow.getHandle(wf).query(cycleStatusQuery);
  return {
    stack,
    year,
    cycle,
    targets,
    wf,
    who,
    units,
    categories,
    checkpoints,
    indicators,
    unitId,
    codeOf,
    undertakes,
    status,
  };
}

/** Waits (in real time, without skipping Temporal time) until the cycle reaches `stage`. */
export async function waitForStage(
  ctx: CycleContext,
  stage: CycleStage,
  timeoutMs = 60_000,
): Promise<CycleStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await ctx.status();
    if (status.stage === stage) return status;
    if (Date.now() > deadline)
      throw new Error(`the cycle is in ${status.stage}, not ${stage}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits (in real time) until `check` holds, e.g. until a child workflow finished its work. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A unit uploads its evidence for every checkpoint of the round it undertakes (Art. 8, 12). */
export async function submitRound(ctx: CycleContext, roundKey: string, code: string) {
  const round = (await ctx.status()).rounds.find((candidate) => candidate.key === roundKey)!;
  const results = [];
  for (const checkpoint of ctx.checkpoints.filter((cp) => round.checkpointIds.includes(cp.id))) {
    if (!ctx.undertakes(checkpoint.indicator, code)) continue;
    results.push(
      await ctx.stack.actions.submitCheckpoint(ctx.cycle, {
        actor: ctx.who.unitActor(code),
        unitId: ctx.unitId(code),
        checkpointId: checkpoint.id,
        text: `${code} ${checkpoint.code} 完成情况说明`,
      }),
    );
  }
  return results;
}

export async function submitSelfCheck(ctx: CycleContext, code: string) {
  return ctx.stack.actions.submitSelfCheck(ctx.cycle, {
    actor: ctx.who.unitActor(code),
    unitId: ctx.unitId(code),
    items: ctx.indicators
      .filter((indicator) => ctx.undertakes(indicator, code))
      .map((indicator) => ({ indicatorId: indicator.id, selfFraction: 1, text: '已完成' })),
  });
}

/** The office verifies checkpoints and year-end results (Art. 8), `batch` units per update. */
export async function verifyUnits(
  ctx: CycleContext,
  codes: string[],
  fraction: (code: string, kind: 'CHECKPOINT' | 'YEAR_END') => number,
  batch = 20,
) {
  for (let start = 0; start < codes.length; start += batch) {
    const slice = codes.slice(start, start + batch);
    await ctx.stack.actions.verifyCheckpoints(ctx.cycle, {
      actor: ctx.who.office,
      entries: slice.flatMap((code) =>
        ctx.checkpoints
          .filter((cp) => ctx.undertakes(cp.indicator, code))
          .map((cp) => ({
            checkpointId: cp.id,
            unitId: ctx.unitId(code),
            fraction: fraction(code, 'CHECKPOINT'),
            method: 'ON_SITE' as const,
          })),
      ),
    });
    await ctx.stack.actions.verifyYearEnd(ctx.cycle, {
      actor: ctx.who.office,
      entries: slice.flatMap((code) =>
        ctx.indicators
          .filter((indicator) => ctx.undertakes(indicator, code))
          .map((indicator) => ({
            indicatorId: indicator.id,
            unitId: ctx.unitId(code),
            fraction: fraction(code, 'YEAR_END'),
            method: 'DOCUMENT_REVIEW' as const,
          })),
      ),
    });
  }
}

/** Every party-group member and every ranking department ranks every category in `order` (Art. 13). */
export async function rankEverywhere(ctx: CycleContext, order: (categoryCode: string) => string[]) {
  for (const evaluator of [...ctx.who.members, ...ctx.who.departments]) {
    for (const category of ctx.categories) {
      const codes = order(category.code);
      if (codes.length === 0) continue;
      await ctx.stack.actions.submitRanking(ctx.cycle, {
        actor: evaluator,
        kind: evaluator.role === 'DEPARTMENT' ? 'DEPARTMENT' : 'LEADER',
        categoryId: category.id,
        unitOrder: codes.map(ctx.unitId),
      });
    }
  }
}

export async function vote(
  ctx: CycleContext,
  round: number,
  voter: Actor,
  decision: 'APPROVE' | 'REJECT',
  comment?: string,
) {
  return ctx.stack.cycles.update(approvalRoundWorkflowId(ctx.wf, round), castVoteUpdate, {
    actor: voter,
    decision,
    comment,
  });
}

/** The leader and the first `others` members approve: the default rule's majority (Art. 18). */
export function approvers(ctx: CycleContext, others = 2): Actor[] {
  return [
    ctx.who.leader,
    ...ctx.who.members.filter((member) => member.userId !== ctx.who.leader.userId).slice(0, others),
  ];
}

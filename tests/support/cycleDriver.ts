// Drives a cycle the way its actors would, through the workflow contract (the API is tested separately):
// helpers to publish the demo targets and to act as the office, units, members and departments.
import type { TestStack } from './testStack';
import { signIn } from './testStack';
import { demoTargets } from '../../runtime/seed/demoTargets';
import type { Actor } from '../../workflows/contract';
import type { Db } from '../../prisma/client';

export const DAY = 24 * 60 * 60 * 1000;

export async function publishDemoCycle(stack: TestStack, year: number) {
  const office = await signIn(stack.app, 'office1');
  const targets = demoTargets(year, new Date(await stack.env.currentTimeMs()));
  const created = await office.post('/api/cycles', targets.cycle);
  if (created.status !== 201) throw new Error(`create cycle: ${JSON.stringify(created.body)}`);
  for (const indicator of targets.indicators) {
    const response = await office.post(`/api/cycles/${year}/indicators`, indicator);
    if (response.status !== 201) throw new Error(`indicator ${indicator.code}: ${JSON.stringify(response.body)}`);
  }
  const published = await office.post(`/api/cycles/${year}/publish`, {});
  if (published.status !== 202) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year } });
  return { cycle, targets };
}

export async function actors(db: Db) {
  const users = await db.user.findMany({ include: { unit: true, department: true } });
  const actor = (username: string): Actor => {
    const user = users.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`no user ${username}`);
    return { userId: user.id, role: user.role, unitId: user.unitId, departmentId: user.departmentId };
  };
  const unitActor = (unitCode: string) => actor(`unit-${unitCode}`);
  const members = users.filter((user) => user.role === 'LEADER' || user.role === 'PARTY_MEMBER').map((user) => actor(user.username));
  const departments = users.filter((user) => user.role === 'DEPARTMENT' && user.department?.ranks).map((user) => actor(user.username));
  return { actor, unitActor, office: actor('office1'), leader: actor('leader'), members, departments };
}

/** Moves Temporal's time forward to `at` (ms since epoch) by sleeping in the time-skipping server. */
export async function advanceTo(stack: TestStack, at: number) {
  const now = await stack.env.currentTimeMs();
  if (at > now) await stack.env.sleep(at - now);
}

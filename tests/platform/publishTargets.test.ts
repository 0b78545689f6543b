// The vertical slice (issue: platform): through the real API the office creates a cycle with
// indicators and checkpoints and publishes it; the annual-cycle workflow records the stage change and
// emails every unit its own target list (Art. 8), honouring non-undertaken indicators (Art. 12).
import { startTestStack, signIn, type TestStack } from '../support/testStack';
import { demoTargets } from '../../runtime/seed/demoTargets';
import { cycleWorkflowId } from '../../workflows/contract';

describe('publishing a cycle’s targets', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.teardown();
  });

  test('the office creates a cycle, publishes it, and every unit receives its own targets', async () => {
    const office = await signIn(stack.app, 'office1');
    const targets = demoTargets(2027, new Date());
    const created = await office.post('/api/cycles', targets.cycle);
    expect(created.status).toBe(201);
    for (const indicator of targets.indicators) {
      const response = await office.post('/api/cycles/2027/indicators', indicator);
      expect(response.status).toBe(201);
    }
    const published = await office.post('/api/cycles/2027/publish', {});
    expect(published.status).toBe(202);

    const units = await stack.db.unit.findMany({ orderBy: { code: 'asc' } });
    expect(units).toHaveLength(14);
    const messages = await stack.inbox.waitFor(units.length, 60_000);
    expect(messages).toHaveLength(14);

    // One message per unit, to its principal leader, with its own indicators only.
    for (const unit of units) {
      const mine = messages.filter((message) => message.to.includes(unit.principalLeaderEmail!));
      expect(mine).toHaveLength(1);
      expect(mine[0].subject).toContain('2027');
      expect(mine[0].text).toContain(unit.name);
      expect(mine[0].text).toContain('基层工会组建和会员发展');
      const migrant = '农民工等新就业形态劳动者入会';
      // Art. 12: a unit that does not undertake it sees it only in the not-undertaken note, not in its list.
      if (unit.code === 'zhongshan' || unit.code === 'xigang')
        expect(mine[0].text.split(migrant)).toEqual([
          expect.stringContaining('你单位不承担以下指标：'),
          expect.anything(),
        ]);
      else expect(mine[0].text).toContain(migrant);
    }

    // The read model moved on: published, stage transitions stored, outbox rows marked sent.
    // The stage moves on after the notices activity returns, a moment after the last email arrived.
    for (let waited = 0; waited < 30_000; waited += 100) {
      if ((await stack.db.cycle.findUniqueOrThrow({ where: { year: 2027 } })).stage !== 'TARGET_SETTING')
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cycle = await stack.db.cycle.findUniqueOrThrow({
      where: { year: 2027 },
      include: { transitions: true },
    });
    expect(cycle.publishedAt).not.toBeNull();
    expect(cycle.stage).toBe('CHECKPOINTS');
    expect(cycle.transitions.map((transition) => transition.stage).sort()).toEqual([
      'CHECKPOINTS',
      'TARGET_SETTING',
    ]);
    const outbox = await stack.db.notification.findMany({
      where: { cycleId: cycle.id, event: 'TARGETS_PUBLISHED' },
    });
    expect(outbox).toHaveLength(14);
    expect(outbox.every((row) => row.status === 'SENT')).toBe(true);

    const status = await stack.cycles.status(cycleWorkflowId(2027));
    expect(status.stage).toBe('CHECKPOINTS');
    expect(status.rounds).toHaveLength(2);

    // Targets are frozen once published (Art. 8).
    const late = await office.post('/api/cycles/2027/indicators', { ...targets.indicators[0], code: 'K99' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WRONG_STAGE');
    const again = await office.post('/api/cycles/2027/publish', {});
    expect(again.status).toBe(409);
  });

  test('a unit account may not create cycles, and the denial is audited', async () => {
    const unit = await signIn(stack.app, 'unit-zhongshan');
    const response = await unit.post('/api/cycles', demoTargets(2028, new Date()).cycle);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    const denials = await stack.db.auditLog.findMany({ where: { outcome: 'DENIED', actorId: unit.userId } });
    expect(denials.length).toBeGreaterThan(0);
  });

  test('publication with weights that do not sum to 100 is refused and nothing starts', async () => {
    const office = await signIn(stack.app, 'office1');
    const targets = demoTargets(2029, new Date());
    expect((await office.post('/api/cycles', targets.cycle)).status).toBe(201);
    for (const indicator of targets.indicators.slice(1)) {
      expect((await office.post('/api/cycles/2029/indicators', indicator)).status).toBe(201);
    }
    const response = await office.post('/api/cycles/2029/publish', {});
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('TARGETS_INVALID');
    expect(response.body.error.message).toMatch(/sum to 100/);
    const cycle = await stack.db.cycle.findUniqueOrThrow({ where: { year: 2029 } });
    expect(cycle.publishedAt).toBeNull();
    expect(await stack.cycles.isRunning(cycleWorkflowId(2029))).toBe(false);
  });
});

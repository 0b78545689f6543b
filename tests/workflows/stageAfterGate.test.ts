// A stage is reported only once PostgreSQL's gate has it (issue 11). The API checks every fact against
// the gate (facts/cycleGate.ts) but shows the stage the workflow reports; when the workflow reported the
// new stage before its enterStage activity had committed, a 2,000-unit year on the real server showed
// FOLLOW_UP while every feedback (Art. 19) was refused "not open in stage NOTIFICATION". Here the gate's
// commit is held up the way a fact being written holds it (a transaction with the cycle's row FOR SHARE)
// while the office advances the stage by hand.
import { startTestStack, type TestStack } from '../support/testStack';
import { openDemoCycle, waitForStage, type CycleContext } from '../support/cycleDriver';
import { advanceStageUpdate } from '../../workflows/contract';

let stack: TestStack;
let ctx: CycleContext;

beforeAll(async () => {
  stack = await startTestStack();
  ctx = await openDemoCycle(stack, 2027);
  await waitForStage(ctx, 'CHECKPOINTS');
  await stack.cycles.update(ctx.wf, advanceStageUpdate, { actor: ctx.who.office, from: 'CHECKPOINTS' });
  await waitForStage(ctx, 'SELF_CHECK');
});

afterAll(async () => {
  await stack?.teardown();
});

it('while the gate has not moved, the cycle still reports the stage the API accepts actions for', async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const holding = new Promise<void>((resolve) => (locked = resolve));
  const fact = stack.db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Cycle" WHERE "id" = ${ctx.cycle.id} FOR SHARE`;
      locked();
      await released;
    },
    { timeout: 60_000 },
  );
  await holding;

  // Self-check → verification: the workflow enters the next stage at once (no round to close first).
  const advance = stack.cycles.update(ctx.wf, advanceStageUpdate, {
    actor: ctx.who.office,
    from: 'SELF_CHECK',
  });
  const seen: { reported: string; gate: string }[] = [];
  try {
    // The enterStage activity is waiting for the row: for 3 s, what the cycle reports must be the gate's.
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      const [status, gate] = await Promise.all([
        ctx.status(),
        stack.db.cycle.findUniqueOrThrow({ where: { id: ctx.cycle.id }, select: { stage: true } }),
      ]);
      seen.push({ reported: status.stage, gate: gate.stage });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    release();
    await fact;
    await advance;
  }
  expect(seen.length).toBeGreaterThan(5);
  expect(seen.filter((look) => look.reported !== look.gate)).toEqual([]);
  expect(seen.every((look) => look.reported === 'SELF_CHECK')).toBe(true);

  // Once the gate has moved, the stage shows (and the office's advance answered).
  const after = await waitForStage(ctx, 'VERIFICATION', 30_000);
  expect(after.stage).toBe('VERIFICATION');
  const gate = await stack.db.cycle.findUniqueOrThrow({ where: { id: ctx.cycle.id } });
  expect(gate.stage).toBe('VERIFICATION');
});

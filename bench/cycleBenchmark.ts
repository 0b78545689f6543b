// npm run bench:cycle -- --units N [--server real]
// A whole assessment year with simulated actors on the real stack of the tests (embedded PostgreSQL, a
// worker, an in-process SMTP server, the API for publication): in time-skipping mode on Temporal's Java
// test server, or with --server real on the embedded Temporal server (production's server software and
// limits), where the office advances the stages by hand instead of waiting for their deadlines. Units
// beyond the 14 seeded ones are generated. Prints wall time, workflow tasks, activities and emails.
import { withFacts } from '../api/cycles/statusFacts';
import globalSetup from '../tests/support/globalSetup';
import globalTeardown from '../tests/support/globalTeardown';
import { startTestStack } from '../tests/support/testStack';
import {
  advanceTo,
  approvers,
  openDemoCycle,
  rankEverywhere,
  submitRound,
  submitSelfCheck,
  verifyUnits,
  vote,
  waitForStage,
  DAY,
} from '../tests/support/cycleDriver';
import { countEvents, cycleHistories, cycleWorkflowIds } from '../tests/support/cycleHistories';
import { advanceStageUpdate, submitForApprovalUpdate } from '../workflows/contract';
import type { CycleStage } from '../domain/cycle/stages';
import { hashPassword } from '../api/auth/passwords';
import type { Db } from '../prisma/client';

function unitsArgument(): number {
  const index = process.argv.indexOf('--units');
  const value = Number(index >= 0 ? process.argv[index + 1] : 15);
  if (!Number.isInteger(value) || value < 3) throw new Error('--units: a whole number of at least 3');
  return value;
}

/** Runs `task` over `items`, `width` at a time (actors act concurrently; the workflow serialises). */
async function inParallel<T>(items: T[], width: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/** The seeded units, trimmed or extended to `count` with generated units spread over the categories. */
async function federationOf(db: Db, count: number) {
  const seeded = await db.unit.findMany({ orderBy: { sortOrder: 'asc' } });
  const categories = await db.category.findMany({ orderBy: { sortOrder: 'asc' } });
  for (const unit of seeded.slice(count))
    await db.unit.update({ where: { id: unit.id }, data: { active: false } });
  const passwordHash = await hashPassword('bench-password');
  for (let index = seeded.length; index < count; index += 1) {
    const code = `gen${String(index + 1).padStart(4, '0')}`;
    const unit = await db.unit.create({
      data: {
        code,
        name: `模拟单位${index + 1}总工会`,
        nameEn: `Simulated union ${index + 1}`,
        categoryId: categories[index % categories.length].id,
        principalLeaderName: `模拟单位${index + 1}主要负责人`,
        principalLeaderEmail: `leader@${code}.union.example.org`,
        partyCommitteeName: `中共模拟单位${index + 1}委员会`,
        partyCommitteeEmail: `committee@${code}.gov.example.org`,
        sortOrder: index,
      },
    });
    await db.user.create({
      data: {
        username: `unit-${code}`,
        displayName: unit.principalLeaderName!,
        role: 'UNIT',
        title: '主要负责人',
        unitId: unit.id,
        email: unit.principalLeaderEmail!,
        passwordHash,
      },
    });
  }
}

const realServer =
  process.argv.includes('--server') && process.argv[process.argv.indexOf('--server') + 1] === 'real';

async function main() {
  const unitCount = unitsArgument();
  // How long one stage may take to be reached before the run gives up: longer for larger federations.
  const stageWaitMs = Math.max(300_000, unitCount * 1_000);
  const started = Date.now();
  await globalSetup();
  const stack = await startTestStack({
    loginAttemptsPer15Min: 1000,
    server: realServer ? 'real' : 'time-skipping',
  });
  try {
    await federationOf(stack.db, unitCount);
    const setupMs = Date.now() - started;
    const yearStarted = Date.now();
    // Each phase's wall time, printed as it ends (where a slow year spends its time).
    const phases: Record<string, number> = {};
    let phaseStarted = Date.now();
    const phase = (name: string) => {
      phases[name] = Number(((Date.now() - phaseStarted) / 1000).toFixed(1));
      console.log(`  ${name}: ${phases[name]} s`);
      phaseStarted = Date.now();
    };
    const ctx = await openDemoCycle(stack, 2027);
    const codes = ctx.units.map((unit) => unit.code);
    await waitForStage(ctx, 'CHECKPOINTS', stageWaitMs);
    phase('publication and targets notices');
    // Completion fractions spread over 0.55-0.99; about one unit in ten falls below 60 points (FAIL).
    const fraction = new Map(codes.map((code, index) => [code, 0.55 + ((index * 37) % 45) / 100]));
    const width = 8;
    const { schedule } = ctx.targets.cycle;
    // Time-skipping: sleep to the moment; real server: the office ends the stage by hand (Art. 8).
    const moveOn = async (at: number, from?: CycleStage) => {
      if (!realServer) return advanceTo(stack, at);
      if (!from) return;
      await stack.cycles.update(ctx.wf, advanceStageUpdate, { actor: ctx.who.office, from });
    };

    // Checkpoints (Art. 8): one unit in ten late, one in twenty missing.
    for (const round of (await ctx.status()).rounds) {
      await inParallel(
        codes.filter((_, index) => index % 10 !== 3 && index % 20 !== 7),
        width,
        (code) => submitRound(ctx, round.key, code),
      );
      if (!realServer) await advanceTo(stack, Date.parse(round.dueAt) + DAY);
      await inParallel(
        codes.filter((_, index) => index % 10 === 3),
        width,
        (code) => submitRound(ctx, round.key, code),
      );
    }
    phase('checkpoint submissions');
    await moveOn(Date.parse(schedule.selfCheckOpensAt) + 1000, 'CHECKPOINTS');
    await waitForStage(ctx, 'SELF_CHECK', stageWaitMs);
    phase('checkpoint rounds closed');
    await inParallel(codes, width, (code) => submitSelfCheck(ctx, code));
    phase('self-checks');
    await moveOn(Date.parse(schedule.selfCheckDueAt) + 1000, 'SELF_CHECK');
    await waitForStage(ctx, 'VERIFICATION', stageWaitMs);
    await verifyUnits(ctx, codes, (code) => fraction.get(code)!, 50);
    phase('verification');
    await moveOn(Date.parse(schedule.verificationDueAt) + 1000, 'VERIFICATION');
    await waitForStage(ctx, 'EVALUATION', stageWaitMs);
    const byFraction = (category: string) =>
      ctx.units
        .filter((unit) => unit.category.code === category)
        .map((unit) => unit.code)
        .sort((a, b) => fraction.get(b)! - fraction.get(a)!);
    await rankEverywhere(ctx, byFraction);
    await waitForStage(ctx, 'SCORING', stageWaitMs);
    phase('rankings and scoring');
    await stack.cycles.update(ctx.wf, submitForApprovalUpdate, { actor: ctx.who.office });
    for (const voter of approvers(ctx)) await vote(ctx, 1, voter, 'APPROVE');
    await waitForStage(ctx, 'FOLLOW_UP', stageWaitMs);
    phase('approval and result notices');
    const status = await ctx.status();

    // Follow-up (Art. 19-21): feedback to every unit, confirmed; failing units explain, accepted.
    await inParallel(codes, width, async (code) => {
      await stack.actions.recordFeedback(ctx.cycle, {
        actor: ctx.who.leader,
        unitId: ctx.unitId(code),
        content: '年度考核结果反馈',
      });
      await stack.actions.confirmFeedback(ctx.cycle, {
        actor: ctx.who.unitActor(code),
        unitId: ctx.unitId(code),
      });
    });
    phase('feedback recorded and confirmed');
    const failing = status.failingUnitIds;
    for (;;) {
      if ((await stack.db.explanation.count({ where: { cycleId: ctx.cycle.id } })) === failing.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    phase('explanations opened');
    await inParallel(failing, width, async (unitId) => {
      await stack.actions.submitExplanation(ctx.cycle, {
        actor: ctx.who.unitActor(ctx.codeOf(unitId)),
        unitId,
        content: '书面说明',
      });
      await stack.actions.reviewExplanation(ctx.cycle, {
        actor: ctx.who.office,
        unitId,
        decision: 'ACCEPT',
      });
    });
    phase('explanations submitted and accepted');
    const finalStatus = await ctx.status();
    await stack.env.client.workflow.getHandle(ctx.wf).result();
    phase('close');
    const yearMs = Date.now() - yearStarted;
    console.log(`year of ${codes.length} units closed in ${(yearMs / 1000).toFixed(1)} s`);

    const outbox = await stack.db.notification.count({ where: { cycleId: ctx.cycle.id } });
    await stack.inbox.waitFor(outbox, 60_000);
    // Fetched one by one: a 500-unit cycle's own history exceeds the client's 4 MB gRPC message limit.
    const histories = [];
    const unreadable: string[] = [];
    for (const workflowId of cycleWorkflowIds(
      ctx.wf,
      await withFacts(ctx.stack.db, { ...ctx.cycle, engine: 2 }, finalStatus),
    )) {
      try {
        histories.push(...(await cycleHistories(stack.env.client, [workflowId])));
      } catch (error) {
        unreadable.push(`${workflowId}: ${(error as Error).message}`);
      }
    }
    const counts = countEvents(histories);
    const report = {
      server: realServer ? 'real (embedded temporal-dev-server)' : 'time-skipping (Java test server)',
      units: codes.length,
      failingUnits: failing.length,
      wallTimeSeconds: Number(((Date.now() - started) / 1000).toFixed(1)),
      yearSeconds: Number((yearMs / 1000).toFixed(1)),
      setupSeconds: Number((setupMs / 1000).toFixed(1)),
      phaseSeconds: phases,
      workflows: counts.workflows,
      workflowTasks: counts.workflowTasks,
      activities: counts.activities,
      historyEvents: counts.events,
      emails: stack.inbox.messages.length,
      historiesNotCounted: unreadable,
    };
    console.log(JSON.stringify(report));
  } finally {
    await stack.teardown();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

// npm run bench:burst [-- --units-repeats 16 --checkpoints 10 --clients 30]
// The deadline-day rush on the real Temporal server (the embedded tools/temporal-dev-server, with the
// production server's limits): the main job as `npm start` runs it (API, worker, embedded Temporal), a
// cycle with one round of N checkpoints, every seeded unit submitting each checkpoint R times from C
// concurrent HTTP clients. Prints accepted, refused by status, 503s retried, throughput, p50/p95.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import globalSetup from '../tests/support/globalSetup';
import globalTeardown from '../tests/support/globalTeardown';
import { createTestDatabase } from '../tests/support/testDatabase';
import { startSmtpInbox } from '../tests/support/smtpInbox';
import { mainJobConfig, signInAt, startMainJob } from '../tests/support/mainJob';
import { oneRoundOf, runBurst } from '../tests/support/burst';
import { demoTargets } from '../runtime/seed/demoTargets';
import { DEMO_PASSWORD } from '../runtime/seed/seedFederation';
import { DAY_MS } from '../domain/cycle/deadlines';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};

async function main() {
  const repeats = argument('repeats', 16);
  const checkpointCount = argument('checkpoints', 10);
  const concurrency = argument('clients', 30);
  const year = 2040;
  await globalSetup();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-bench-burst-'));
  const inbox = await startSmtpInbox();
  const database = await createTestDatabase();
  const job = await startMainJob(
    await mainJobConfig({
      dataDir,
      databaseUrl: database.url,
      smtpUrl: inbox.url,
      taskQueue: 'kaohe-bench-burst',
    }),
  );
  try {
    const office = await signInAt(job.baseUrl, 'office1');
    const targets = oneRoundOf(
      demoTargets(year, new Date()),
      new Date(Date.now() + 20 * DAY_MS).toISOString(),
      checkpointCount,
    );
    await office.post('/api/cycles', targets.cycle);
    for (const indicator of targets.indicators)
      await office.post(`/api/cycles/${year}/indicators`, indicator);
    const published = await office.post(`/api/cycles/${year}/publish`, { acknowledgeWarnings: true });
    if (published.status !== 202) throw new Error(`publish: ${JSON.stringify(published.body)}`);
    const cycle = await job.db.cycle.findUniqueOrThrow({ where: { year } });
    for (
      let wait = 0;
      (await job.db.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).stage !== 'CHECKPOINTS';
      wait++
    ) {
      if (wait > 600) throw new Error('the cycle never reached CHECKPOINTS');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const checkpoints = await job.db.checkpoint.findMany({
      where: { cycleId: cycle.id },
      include: { indicator: { include: { notUndertaken: true } } },
    });
    const users = await job.db.user.findMany({ where: { role: 'UNIT', unit: { active: true } } });
    const units = users.map((user) => ({ username: user.username, unitId: user.unitId! }));
    const result = await runBurst({
      baseUrl: job.baseUrl,
      year,
      password: DEMO_PASSWORD,
      units,
      checkpointsOf: (unit) =>
        checkpoints
          .filter((cp) => !cp.indicator.notUndertaken.some((row) => row.unitId === unit.unitId))
          .map((cp) => cp.id),
      repeats,
      concurrency,
    });
    const stored = await job.db.checkpointSubmission.count({ where: { checkpoint: { cycleId: cycle.id } } });
    const audited = await job.db.auditLog.count({
      where: { cycleId: cycle.id, action: 'checkpoint.submit' },
    });
    console.log(
      JSON.stringify({
        server: 'real (embedded temporal-dev-server)',
        units: units.length,
        checkpoints: checkpoints.length,
        repeats,
        clients: concurrency,
        submissions: result.requests,
        accepted: result.accepted,
        byStatus: result.byStatus,
        retriedAfter503: result.retried,
        seconds: Number(result.seconds.toFixed(1)),
        perSecond: Number(result.perSecond.toFixed(1)),
        p50Ms: Math.round(result.p50),
        p95Ms: Math.round(result.p95),
        storedSubmissions: stored,
        auditRows: audited,
        loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
      }),
    );
  } finally {
    await job.stop();
    await inbox.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
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

// npm run bench:api [-- --seconds 10 --connections 50]
// Load on the real API over loopback: embedded PostgreSQL, Temporal's Java test server with a worker,
// an in-process SMTP server, the Express app listening on 127.0.0.1. 50 concurrent clients:
//   1. the cycle dashboard read (autocannon, for --seconds);
//   2. a 1 MB evidence upload (autocannon, multipart, a fixed number of uploads);
//   3. a whole checkpoint submission with a 1 MB file, when the submission route is mounted: upload,
//      then submit the checkpoint with it (workflow update), timed end to end.
// Prints p50/p95/p99 latency and throughput for each.
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import globalSetup from '../tests/support/globalSetup';
import globalTeardown from '../tests/support/globalTeardown';
import { startTestStack, type TestStack } from '../tests/support/testStack';
import { publishDemoCycle } from '../tests/support/cycleDriver';
import { DEMO_PASSWORD } from '../runtime/seed/seedFederation';
import { mountedRoutes } from '../api/openapi/expressRoutes';
import { cycleStatusQuery } from '../workflows/contract';
import { pdfOfSize as structuredPdf } from '../tests/support/evidenceFixtures';

const YEAR = 2040;
const MB = 1024 * 1024;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = Number(index >= 0 ? process.argv[index + 1] : fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: a positive whole number`);
  return value;
}

interface Figures {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

function figures(name: string, latencies: number[], errors: number, seconds: number): Figures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

function print(result: Figures) {
  const throughput = result.requests / result.seconds;
  console.log(
    `${result.name.padEnd(44)} n=${String(result.requests).padStart(6)}  errors=${result.errors}  ` +
      `p50=${result.p50.toFixed(1)} ms  p95=${result.p95.toFixed(1)} ms  p99=${result.p99.toFixed(1)} ms  ${throughput.toFixed(1)} req/s`,
  );
}

/** A PDF of exactly `size` bytes (the API reads the type from the content). */
function pdfOfSize(size: number): Buffer {
  return structuredPdf(size);
}

function multipart(file: Buffer, name: string, fields: Record<string, string>) {
  const boundary = `----kaohe-bench-${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
  );
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function signIn(base: string, username: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in ${username}: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const body = (await response.json()) as { csrfToken: string; user: { unitId: string | null } };
  return { cookie, csrf: body.csrfToken, unitId: body.user.unitId };
}

/** autocannon with per-response latencies collected (its own summary has no p95). */
async function cannon(name: string, options: autocannon.Options): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(options, (error) => (error ? reject(error) : resolve()));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else errors++;
    });
    instance.on('reqError', () => errors++);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return figures(name, latencies, errors, seconds);
}

async function main() {
  const seconds = argument('seconds', 10);
  const connections = argument('connections', 50);
  console.log('Starting embedded PostgreSQL, Temporal test server, worker, SMTP inbox and the API…');
  await globalSetup();
  let stack: TestStack | undefined;
  let server: Server | undefined;
  try {
    stack = await startTestStack({ loginAttemptsPer15Min: 10_000 });
    const { cycle } = await publishDemoCycle(stack, YEAR);
    const handle = stack.env.client.workflow.getHandle(cycle.workflowId);
    for (let wait = 0; (await handle.query(cycleStatusQuery)).stage !== 'CHECKPOINTS' && wait < 600; wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const app = stack.app;
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const office = await signIn(base, 'office1');
    const zhongshan = await signIn(base, 'unit-zhongshan');
    const results: Figures[] = [];
    const file = pdfOfSize(MB);

    // 3. Whole checkpoint submissions (upload + submit), if the submission route is mounted.
    const hasSubmissionRoute = mountedRoutes(app).some(
      (route) =>
        route.method === 'post' && route.path === '/api/cycles/:year/checkpoints/:checkpointId/submissions',
    );
    if (hasSubmissionRoute) {
      const units = await stack.db.unit.findMany({ where: { active: true } });
      const round = (await handle.query(cycleStatusQuery)).rounds[0];
      const checkpoints = await stack.db.checkpoint.findMany({
        where: { id: { in: round.checkpointIds } },
        include: { indicator: { include: { notUndertaken: true } } },
      });
      const pairs: { session: Awaited<ReturnType<typeof signIn>>; checkpointId: string }[] = [];
      for (const unit of units) {
        const session = await signIn(base, `unit-${unit.code}`);
        for (const checkpoint of checkpoints) {
          if (!checkpoint.indicator.notUndertaken.some((row) => row.unitId === unit.id))
            pairs.push({ session, checkpointId: checkpoint.id });
        }
      }
      const total = argument('submissions', 200);
      const latencies: number[] = [];
      let errors = 0;
      let next = 0;
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (next < total) {
            const { session, checkpointId } = pairs[next++ % pairs.length];
            const t0 = process.hrtime.bigint();
            const upload = multipart(file, '节点证明材料.pdf', { unitId: session.unitId! });
            const uploaded = await fetch(`${base}/api/cycles/${YEAR}/evidence`, {
              method: 'POST',
              headers: {
                cookie: session.cookie,
                'x-csrf-token': session.csrf,
                'content-type': upload.contentType,
              },
              body: upload.body,
            });
            if (uploaded.status !== 201) {
              errors++;
              continue;
            }
            const { evidence } = (await uploaded.json()) as { evidence: { id: string } };
            const submitted = await fetch(
              `${base}/api/cycles/${YEAR}/checkpoints/${checkpointId}/submissions`,
              {
                method: 'POST',
                headers: {
                  cookie: session.cookie,
                  'x-csrf-token': session.csrf,
                  'content-type': 'application/json',
                },
                body: JSON.stringify({
                  unitId: session.unitId,
                  text: '节点完成情况说明',
                  evidenceIds: [evidence.id],
                }),
              },
            );
            await submitted.arrayBuffer();
            if (submitted.status >= 300) errors++;
            else latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          }
        }),
      );
      results.push(
        figures(
          'checkpoint submission with a 1 MB file',
          latencies,
          errors,
          Number(process.hrtime.bigint() - started) / 1e9,
        ),
      );
    } else {
      console.log('(the checkpoint submission route is not mounted: measuring the evidence upload alone)');
    }

    // 2. The 1 MB evidence upload alone.
    const upload = multipart(file, '节点证明材料.pdf', { unitId: zhongshan.unitId! });
    results.push(
      await cannon('evidence upload, 1 MB PDF (multipart)', {
        url: `${base}/api/cycles/${YEAR}/evidence`,
        method: 'POST',
        connections,
        amount: argument('uploads', 300),
        headers: {
          cookie: zhongshan.cookie,
          'x-csrf-token': zhongshan.csrf,
          'content-type': upload.contentType,
        },
        body: upload.body,
      }),
    );

    // 1. The dashboard read (after a short warm-up).
    const dashboard = { url: `${base}/api/cycles/${YEAR}/dashboard`, headers: { cookie: office.cookie } };
    await cannon('warm-up', { ...dashboard, connections, duration: 2 });
    // One client alone: the service time without queueing, to read the figures below against.
    results.push(
      await cannon('GET /api/cycles/:year/dashboard, 1 client', {
        ...dashboard,
        connections: 1,
        duration: Math.min(seconds, 5),
      }),
    );
    results.push(
      await cannon('GET /api/cycles/:year/dashboard (office)', {
        ...dashboard,
        connections,
        duration: seconds,
      }),
    );
    results.push(
      await cannon('GET /api/units', {
        url: `${base}/api/units`,
        headers: { cookie: office.cookie },
        connections,
        duration: seconds,
      }),
    );

    const load = os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
    console.log(
      `\n${connections} concurrent clients, loopback, ${os.cpus().length} CPUs (load average ${load}), Node ${process.version}`,
    );
    for (const result of results) print(result);
  } finally {
    // Let requests autocannon abandoned at its deadline finish before the database goes away.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await stack?.teardown();
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

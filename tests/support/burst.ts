// The deadline-day rush (issue 11): every unit submits every checkpoint of a round again and again from
// many concurrent clients over HTTP. Each (unit, checkpoint) is a chain of submissions made one after
// another, so the last one is known; chains run `concurrency` at a time. A 503 is retried after its
// Retry-After with the same Idempotency-Key, as the web client does. Shared by the test and bench:burst.
import { randomUUID } from 'node:crypto';

export interface BurstUnit {
  username: string;
  unitId: string;
}

export interface BurstResult {
  requests: number;
  accepted: number;
  /** Final answers by HTTP status (after retries). */
  byStatus: Record<number, number>;
  /** 503 answers that were retried. */
  retried: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  lastText: (unitId: string, checkpointId: string) => string;
}

interface SessionCookie {
  cookie: string;
  csrf: string;
}

export async function signInForBurst(
  baseUrl: string,
  username: string,
  password: string,
): Promise<SessionCookie> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

const textOf = (username: string, checkpointId: string, repeat: number) =>
  `${username} ${checkpointId.slice(0, 8)} 第${repeat + 1}次提交`;

export async function runBurst(options: {
  baseUrl: string;
  year: number;
  password: string;
  units: BurstUnit[];
  /** The checkpoints a unit submits (those it undertakes, Art. 12). */
  checkpointsOf: (unit: BurstUnit) => string[];
  repeats: number;
  concurrency: number;
}): Promise<BurstResult> {
  const sessions = new Map<string, SessionCookie>();
  for (const unit of options.units)
    sessions.set(unit.username, await signInForBurst(options.baseUrl, unit.username, options.password));
  const chains = options.units.flatMap((unit) =>
    options.checkpointsOf(unit).map((checkpointId) => ({ unit, checkpointId })),
  );
  const byStatus: Record<number, number> = {};
  const latencies: number[] = [];
  let retried = 0;
  let next = 0;

  async function submit(unit: BurstUnit, checkpointId: string, repeat: number): Promise<void> {
    const session = sessions.get(unit.username)!;
    const idempotencyKey = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      const started = performance.now();
      const response = await fetch(
        `${options.baseUrl}/api/cycles/${options.year}/checkpoints/${checkpointId}/submissions`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrf,
            'idempotency-key': idempotencyKey,
          },
          body: JSON.stringify({ unitId: unit.unitId, text: textOf(unit.username, checkpointId, repeat) }),
        },
      );
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (response.status === 503 && attempt < 20) {
        retried += 1;
        const wait = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
      return;
    }
  }

  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let chain = chains[next++]; chain; chain = chains[next++]) {
        for (let repeat = 0; repeat < options.repeats; repeat += 1)
          await submit(chain.unit, chain.checkpointId, repeat);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const percentile = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const requests = chains.length * options.repeats;
  const accepted = Object.entries(byStatus)
    .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
    .reduce((sum, [, count]) => sum + count, 0);
  const usernameOf = new Map(options.units.map((unit) => [unit.unitId, unit.username]));
  return {
    requests,
    accepted,
    byStatus,
    retried,
    seconds,
    perSecond: requests / seconds,
    p50: percentile(50),
    p95: percentile(95),
    lastText: (unitId, checkpointId) => textOf(usernameOf.get(unitId)!, checkpointId, options.repeats - 1),
  };
}

/** Demo targets with one round of `count` checkpoints (two per key task), as on a real deadline day. */
export function oneRoundOf<
  T extends {
    indicators: {
      group: string;
      checkpoints: { code: string; name: string; dueAt: string; share: number; standard: string }[];
      code: string;
      name: string;
    }[];
  },
>(targets: T, dueAt: string, count: number): T {
  let remaining = count;
  for (const indicator of targets.indicators) {
    indicator.checkpoints = [];
    if (indicator.group !== 'KEY_TASK' || remaining <= 0) continue;
    for (const half of ['A', 'B']) {
      if (remaining <= 0) break;
      remaining -= 1;
      indicator.checkpoints.push({
        code: `${indicator.code}-${half}`,
        name: `${indicator.name}（节点${half}）`,
        dueAt,
        share: 0.2,
        standard: '按进度完成并上传证明材料',
      });
    }
  }
  return targets;
}

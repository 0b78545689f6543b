// Delivery of the cycle's notices through failures (issue 6): SMTP down for a while then back — with
// Temporal's own retries of the activity, and with an outage in the middle of a batch; the same event
// sent twice; a worker that dies in the middle of a batch and a retry that finishes it. Every email
// arrives exactly once, except the one the outbox cannot close: a crash after the SMTP server accepted
// a message and before the row says SENT, redelivered with the same Message-ID (mail/outbox.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../support/temporalTestEnv';
import { createMailTransport, SMTP_CONNECTIONS, type Mailer } from '../../mail/mailer';
import { noticeActivities } from '../../activities/noticeActivities';
import {
  FROM,
  PUBLIC_URL,
  startNoticeHarness,
  unitEmail,
  committeeEmail,
  type NoticeHarness,
} from './fixtures/noticeHarness';
import { createResults } from './fixtures/noticeCycle';
import { CRASH_EXIT_CODE } from './fixtures/crashingNoticeBatch';
import type { noticeBatchWorkflow } from './fixtures/noticeBatchWorkflow';
import federation from '../../runtime/seed/federation.json';

const ALL_UNITS = federation.units.map((unit) => unit.code);
const RESULT_RECIPIENTS = [...ALL_UNITS.map(unitEmail), ...ALL_UNITS.map(committeeEmail)].sort();
const AT = '2027-01-18T01:00:00.000Z';

let h: NoticeHarness;
/** Called after each message the SMTP server accepted (the n-th of this test). */
let afterSend: (count: number) => void = () => undefined;
let sends = 0;

beforeAll(async () => {
  h = await startNoticeHarness({
    mailer: (inbox) => {
      const smtp = createMailTransport(inbox.url);
      return {
        async send(message) {
          const sent = await smtp.send(message);
          sends += 1;
          afterSend(sends);
          return sent;
        },
        close: () => smtp.close(),
      } satisfies Mailer;
    },
  });
  await createResults(h.db, h.cycle);
});

afterAll(async () => {
  await h.stop();
});

beforeEach(async () => {
  h.inbox.setDown(false);
  h.inbox.clear();
  sends = 0;
  afterSend = () => undefined;
  await h.db.notification.deleteMany();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectEachOnce(recipients: string[]) {
  expect(h.recipients()).toEqual(recipients);
  expect(new Set(h.inbox.messages.map((message) => message.messageId)).size).toBe(recipients.length);
}

it('SMTP down, then back: Temporal retries the batch with backoff and every email arrives once', async () => {
  const env = await createTimeSkippingEnv();
  try {
    const taskQueue = 'notice-delivery';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/noticeBatchWorkflow'),
      activities: noticeActivities({ db: h.db, mailer: h.mailer, mailFrom: FROM, publicUrl: PUBLIC_URL }),
    });
    h.inbox.setDown(true);
    const { result, attempts } = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof noticeBatchWorkflow>('noticeBatchWorkflow', {
        taskQueue,
        workflowId: 'notice-outage',
        args: [{ cycleId: h.cycle.cycleId, event: 'RESULT_NOTICE', at: AT }],
      });
      // The first attempt stores all 28 and fails to deliver every one; then the server comes back.
      await eventually(
        async () =>
          (await h.db.notification.count({
            where: { status: 'QUEUED', attempts: 1, NOT: { lastError: { startsWith: 'delivery attempt' } } },
          })) === 28,
      );
      expect(h.inbox.messages).toHaveLength(0);
      h.inbox.setDown(false);
      const outcome = await handle.result();
      const history = await handle.fetchHistory();
      return {
        result: outcome,
        attempts: (history.events ?? [])
          .filter((event) => event.activityTaskStartedEventAttributes)
          .map((event) => event.activityTaskStartedEventAttributes!.attempt),
      };
    });
    expect(attempts).toEqual([2]); // the recorded start of the attempt that completed, after one failure
    expect(result).toEqual({ queued: 28, sent: 28 });
    expect(h.inbox.refusedConnections).toBeGreaterThanOrEqual(28);
    expectEachOnce(RESULT_RECIPIENTS);
    const rows = await h.db.notification.findMany();
    expect(rows.every((row) => row.status === 'SENT' && row.attempts === 2 && row.lastError === null)).toBe(
      true,
    );
  } finally {
    await env.teardown();
  }
});

it('an outage in the middle of a batch: the retry delivers the rest and skips the delivered', async () => {
  // The server goes away right after accepting the 5th email and is back by the first retry. The batch
  // delivers SMTP_CONNECTIONS notices at once, so up to 3 already under way may still get through.
  afterSend = (count) => {
    if (count === 5) h.inbox.setDown(true);
  };
  const failure: unknown = await h.send('TARGETS_PUBLISHED', {}, AT).then(
    () => undefined,
    (error: unknown) => error,
  );
  const delivered = h.inbox.messages.length;
  expect(delivered).toBeGreaterThanOrEqual(5);
  expect(delivered).toBeLessThanOrEqual(5 + SMTP_CONNECTIONS - 1);
  expect((failure as Error).message).toMatch(
    new RegExp(`^TARGETS_PUBLISHED: ${14 - delivered} of 14 notices not delivered yet: .*421`),
  );
  expect(await h.db.notification.count({ where: { status: 'QUEUED' } })).toBe(14 - delivered);

  h.inbox.setDown(false);
  expect(await h.send('TARGETS_PUBLISHED', {}, AT)).toEqual({ queued: 14, sent: 14 - delivered });
  expectEachOnce(ALL_UNITS.map(unitEmail).sort());
  const rows = await h.db.notification.findMany();
  expect(rows.every((row) => row.status === 'SENT' && row.lastError === null)).toBe(true);
  expect(rows.map((row) => row.attempts).sort()).toEqual([
    ...Array(delivered).fill(1),
    ...Array(14 - delivered).fill(2),
  ]);

  // The same event again (a replay, or the workflow asking twice): nothing new is sent.
  h.inbox.clear();
  expect(await h.send('TARGETS_PUBLISHED', {}, AT)).toEqual({ queued: 14, sent: 0 });
  expect(h.inbox.messages).toHaveLength(0);
});

it('a notice whose data fails its template’s schema does not hold back the others', async () => {
  await h.db.unit.update({ where: { code: 'huayuankou' }, data: { name: '' } });
  try {
    await expect(h.send('TARGETS_PUBLISHED', {}, AT)).rejects.toThrow(
      /^TARGETS_PUBLISHED: 1 of 14 notices not delivered yet: .*:TARGETS_PUBLISHED:leader@huayuankou\.union\.example\.org not stored: .*unitName/,
    );
    expectEachOnce(
      ALL_UNITS.filter((code) => code !== 'huayuankou')
        .map(unitEmail)
        .sort(),
    );
    expect(await h.db.notification.count()).toBe(13); // nothing half-written for the bad one
  } finally {
    await h.db.unit.update({ where: { code: 'huayuankou' }, data: { name: '花园口经济区总工会' } });
  }
  // Fixed: the retry sends only the missing one.
  h.inbox.clear();
  expect(await h.send('TARGETS_PUBLISHED', {}, AT)).toEqual({ queued: 14, sent: 1 });
  expect(h.recipients()).toEqual([unitEmail('huayuankou')]);
});

/** `width` 1 makes "the crashAt-th email" one moment; production delivers SMTP_CONNECTIONS at once. */
function runCrashingBatch(
  crashAt: number,
  when: 'before-send' | 'after-send',
  width = 1,
): Promise<number | null> {
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const script = path.join(__dirname, 'fixtures', 'crashingNoticeBatch.ts');
  const args = [
    h.database.url,
    h.inbox.url,
    FROM,
    PUBLIC_URL,
    h.cycle.cycleId,
    'RESULT_NOTICE',
    AT,
    String(crashAt),
    when,
    String(width),
  ];
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the SMTP server it talks to runs in this process.
    const child = spawn(tsx, [script, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

it('a worker dies mid-batch before sending the 5th email: the rerun sends the other 24, no duplicates', async () => {
  expect(await runCrashingBatch(5, 'before-send')).toBe(CRASH_EXIT_CODE);
  expect(h.inbox.messages).toHaveLength(4);
  expect(await h.db.notification.count()).toBe(28); // everything was stored before sending began

  expect(await h.send('RESULT_NOTICE', {}, AT)).toEqual({ queued: 28, sent: 24 });
  expectEachOnce(RESULT_RECIPIENTS);
  // The interrupted notice is resent, marked so the receiving side could tell (it was never sent).
  expect(h.inbox.messages.filter((message) => message.headers['x-kaohe-redelivery'])).toHaveLength(1);

  h.inbox.clear();
  expect(await h.send('RESULT_NOTICE', {}, AT)).toEqual({ queued: 28, sent: 0 });
  expect(h.inbox.messages).toHaveLength(0);
});

it('a worker dies right after the server accepted the 5th email: only that one repeats, with the same Message-ID', async () => {
  expect(await runCrashingBatch(5, 'after-send')).toBe(CRASH_EXIT_CODE);
  expect(h.inbox.messages).toHaveLength(5);

  expect(await h.send('RESULT_NOTICE', {}, AT)).toEqual({ queued: 28, sent: 24 });
  expect(h.inbox.messages).toHaveLength(29);
  const ids = h.inbox.messages.map((message) => message.messageId);
  expect(new Set(ids).size).toBe(28);
  const repeated = h.inbox.messages.filter(
    (message) => ids.filter((id) => id === message.messageId).length > 1,
  );
  expect(repeated).toHaveLength(2);
  expect(repeated[0].subject).toBe(repeated[1].subject);
  expect(repeated[1].headers['x-kaohe-redelivery']).toContain('may have been delivered');
  expect([...new Set(h.recipients())]).toEqual(RESULT_RECIPIENTS);
  const row = await h.db.notification.findFirstOrThrow({ where: { messageId: repeated[0].messageId } });
  expect(row.lastError).toMatch(/a duplicate with the same Message-ID is possible/);
});

it('delivering four at once, a worker dies after the server accepted the 5th: only emails under way then repeat, flagged', async () => {
  expect(await runCrashingBatch(5, 'after-send', SMTP_CONNECTIONS)).toBe(CRASH_EXIT_CODE);

  const rerun = await h.send('RESULT_NOTICE', {}, AT);
  expect(rerun.queued).toBe(28);
  expect([...new Set(h.recipients())]).toEqual(RESULT_RECIPIENTS);
  const ids = h.inbox.messages.map((message) => message.messageId);
  expect(new Set(ids).size).toBe(28);
  // A repeat is an email the dead worker had under way (at most one per connection), resent with its
  // Message-ID and marked, so the receiving side can drop it (RFC 5322 §3.6.4).
  const repeats = h.inbox.messages.length - 28;
  expect(repeats).toBeGreaterThanOrEqual(1);
  expect(repeats).toBeLessThanOrEqual(SMTP_CONNECTIONS);
  const repeatedIds = new Set(ids.filter((id, index) => ids.indexOf(id) !== index));
  const redelivered = h.inbox.messages.filter(
    (message) => repeatedIds.has(message.messageId) && message.headers['x-kaohe-redelivery'],
  );
  expect(redelivered).toHaveLength(repeats);
});

// The outbox against a real PostgreSQL database and a real SMTP server (issue: notifications): every
// email is stored once under its idempotency key and delivered once, through SMTP outages, repeated
// deliveries, concurrent deliverers and a worker that crashes in the middle of a batch.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { startSmtpInbox, type SmtpInbox } from '../support/smtpInbox';
import { createMailTransport, type Mailer } from '../../mail/mailer';
import {
  deliverNotice,
  enqueueNotice,
  markNoticeFailed,
  noticeKey,
  noticeMessageId,
  resendNotice,
} from '../../mail/outbox';
import { renderNotice } from '../../mail/renderNotice';
import { demoNoticeData } from '../../mail/demoNoticeData';
import { createDb, type Db } from '../../prisma/client';

const FROM = '考核工作办公室 <kaohe@example.org>';
const CYCLE = 'cycle-2026';

let database: TestDatabase;
let db: Db;
let inbox: SmtpInbox;
let mailer: Mailer;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  inbox = await startSmtpInbox();
  mailer = createMailTransport(inbox.url);
});

afterAll(async () => {
  mailer.close();
  await inbox.stop();
  await database.drop();
});

beforeEach(async () => {
  inbox.setDown(false);
  inbox.clear();
  await db.notification.deleteMany();
});

function resultNotice(unitCode: string, overrides: Record<string, unknown> = {}) {
  const recipientEmail = `leader@${unitCode}.union.example.org`;
  return {
    idempotencyKey: noticeKey(CYCLE, 'RESULT_NOTICE_UNIT', recipientEmail),
    event: 'RESULT_NOTICE_UNIT' as const,
    recipientEmail,
    recipientName: `${unitCode}总工会主要负责人`,
    locale: 'zh-CN' as const,
    data: { ...demoNoticeData('RESULT_NOTICE_UNIT'), ...overrides },
  };
}

/** What a Temporal activity with a retry policy does, in miniature: try, back off, try again. */
async function retryWithBackoff<T>(
  attempt: (n: number) => Promise<T>,
  options = { initialMs: 20, factor: 2, maxAttempts: 8 },
): Promise<T> {
  let wait = options.initialMs;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait *= options.factor;
    }
  }
}

/** One batch over the given notices, failing if any is not delivered (as the cycle's sendNotices does). */
async function deliverBatch(ids: string[]): Promise<number> {
  let sent = 0;
  const failures: unknown[] = [];
  for (const id of ids) {
    try {
      if (await deliverNotice(db, mailer, id, FROM)) sent += 1;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return sent;
}

function runCrashingDeliverer(
  crashAtId: string,
  when: 'before-send' | 'after-send',
  ids: string[],
): Promise<number | null> {
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const script = path.join(__dirname, 'fixtures', 'crashingDeliverer.ts');
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the SMTP server it talks to runs in this process.
    const child = spawn(
      tsx,
      [script, database.url, inbox.url, FROM, crashAtId, when, String(CRASHED_LEASE_MS), ...ids],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

const distinct = (values: string[]) => new Set(values).size;

/** The crashing deliverer's lease: short, so the restarted batch waits it out within the test. */
const CRASHED_LEASE_MS = 1_500;

describe('storing a notice', () => {
  test('twice under one key stores one row and sends one email', async () => {
    const notice = resultNotice('zhongshan');
    const first = await enqueueNotice(db, notice);
    const second = await enqueueNotice(db, notice);
    expect(second).toBe(first);
    expect(await db.notification.count()).toBe(1);
    expect(await deliverBatch([first, second])).toBe(1);
    expect(inbox.messages).toHaveLength(1);
  });

  test('concurrently under one key leaves one row, and every caller gets its id', async () => {
    const notice = resultNotice('xigang');
    const ids = await Promise.all(Array.from({ length: 6 }, () => enqueueNotice(db, notice)));
    expect(new Set(ids).size).toBe(1);
    expect(await db.notification.count({ where: { idempotencyKey: notice.idempotencyKey } })).toBe(1);
  });

  test('under a key that belongs to another event is refused', async () => {
    const notice = resultNotice('shahekou');
    await enqueueNotice(db, notice);
    await expect(
      enqueueNotice(db, { ...notice, event: 'INCENTIVE_NOTICE', data: demoNoticeData('INCENTIVE_NOTICE') }),
    ).rejects.toMatchObject({
      name: 'IdempotencyKeyConflictError',
    });
  });

  test('to an invalid address is stored as FAILED with the reason, and nothing is sent', async () => {
    const id = await enqueueNotice(db, {
      ...resultNotice('ganjingzi'),
      recipientEmail: 'committee at ganjingzi',
    });
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'FAILED',
      lastError: 'invalid recipient address: "committee at ganjingzi"',
    });
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(false);
    expect(inbox.messages).toHaveLength(0);
  });
});

describe('delivering a notice', () => {
  test('sends it once, with Chinese subject and body intact, and records it as SENT', async () => {
    const notice = resultNotice('zhongshan');
    const rendered = renderNotice(notice.event, notice.locale, notice.data);
    const id = await enqueueNotice(db, notice);
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(true);
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(false);

    expect(inbox.messages).toHaveLength(1);
    const [message] = inbox.messages;
    expect(message.to).toEqual(['leader@zhongshan.union.example.org']);
    // Decoded from RFC 2047 / base64, the Chinese survives exactly.
    expect(message.subject).toBe('关于2026年度工作实绩考核结果的通报（中山区总工会）');
    expect(message.subject).toBe(rendered.subject);
    expect(message.text.trim()).toBe(rendered.text.trim());
    expect(message.text).toContain('总分98.39分，考核等次为“好”，在城区5个单位中排名第1名。');
    expect(message.html).toContain('中山区总工会');
    expect(message.from).toMatch(/^"?考核工作办公室"? <kaohe@example.org>$/);
    expect(message.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(message.messageId).toBe(noticeMessageId(notice.idempotencyKey));
    expect(message.messageId).toMatch(/^<[0-9a-f]{64}@kaohe>$/);
    expect(message.headers['x-kaohe-notice']).toBe('RESULT_NOTICE_UNIT');

    const row = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null, messageId: message.messageId });
    expect(row.sentAt).toBeInstanceOf(Date);
  });

  test('by two deliverers at once (a worker presumed dead and its retry) still sends each email once', async () => {
    const ids: string[] = [];
    for (const code of ['zhongshan', 'xigang', 'shahekou', 'ganjingzi', 'lvshunkou'])
      ids.push(await enqueueNotice(db, resultNotice(code)));
    const [a, b] = await Promise.all([deliverBatch(ids), deliverBatch([...ids].reverse())]);
    expect(a + b).toBe(5);
    expect(inbox.messages).toHaveLength(5);
    expect(distinct(inbox.messages.map((message) => message.to[0]))).toBe(5);
    expect(await db.notification.count({ where: { status: 'SENT', attempts: 1 } })).toBe(5);
  });
});

describe('many deliveries at once', () => {
  // A delivery once held a pooled connection in its locking transaction for the whole SMTP conversation
  // and needed a second for its attempt notes. Now it holds none while sending: a pool of 3 and 12
  // deliveries at once must all finish quickly.
  test('more deliveries than the pool has connections all finish, each email sent once', async () => {
    const small = createDb(database.url, { max: 3 });
    try {
      const units = Array.from({ length: 12 }, (_, index) => `unit${index}`);
      const ids = await Promise.all(units.map((unit) => enqueueNotice(small, resultNotice(unit))));
      const sent = await Promise.all(ids.map((id) => deliverNotice(small, mailer, id, FROM)));
      expect(sent.every(Boolean)).toBe(true);
      expect(inbox.messages.flatMap((message) => message.to).sort()).toEqual(
        units.map((unit) => `leader@${unit}.union.example.org`).sort(),
      );
    } finally {
      await small.$disconnect();
    }
  }, 30_000);

  // Issue 11: SMTP is spoken outside any database transaction, so a slow mail server holds no
  // connection, row lock or snapshot. Seen from the server while the message is being sent.
  test('no database transaction is open while the mail server is being talked to', async () => {
    const id = await enqueueNotice(db, resultNotice('zhongshan'));
    const openWhileSending: number[] = [];
    const watching: Mailer = {
      async send(message) {
        const rows = await db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
        openWhileSending.push(Number(rows[0].n));
        return mailer.send(message);
      },
      close: () => undefined,
    };
    expect(await deliverNotice(db, watching, id, FROM)).toBe(true);
    expect(openWhileSending).toEqual([0]);
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'SENT',
      leaseUntil: null,
    });
  });

  test('a deliverer finding a live lease sends nothing, and says so once its wait is over', async () => {
    const id = await enqueueNotice(db, resultNotice('xigang'));
    await db.$executeRaw`UPDATE "Notification" SET "leaseUntil" = now() + interval '1 minute' WHERE "id" = ${id}`;
    await expect(deliverNotice(db, mailer, id, FROM, { waitMs: 300 })).rejects.toMatchObject({
      name: 'NoticeInProgressError',
    });
    expect(inbox.messages).toHaveLength(0);
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'QUEUED',
      attempts: 0,
    });
  });
});

describe('when the SMTP server is down for a while', () => {
  test('retries with backoff deliver every email exactly once when it is back', async () => {
    const ids: string[] = [];
    for (const code of ['pulandian', 'wafangdian', 'zhuanghe'])
      ids.push(await enqueueNotice(db, resultNotice(code)));
    inbox.setDown(true);
    const batches: number[] = [];
    const sent = await retryWithBackoff(async (n) => {
      batches.push(n);
      if (n === 3) inbox.setDown(false);
      return deliverBatch(ids);
    });
    expect(batches).toEqual([1, 2, 3]);
    expect(sent).toBe(3);
    // Each notice refused by the server in each failed batch (the pooled transport may knock more than once).
    expect(inbox.refusedConnections).toBeGreaterThanOrEqual(6);
    expect(inbox.messages.map((message) => message.to[0]).sort()).toEqual([
      'leader@pulandian.union.example.org',
      'leader@wafangdian.union.example.org',
      'leader@zhuanghe.union.example.org',
    ]);
    // Two refused attempts and one that went through, for each notice.
    const rows = await db.notification.findMany();
    expect(rows.map((row) => [row.status, row.attempts, row.lastError])).toEqual([
      ['SENT', 3, null],
      ['SENT', 3, null],
      ['SENT', 3, null],
    ]);
    // A replay of the whole batch afterwards sends nothing.
    expect(await deliverBatch(ids)).toBe(0);
    expect(inbox.messages).toHaveLength(3);
  });

  test('a failed attempt is recorded and visible; when retries run out the office marks it FAILED and can resend it', async () => {
    const id = await enqueueNotice(db, resultNotice('changhai'));
    inbox.setDown(true);
    await expect(deliverNotice(db, mailer, id, FROM)).rejects.toMatchObject({
      name: 'NoticeDeliveryError',
      attempt: 1,
    });
    const queued = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(queued).toMatchObject({ status: 'QUEUED', attempts: 1 });
    expect(queued.lastError).toMatch(/421 .*Service not available/);

    expect(await markNoticeFailed(db, id, 'retries exhausted after 1 day')).toBe(true);
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'FAILED',
      lastError: 'retries exhausted after 1 day',
    });
    // A replayed batch leaves a FAILED notice alone until the office resends it.
    inbox.setDown(false);
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(false);
    expect(inbox.messages).toHaveLength(0);

    expect(await resendNotice(db, id)).toBe(true);
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(true);
    expect(await resendNotice(db, id)).toBe(false); // a SENT notice is never sent again
    expect(inbox.messages).toHaveLength(1);
    expect(await db.notification.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'SENT',
      attempts: 2,
      lastError: null,
    });
  });

  test('a permanent refusal (550) fails the notice at once; the office resends it to a corrected address', async () => {
    inbox.rejectRecipient('leader@jinpu.union.example.org');
    const id = await enqueueNotice(db, resultNotice('jinpu'));
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(false);
    const failed = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(failed.status).toBe('FAILED');
    expect(failed.lastError).toMatch(/^refused by the mail server: EENVELOPE 550/);

    await expect(resendNotice(db, id, { recipientEmail: 'not an address' })).rejects.toMatchObject({
      name: 'InvalidRecipientError',
    });
    expect(await resendNotice(db, id, { recipientEmail: 'office@jinpu.union.example.org' })).toBe(true);
    expect(await deliverNotice(db, mailer, id, FROM)).toBe(true);
    expect(inbox.messages.map((message) => message.to)).toEqual([['office@jinpu.union.example.org']]);
  });
});

describe('when a worker crashes in the middle of a batch', () => {
  test('after the server accepted an email but before it was marked SENT, the redelivery is flagged and carries the same Message-ID', async () => {
    const codes = ['jinpu', 'baoshuiqu', 'gaoxinqu', 'changxingdao', 'huayuankou'];
    const ids: string[] = [];
    for (const code of codes) ids.push(await enqueueNotice(db, resultNotice(code)));

    // The worker sends the first two, then dies right after the server accepts the third.
    expect(await runCrashingDeliverer(ids[2], 'after-send', ids)).toBe(70);
    expect(inbox.messages).toHaveLength(3);
    const interrupted = await db.notification.findUniqueOrThrow({ where: { id: ids[2] } });
    expect(interrupted).toMatchObject({ status: 'QUEUED', attempts: 1 });
    expect(interrupted.lastError).toMatch(
      /^delivery attempt 1 started at .* and recorded no outcome \(interrupted\)$/,
    );

    // The restarted worker runs the whole batch again: the two SENT ones are skipped, the
    // interrupted one goes again once the dead attempt's lease has run out (its outcome is unknown),
    // the last two go for the first time.
    expect(await deliverBatch(ids)).toBe(3);
    expect(inbox.messages).toHaveLength(6);
    // Five notices, five Message-IDs: the one repeat is recognisable as such by any receiver.
    expect(distinct(inbox.messages.map((message) => message.messageId))).toBe(5);
    const repeats = inbox.messages.filter((message) => message.messageId === interrupted.messageId);
    expect(repeats).toHaveLength(2);
    expect(repeats[0].headers['x-kaohe-redelivery']).toBeUndefined();
    expect(repeats[1].headers['x-kaohe-redelivery']).toBe(
      'attempt 2; an earlier attempt was interrupted and may have been delivered',
    );
    expect(inbox.messages.filter((message) => message.headers['x-kaohe-redelivery'])).toHaveLength(1);

    const after = await db.notification.findMany({ where: { id: { in: ids } } });
    expect(after.every((row) => row.status === 'SENT')).toBe(true);
    expect(after.find((row) => row.id === ids[2])!.lastError).toMatch(
      /^sent on attempt 2 after an interrupted attempt/,
    );
    // Replays from here on send nothing.
    expect(await deliverBatch(ids)).toBe(0);
    expect(inbox.messages).toHaveLength(6);
  });

  test('before the server accepted it, the email is not lost: the restarted worker sends it, once', async () => {
    const ids = [
      await enqueueNotice(db, resultNotice('zhongshan')),
      await enqueueNotice(db, resultNotice('xigang')),
    ];
    expect(await runCrashingDeliverer(ids[0], 'before-send', ids)).toBe(70);
    expect(inbox.messages).toHaveLength(0);
    expect(await deliverBatch(ids)).toBe(2);
    expect(inbox.messages.map((message) => message.to[0]).sort()).toEqual([
      'leader@xigang.union.example.org',
      'leader@zhongshan.union.example.org',
    ]);
  });
});

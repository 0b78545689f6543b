// The outbox: every email the cycle owes is first stored as a Notification row under an idempotency
// key (cycle, event, recipient), then delivered. Storing twice under one key stores once; delivering a
// SENT row does nothing; so a retried activity or a replayed workflow never sends an email twice.
//
// The one window no SMTP client can close is a crash after the server accepted the message and before
// the row says SENT. Each attempt therefore records, before it talks to the server, that it started;
// the next attempt finds that record, knows the earlier outcome is unknown, and sends again with the
// same Message-ID (derived from the key) and an X-Kaohe-Redelivery header, so the receiving side can
// recognise the repeat; the row keeps a note for the office.
//
// Two deliverers of one notice (an activity presumed dead while still running, and its retry) are
// serialised by a lease on the row (`leaseUntil`, on the database's clock), claimed in a short
// transaction. The SMTP conversation itself runs with no transaction open and no connection held
// (issue 11): a slow mail server never holds a database connection, a row lock or an old snapshot. A
// deliverer that crashes leaves its lease; the next one waits it out and then redelivers as above.
import { createHash } from 'node:crypto';
import type { Db } from '../prisma/client';
import type { Mailer } from './mailer';
import type { NoticeEvent, NoticeLocale } from './noticeEvents';
import { renderNotice } from './renderNotice';
import { isValidEmail } from './emailAddress';

export interface NoticeToQueue {
  idempotencyKey: string;
  cycleId?: string | null;
  event: NoticeEvent;
  unitId?: string | null;
  recipientEmail: string;
  recipientName: string;
  locale: NoticeLocale;
  /** Validated against the event's schema (noticeData.ts) when rendered. */
  data: unknown;
}

export class NoticeNotFoundError extends Error {
  override name = 'NoticeNotFoundError';
  constructor(readonly notificationId: string) {
    super(`notification ${notificationId} does not exist`);
  }
}

/** A key reused for a different email: a drafting bug that must not silently swallow a notice. */
export class IdempotencyKeyConflictError extends Error {
  override name = 'IdempotencyKeyConflictError';
}

/** SMTP refused or failed; the row stays QUEUED and the caller should retry with backoff. */
export class NoticeDeliveryError extends Error {
  override name = 'NoticeDeliveryError';
  constructor(
    message: string,
    readonly notificationId: string,
    readonly attempt: number,
  ) {
    super(message);
  }
}

/** cycle:event:recipient[:extra] — extra distinguishes notices that repeat (round, reminder number). */
export function noticeKey(
  cycleId: string | null | undefined,
  event: NoticeEvent,
  recipient: string,
  extra?: string | number,
): string {
  const parts = [cycleId ?? '-', event, recipient.trim().toLowerCase()];
  if (extra !== undefined && extra !== '') parts.push(String(extra));
  return parts.join(':');
}

/** <sha256(key)@kaohe>: the same notice always carries the same Message-ID. */
export function noticeMessageId(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex')}@kaohe>`;
}

const ATTEMPT_STARTED = 'delivery attempt';

function attemptStartedNote(attempt: number, at: Date): string {
  return `${ATTEMPT_STARTED} ${attempt} started at ${at.toISOString()} and recorded no outcome (interrupted)`;
}

/**
 * Renders the notice and stores it unless a row with its idempotency key exists; returns the row id
 * either way. An invalid recipient address is stored as FAILED with the reason, so the office sees it.
 */
export async function enqueueNotice(db: Db, notice: NoticeToQueue): Promise<string> {
  if (!notice.idempotencyKey.trim()) throw new Error('a notice needs an idempotency key');
  const existing = await db.notification.findUnique({ where: { idempotencyKey: notice.idempotencyKey } });
  if (existing) {
    assertSameNotice(existing, notice);
    return existing.id;
  }
  const rendered = renderNotice(notice.event, notice.locale, notice.data);
  const deliverable = isValidEmail(notice.recipientEmail);
  // createMany with skipDuplicates is INSERT … ON CONFLICT DO NOTHING: two concurrent enqueuers of
  // one key both succeed and leave exactly one row.
  await db.notification.createMany({
    data: [
      {
        idempotencyKey: notice.idempotencyKey,
        cycleId: notice.cycleId ?? null,
        event: notice.event,
        unitId: notice.unitId ?? null,
        recipientEmail: notice.recipientEmail,
        recipientName: notice.recipientName,
        locale: notice.locale,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        status: deliverable ? 'QUEUED' : 'FAILED',
        lastError: deliverable ? null : `invalid recipient address: "${notice.recipientEmail}"`,
        messageId: noticeMessageId(notice.idempotencyKey),
      },
    ],
    skipDuplicates: true,
  });
  const row = await db.notification.findUniqueOrThrow({ where: { idempotencyKey: notice.idempotencyKey } });
  assertSameNotice(row, notice);
  return row.id;
}

function assertSameNotice(row: { event: string; idempotencyKey: string }, notice: NoticeToQueue) {
  // The address may legitimately change between two drafts (the office corrected it); the event may not.
  if (row.event !== notice.event) {
    throw new IdempotencyKeyConflictError(
      `idempotency key ${notice.idempotencyKey} already belongs to a ${row.event} notice, not ${notice.event}`,
    );
  }
}

function describeSmtpError(error: unknown): { message: string; permanent: boolean } {
  const failure = error as { message?: string; responseCode?: number; permanent?: boolean; code?: string };
  const message = [failure.code, failure.responseCode, failure.message]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
  // 5xx replies (mailbox unknown, message refused) will not change on retry; authentication
  // failures will once the configuration is fixed, so they stay retryable.
  const permanent =
    failure.code !== 'EAUTH' &&
    (failure.permanent ?? (failure.responseCode !== undefined && failure.responseCode >= 500));
  return { message: message || String(error), permanent };
}

/** Another deliverer holds the notice's lease (it is sending it now): retry later. */
export class NoticeInProgressError extends NoticeDeliveryError {
  override name = 'NoticeInProgressError';
}

export interface DeliveryOptions {
  /**
   * How long a claimed attempt may take before another deliverer presumes it dead: above what the SMTP
   * timeouts of mailer.ts allow one message in practice (connection 10 s, greeting 10 s, 30 s of
   * silence), and no longer than the notice activity's heartbeat timeout (1 minute), so the retry of a
   * crashed worker's batch finds the lease about gone.
   */
  leaseMs?: number;
  /** How long to wait for another deliverer's lease before giving up with NoticeInProgressError. */
  waitMs?: number;
}

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_WAIT_MS = 30_000;
const LEASE_POLL_MS = 100;

type Claim =
  | { kind: 'claimed'; row: NotificationRow; attempt: number; interrupted: string | null }
  | { kind: 'done' }
  | { kind: 'leased'; until: Date };

type NotificationRow = NonNullable<Awaited<ReturnType<Db['notification']['findUnique']>>>;

/**
 * Claims the next attempt at a QUEUED notice: one short transaction that locks the row, checks that no
 * live lease exists (on the database's clock, so workers' clocks do not matter), records the attempt
 * before anyone talks to the server (this note is what a crash leaves behind), and takes the lease.
 */
async function claimAttempt(db: Db, notificationId: string, leaseMs: number): Promise<Claim> {
  return db.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ now: Date; leased: boolean; leaseUntil: Date | null }[]>`
      SELECT now() AS "now", ("leaseUntil" IS NOT NULL AND "leaseUntil" > now()) AS "leased", "leaseUntil"
        FROM "Notification" WHERE "id" = ${notificationId} FOR UPDATE`;
      if (locked.length === 0) throw new NoticeNotFoundError(notificationId);
      const row = await tx.notification.findUniqueOrThrow({ where: { id: notificationId } });
      if (row.status !== 'QUEUED') return { kind: 'done' };
      if (locked[0].leased) return { kind: 'leased', until: locked[0].leaseUntil! };
      const attempt = row.attempts + 1;
      const interrupted = row.lastError?.startsWith(ATTEMPT_STARTED) ? row.lastError : null;
      await tx.notification.update({
        where: { id: row.id },
        data: {
          attempts: attempt,
          lastError: attemptStartedNote(attempt, new Date()),
          messageId: noticeMessageId(row.idempotencyKey),
          leaseUntil: new Date(locked[0].now.getTime() + leaseMs),
        },
      });
      return { kind: 'claimed', row, attempt, interrupted };
    },
    // Short work, but it may queue for a pooled connection behind other deliveries.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/**
 * Sends a QUEUED notice; returns true if this call sent it, false if there was nothing to send (already
 * SENT, or FAILED awaiting the office's resend). A retryable SMTP failure is recorded on the row and
 * thrown as NoticeDeliveryError for the caller's retry; a permanent one (5xx) marks the row FAILED.
 * While another deliverer holds the lease this waits for it (up to `waitMs`), then re-reads the row.
 */
export async function deliverNotice(
  db: Db,
  mailer: Mailer,
  notificationId: string,
  from: string,
  options: DeliveryOptions = {},
): Promise<boolean> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const giveUpAt = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    const claim = await claimAttempt(db, notificationId, leaseMs);
    if (claim.kind === 'done') return false;
    if (claim.kind === 'claimed') return sendClaimed(db, mailer, from, claim);
    if (Date.now() >= giveUpAt)
      throw new NoticeInProgressError(
        `notice ${notificationId} is being delivered by another attempt (lease until ${claim.until.toISOString()})`,
        notificationId,
        0,
      );
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
  }
}

/** The SMTP conversation and its outcome; every write is fenced on this attempt's number. */
async function sendClaimed(
  db: Db,
  mailer: Mailer,
  from: string,
  claim: Extract<Claim, { kind: 'claimed' }>,
): Promise<boolean> {
  const { row, attempt, interrupted } = claim;
  const messageId = noticeMessageId(row.idempotencyKey);
  const thisAttempt = { id: row.id, status: 'QUEUED' as const, attempts: attempt };
  const headers: Record<string, string> = { 'X-Kaohe-Notice': row.event };
  if (interrupted)
    headers['X-Kaohe-Redelivery'] =
      `attempt ${attempt}; an earlier attempt was interrupted and may have been delivered`;
  try {
    await mailer.send({
      from,
      to: { name: row.recipientName, address: row.recipientEmail },
      subject: row.subject,
      html: row.html,
      text: row.text,
      messageId,
      headers,
    });
  } catch (error) {
    const { message, permanent } = describeSmtpError(error);
    await db.notification.updateMany({
      where: thisAttempt,
      data: permanent
        ? { status: 'FAILED', lastError: `refused by the mail server: ${message}`, leaseUntil: null }
        : { lastError: message, leaseUntil: null },
    });
    if (permanent) return false;
    throw new NoticeDeliveryError(
      `notice ${row.id} not delivered (attempt ${attempt}): ${message}`,
      row.id,
      attempt,
    );
  }
  // Fenced on the attempt: if this deliverer outlived its lease and another took over, the other's
  // outcome (flagged as a redelivery) stands; this email went out all the same.
  await db.notification.updateMany({
    where: thisAttempt,
    data: {
      status: 'SENT',
      sentAt: new Date(),
      leaseUntil: null,
      lastError: interrupted
        ? `sent on attempt ${attempt} after an interrupted attempt (${interrupted}); a duplicate with the same Message-ID is possible`
        : null,
    },
  });
  return true;
}

/** Retries are exhausted: the notice is FAILED with the reason, for the office to see and resend. */
export async function markNoticeFailed(db: Db, notificationId: string, reason: string): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id: notificationId, status: 'QUEUED' },
    data: { status: 'FAILED', lastError: reason },
  });
  if (
    count === 0 &&
    !(await db.notification.findUnique({ where: { id: notificationId }, select: { id: true } }))
  ) {
    throw new NoticeNotFoundError(notificationId);
  }
  return count === 1;
}

export class InvalidRecipientError extends Error {
  override name = 'InvalidRecipientError';
}

/**
 * The office's resend of a FAILED notice, optionally to a corrected address: back to QUEUED, for
 * deliverNotice. Returns false for a notice that is not FAILED; a SENT notice is never sent again.
 */
export async function resendNotice(
  db: Db,
  notificationId: string,
  correction: { recipientEmail?: string } = {},
): Promise<boolean> {
  const row = await db.notification.findUnique({ where: { id: notificationId } });
  if (!row) throw new NoticeNotFoundError(notificationId);
  if (row.status !== 'FAILED') return false;
  const recipientEmail = correction.recipientEmail?.trim() || row.recipientEmail;
  if (!isValidEmail(recipientEmail))
    throw new InvalidRecipientError(
      `cannot resend notice ${notificationId}: invalid recipient address "${recipientEmail}"`,
    );
  const { count } = await db.notification.updateMany({
    where: { id: notificationId, status: 'FAILED' },
    data: {
      status: 'QUEUED',
      recipientEmail,
      lastError: `resent by the office after: ${row.lastError ?? 'failure'}`,
    },
  });
  return count === 1;
}

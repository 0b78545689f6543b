// Sending one email over SMTP. The outbox (outbox.ts) decides what to send and records the outcome;
// this is only the transport, kept behind a small interface so activities and the API share it.
import nodemailer from 'nodemailer';
import type { MailAttachment } from './noticeAttachments';

export interface MailAddress {
  name: string;
  address: string;
}

export interface OutgoingMail {
  from: string;
  to: string | MailAddress;
  subject: string;
  html: string;
  text: string;
  /** With angle brackets: <…@kaohe>. Deterministic per notice, so a receiver can spot a repeat. */
  messageId: string;
  headers?: Record<string, string>;
  /** Files carried by the email itself (mail/noticeAttachments.ts), from memory: file access is off. */
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * A nodemailer SMTP transport for smtp:// or smtps:// URLs (credentials and options in the URL, e.g.
 * smtp://user:pass@host:587). Timeouts are short so a dead server fails the attempt quickly and the
 * caller's retry with backoff takes over, rather than one send hanging for nodemailer's 10-minute default.
 */
/** Concurrent SMTP conversations per worker process: the pool's size and a notice batch's width. */
export const SMTP_CONNECTIONS = 4;

export function createMailTransport(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Connections reused across messages (a batch of hundreds of notices would otherwise open one per
    // email): as many as activities/noticeActivities.ts sends at once.
    pool: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 100,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
        headers: message.headers,
        attachments: message.attachments,
      });
      return { messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}

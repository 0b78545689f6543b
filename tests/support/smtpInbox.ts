// A real SMTP server inside the test process (smtp-server, plain SMTP on 127.0.0.1, any or no AUTH):
// every accepted message is parsed with mailparser, so tests compare decoded subjects and bodies.
// setDown(true) simulates an outage: connections are greeted with 421 and closed.
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

export interface ReceivedMail {
  from: string;
  /** Envelope recipients (RCPT TO), lower-case addresses. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** As sent, with angle brackets. */
  messageId: string;
  /** Decoded header values by lower-case name. */
  headers: Record<string, string>;
  /** The message as it travelled, to check transfer encoding. */
  raw: string;
}

export interface SmtpInbox {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Connections (or, on a pooled connection, messages) turned away while down. */
  readonly refusedConnections: number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets the messages, the refused connections and the refused recipients. */
  clear(): void;
  setDown(down: boolean): void;
  /** Answer RCPT TO for this address with 550 (a permanent refusal). */
  rejectRecipient(address: string): void;
  stop(): Promise<void>;
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const object = value as { text?: string; value?: unknown };
    if (typeof object.text === 'string') return object.text;
    if (typeof object.value === 'string') return object.value;
  }
  return JSON.stringify(value);
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((entry) => entry.text).join(', ');
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);
  let down = false;
  let refused = 0;
  const rejected = new Set<string>();

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // No reverse DNS of 127.0.0.1 on every connection.
    disableReverseLookup: true,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onConnect(_session, callback) {
      if (!down) return callback();
      refused += 1;
      const error = new Error('Service not available, try again later') as Error & { responseCode: number };
      error.responseCode = 421;
      callback(error);
    },
    // A connection opened before the outage (the mailer pools them) is turned away at its next message,
    // as a real server going down would: every message sent while down is refused once.
    onMailFrom(_address, _session, callback) {
      if (!down) return callback();
      refused += 1;
      const error = new Error('Service not available, try again later') as Error & { responseCode: number };
      error.responseCode = 421;
      callback(error);
    },
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address.toLowerCase())) return callback();
      const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of parsed.headers) headers[name] = headerText(value);
            messages.push({
              from: addressText(parsed.from),
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers,
              raw: raw.toString('utf8'),
            });
            arrivals.emit('message');
            // Acknowledge only once stored: when the client's send resolves, the message is here.
            callback();
          })
          .catch(callback);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Unlike net.Server, SMTPServer keeps the listening socket in .server.
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo)
    .port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refusedConnections() {
      return refused;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const onMessage = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          arrivals.off('message', onMessage);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          arrivals.off('message', onMessage);
          reject(new Error(`expected ${count} messages within ${timeoutMs} ms, received ${messages.length}`));
        }, timeoutMs);
        arrivals.on('message', onMessage);
      });
    },
    clear() {
      messages.length = 0;
      refused = 0;
      rejected.clear();
    },
    setDown(value) {
      down = value;
    },
    rejectRecipient(address) {
      rejected.add(address.toLowerCase());
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

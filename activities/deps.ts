// What activities need from the outside world; worker.ts wires the real ones (STYLE: createActivities).
import type { Db } from '../prisma/client';
import type { Mailer } from '../mail/mailer';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  mailFrom: string;
  /** Base URL of the web application, for links in emails. */
  publicUrl: string;
  /** How long one notice's delivery attempt holds its lease (mail/outbox.ts); its default otherwise. */
  noticeLeaseMs?: number;
}

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
  /**
   * How many notices of a batch are delivered at once (default: the mailer's connections). Tests of the
   * per-notice crash protocol set 1, so "the n-th email" is one well-defined moment.
   */
  noticeDeliveryWidth?: number;
  /** Where stored evidence lives: the forwarded explanation carries its files (mail/noticeAttachments.ts). */
  evidenceDir?: string;
}

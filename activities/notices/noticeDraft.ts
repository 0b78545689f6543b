// A notice the cycle owes one recipient, before it is rendered into the outbox.
import type { Db } from '../../prisma/client';
import type { NoticeEvent } from '../../mail/noticeEvents';

export interface NoticeDraft {
  /** Idempotency key: cycle, event, recipient (and round/revision where a notice repeats). */
  key: string;
  template: NoticeEvent;
  unitId?: string;
  recipientEmail: string;
  recipientName: string;
  locale: 'zh-CN' | 'en';
  data: Record<string, unknown>;
}

export interface NoticeContext {
  db: Db;
  cycleId: string;
  at: string;
  publicUrl: string;
  params: Record<string, unknown>;
}

export type NoticeBuilder = (context: NoticeContext) => Promise<NoticeDraft[]>;

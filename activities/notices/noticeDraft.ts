// A notice the cycle owes one recipient, before it is rendered into the outbox.
import { noticeProblem } from './noticeProblem';
import type { Db } from '../../prisma/client';
import type { NoticeEvent } from '../../mail/noticeEvents';
import type { NoticeDataInput } from '../../mail/noticeData';
import { noticeKey } from '../../mail/outbox';
import type { NoticeRecipient } from './noticeRecipients';

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
  /** When the workflow sent the event (deterministic across retries): the notice's 成文日期. */
  at: string;
  publicUrl: string;
  params: Record<string, unknown>;
}

export type NoticeBuilder = (context: NoticeContext) => Promise<NoticeDraft[]>;

/**
 * One recipient's notice. The key is cycle:template:recipient, then `repeat` — the parts that make a
 * legitimately repeated notice a different email (round, reminder number, revision, the unit it is
 * about when one recipient gets it for several units) and nothing that changes on a retry.
 */
export function draftNotice<E extends NoticeEvent>(args: {
  cycleId: string;
  template: E;
  recipient: NoticeRecipient;
  unitId?: string;
  repeat?: (string | number)[];
  data: Omit<NoticeDataInput<E>, 'recipientName'> & { recipientName?: string };
}): NoticeDraft {
  const repeat = (args.repeat ?? []).map(String).filter((part) => part !== '');
  return {
    key: noticeKey(
      args.cycleId,
      args.template,
      args.recipient.keyPart,
      repeat.length ? repeat.join(':') : undefined,
    ),
    template: args.template,
    unitId: args.unitId,
    recipientEmail: args.recipient.email,
    recipientName: args.recipient.name,
    locale: args.recipient.locale,
    data: { recipientName: args.recipient.name, ...args.data } as Record<string, unknown>,
  };
}

/** A numeric parameter the workflow passes (round, reminder, escalation, revision). */
export function intParam(params: Record<string, unknown>, name: string, min = 0): number {
  const value = params[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw noticeProblem(`params.${name}: expected an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

// The words of the stage-advance dialog and of the approval tally (issue 13), as plain functions of the
// API's read models (GET /cycles/{year}/advance-preview, /approval/summary), so they are tested without
// a browser. `t` is the page's translator.
import type { MessageKey } from '../i18n/messages';
import { noticeLabel } from '../../../mail/noticeLabels';
import { formatDate } from './format';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** GET /cycles/{year}/advance-preview (api/cycles/advancePreview.ts). */
export interface AdvancePreview {
  stage: string;
  next: string;
  allowed: boolean;
  reason: 'NOT_PUBLISHED' | 'OWN_CONDITIONS' | 'MINIMUM_NOT_MET' | 'CLOSED' | null;
  endsAt: string | null;
  closesRounds: { key: string; number: number; dueAt: string; pending: number }[];
  unitsOutstanding: number;
  unitCount: number;
  evaluatorsMissing: string[];
  notices: string[];
}

/** Why "进入下一阶段" is not offered now, and when the stage ends on its own; null when it is. */
export function advanceBlocked(preview: AdvancePreview, t: T, locale: string): string | null {
  if (preview.allowed || !preview.reason) return null;
  const reason = t(`advance.blocked.${preview.reason}`, { stage: t(`stage.${preview.stage}` as MessageKey) });
  const parts = [reason];
  if (preview.reason === 'MINIMUM_NOT_MET' && preview.evaluatorsMissing.length)
    parts.push(t('advance.evaluatorsMissing', { names: preview.evaluatorsMissing.join('、') }));
  if (preview.endsAt && preview.reason !== 'CLOSED')
    parts.push(t('advance.endsAt', { date: formatDate(preview.endsAt, locale) }));
  return parts.join(locale === 'en' ? '. ' : '；');
}

/** What the advance does, one line each: rounds closed, units outstanding, notices sent. */
export function advanceConsequences(preview: AdvancePreview, t: T, locale: string): string[] {
  const lines: string[] = [];
  if (preview.stage === 'CHECKPOINTS') {
    if (preview.closesRounds.length === 0) lines.push(t('advance.noRounds'));
    for (const round of preview.closesRounds)
      lines.push(
        t('advance.closesRound', {
          number: round.number,
          due: formatDate(round.dueAt, locale),
          pending: round.pending,
        }),
      );
  }
  if (preview.stage === 'SELF_CHECK')
    lines.push(
      t('advance.selfCheckOutstanding', { outstanding: preview.unitsOutstanding, total: preview.unitCount }),
    );
  if (preview.stage === 'VERIFICATION')
    lines.push(
      t('advance.verificationOutstanding', {
        outstanding: preview.unitsOutstanding,
        total: preview.unitCount,
      }),
    );
  if (preview.stage === 'EVALUATION') {
    lines.push(t('advance.evaluationEnds'));
    if (preview.evaluatorsMissing.length)
      lines.push(t('advance.evaluatorsMissing', { names: preview.evaluatorsMissing.join('、') }));
  }
  if (preview.notices.length === 0) lines.push(t('advance.noNotice'));
  for (const event of preview.notices)
    lines.push(t('advance.notice', { event: noticeLabel(locale === 'en' ? 'en' : 'zh-CN', 'event', event) }));
  return lines;
}

/** The tally of GET /approval/summary for one round. */
export interface RoundTally {
  approvals: number;
  rejections: number;
  needed: number;
  leaderVoted: boolean;
  leaderDecision: 'APPROVE' | 'REJECT' | null;
  leaderMustApprove: boolean;
  stillNeeded: number;
  outcome: 'APPROVED' | 'REJECTED' | 'PENDING';
}

/** "组长未表决，还需 3 票同意" — where a round stands against the rule (Art. 18). */
export function tallyLine(tally: RoundTally, t: T, locale: string): string {
  const parts: string[] = [];
  if (tally.leaderMustApprove)
    parts.push(
      t(
        tally.leaderDecision === 'APPROVE'
          ? 'tally.leaderApproved'
          : tally.leaderDecision === 'REJECT'
            ? 'tally.leaderRejected'
            : 'tally.leaderPending',
      ),
    );
  if (tally.outcome === 'APPROVED' || (tally.outcome === 'PENDING' && tally.stillNeeded === 0))
    parts.push(t('tally.passed'));
  else if (tally.outcome === 'PENDING') parts.push(t('tally.stillNeeded', { count: tally.stillNeeded }));
  return parts.join(locale === 'en' ? '; ' : '，');
}

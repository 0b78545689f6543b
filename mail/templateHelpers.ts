// Handlebars helpers the notice templates use. The locale comes from the root context, so a template
// says {{date dueAt}} or {{grade finalGrade}} and gets 2026年11月24日 / 好 or 24 November 2026 / Good.
import Decimal from 'decimal.js';
import type Handlebars from 'handlebars';
import type { NoticeLocale } from './noticeEvents';
import { formatNoticeDate } from '../format/beijingDate';
import { formatArticle, formatArticles } from '../format/articles';
import {
  formatAmount,
  formatPercent,
  formatPlainNumber,
  formatPoints,
  type DecimalValue,
} from '../format/numbers';
import { noticeLabel } from './noticeLabels';

type HelperOptions = Handlebars.HelperOptions;

function localeOf(options: HelperOptions): NoticeLocale {
  return (options.data?.root?.locale as NoticeLocale | undefined) ?? 'zh-CN';
}

/** The last argument Handlebars passes to a helper is its options object. */
function lastIsOptions(args: unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

export function registerTemplateHelpers(engine: typeof Handlebars): void {
  engine.registerHelper('date', (instant: string, options: HelperOptions) =>
    formatNoticeDate(instant, localeOf(options)),
  );
  engine.registerHelper('points', (value: DecimalValue) => formatPoints(value));
  engine.registerHelper('num', (value: DecimalValue) => formatPlainNumber(value));
  engine.registerHelper('percent', (fraction: DecimalValue) => formatPercent(fraction));
  engine.registerHelper('amount', (value: DecimalValue) => formatAmount(value));
  engine.registerHelper('label', (kind: string, code: string, options: HelperOptions) =>
    noticeLabel(localeOf(options), kind, code),
  );
  engine.registerHelper('grade', (code: string, options: HelperOptions) =>
    noticeLabel(localeOf(options), 'grade', code),
  );
  engine.registerHelper('article', (article: number, options: HelperOptions) =>
    formatArticle(article, localeOf(options)),
  );
  engine.registerHelper('articles', (articles: number[], options: HelperOptions) =>
    formatArticles(articles, localeOf(options)),
  );
  engine.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  engine.registerHelper('ne', (left: unknown, right: unknown) => left !== right);
  /** Two decimals that differ in value (12 vs "12.0000" are the same weight). */
  engine.registerHelper(
    'differs',
    (left: DecimalValue | undefined, right: DecimalValue | undefined) =>
      left !== undefined && right !== undefined && !new Decimal(left).equals(right),
  );
  engine.registerHelper('join', (items: string[], separator: unknown) =>
    items.join(typeof separator === 'string' ? separator : ', '),
  );
  engine.registerHelper('inc', (index: number) => index + 1);
  /** Art. 8, 11: whatever the checkpoints' shares leave is scored at the year-end verification. */
  engine.registerHelper('yearEndShare', (checkpoints: { share: DecimalValue }[]) =>
    formatPercent(
      checkpoints.reduce((rest, checkpoint) => rest.minus(checkpoint.share), new Decimal(1)).toString(),
    ),
  );
  /** Free text typed by people (opinions, comments): escaped, line breaks kept. HTML templates only. */
  engine.registerHelper('lines', (...args: unknown[]) => {
    lastIsOptions(args);
    const value = typeof args[0] === 'string' ? args[0] : '';
    return new engine.SafeString(engine.escapeExpression(value).replace(/\r?\n/g, '<br>\n'));
  });
}

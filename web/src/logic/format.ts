// Dates and numbers as the federation writes them: 2026年3月31日 in Chinese, ISO-like in English. The
// rules are the ones the notices and exports use (format/), so a screen, an email and the Word notice
// print the same Beijing day and the same rounded score.
import { formatScreenDate } from '../../../format/beijingDate';
import { formatArticles } from '../../../format/articles';
import { formatPoints as formatScore } from '../../../format/numbers';

export function formatDate(iso: string | null | undefined, locale: string, withTime = false): string {
  if (!iso) return '—';
  try {
    return formatScreenDate(iso, locale, withTime);
  } catch {
    return '—';
  }
}

/** Decimal strings from the API (Prisma Decimal) shown with two decimals, rounded half away from zero. */
export function formatPoints(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  try {
    return formatScore(value);
  } catch {
    return String(value);
  }
}

/** "Art. 12" / 12 / "第十二条" → the label the locale uses. */
export function formatArticle(article: string | number | null | undefined, locale: string): string {
  if (article === null || article === undefined || article === '') return '';
  const text = String(article);
  const numbers = (text.match(/\d+/g) ?? []).map(Number);
  if (numbers.length === 0 || numbers.some((number) => number < 1 || number > 99)) return text;
  return locale === 'en' ? `Art. ${numbers.join(', ')}` : formatArticles(numbers, 'zh-CN');
}

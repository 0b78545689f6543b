// Dates and numbers as the federation writes them: 2026年3月31日 in Chinese, ISO-like in English.

export function formatDate(iso: string | null | undefined, locale: string, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = withTime ? ` ${pad(date.getHours())}:${pad(date.getMinutes())}` : '';
  if (locale === 'en')
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}${time}`;
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日${time}`;
}

/** Decimal strings from the API (Prisma Decimal) shown with two decimals, rounded half away from zero. */
export function formatPoints(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  const rounded = (Math.sign(number) * Math.round(Math.abs(number) * 100 + 1e-9)) / 100;
  return rounded.toFixed(2);
}

/** "Art. 12" / 12 / "第十二条" → the label the locale uses. */
export function formatArticle(article: string | number | null | undefined, locale: string): string {
  if (article === null || article === undefined || article === '') return '';
  const text = String(article);
  const numbers = text.match(/\d+/g);
  if (!numbers) return text;
  return locale === 'en'
    ? `Art. ${numbers.join(', ')}`
    : numbers.map((number) => `第${chineseNumber(Number(number))}条`).join('、');
}

export function chineseNumber(value: number): string {
  const digits = '零一二三四五六七八九';
  if (value < 10) return digits[value];
  if (value < 20) return '十' + (value % 10 ? digits[value % 10] : '');
  if (value < 100) return digits[Math.floor(value / 10)] + '十' + (value % 10 ? digits[value % 10] : '');
  return String(value);
}

// Dates on notices are Beijing time (UTC+8, no daylight saving): the federation and every unit it
// assesses are in Dalian, so a deadline stored as an instant must print as the local calendar day.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function beijingCalendarDay(instant: string | Date): { year: number; month: number; day: number } {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(instant)}`);
  const shifted = new Date(ms + BEIJING_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 成文日期 style of Chinese official documents: 2026年11月24日 (no leading zeros). */
export function formatChineseDate(instant: string | Date): string {
  const { year, month, day } = beijingCalendarDay(instant);
  return `${year}年${month}月${day}日`;
}

/** The English variant: 24 November 2026. */
export function formatEnglishDate(instant: string | Date): string {
  const { year, month, day } = beijingCalendarDay(instant);
  return `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}

export function formatNoticeDate(instant: string | Date, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? formatEnglishDate(instant) : formatChineseDate(instant);
}

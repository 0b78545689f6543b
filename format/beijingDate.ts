// Dates as the federation writes them, in Beijing time: the federation and every unit it assesses are in
// Dalian, so an instant stored in UTC prints as the local calendar day whatever the time zone of the
// server or the browser. One module for the web app, the notices and the Word/Excel exports, so a
// deadline reads the same day everywhere. The time zone's rules come from the ICU data of the runtime
// (Intl), not from a fixed offset of our own.
export const FEDERATION_TIME_ZONE = 'Asia/Shanghai';

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

const beijingParts = new Intl.DateTimeFormat('en-US', {
  timeZone: FEDERATION_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface BeijingDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The calendar day and wall-clock time in Beijing of an instant; a RangeError for what is not a date. */
export function beijingDateTime(instant: string | Date): BeijingDateTime {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(instant)}`);
  const parts = Object.fromEntries(
    beijingParts.formatToParts(ms).map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** 成文日期 style of Chinese official documents: 2026年11月24日 (no leading zeros). */
export function formatChineseDate(instant: string | Date): string {
  const { year, month, day } = beijingDateTime(instant);
  return `${year}年${month}月${day}日`;
}

/** The English variant on notices: 24 November 2026. */
export function formatEnglishDate(instant: string | Date): string {
  const { year, month, day } = beijingDateTime(instant);
  return `${day} ${ENGLISH_MONTHS[month - 1]} ${year}`;
}

export function formatNoticeDate(instant: string | Date, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? formatEnglishDate(instant) : formatChineseDate(instant);
}

/** Screens: 2026年3月31日 (14:05) in Chinese, 2026-03-31 (14:05) in English. */
export function formatScreenDate(instant: string | Date, locale: string, withTime = false): string {
  const { year, month, day, hour, minute } = beijingDateTime(instant);
  const pad = (value: number) => String(value).padStart(2, '0');
  const time = withTime ? ` ${pad(hour)}:${pad(minute)}` : '';
  return locale === 'en' ? `${year}-${pad(month)}-${pad(day)}${time}` : `${year}年${month}月${day}日${time}`;
}

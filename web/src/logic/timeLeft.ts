// Time left until a deadline (or past it) in the words of the to-do (issue 14): days and hours when a
// day or more, hours and minutes under a day, minutes under an hour.
import type { MessageKey } from '../i18n/messages';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function timeLeftWords(ms: number): { key: MessageKey; params: Record<string, number> } {
  const span = Math.abs(ms);
  if (span >= DAY)
    return {
      key: 'todo.days',
      params: { days: Math.floor(span / DAY), hours: Math.floor((span % DAY) / HOUR) },
    };
  if (span >= HOUR)
    return {
      key: 'todo.hours',
      params: { hours: Math.floor(span / HOUR), minutes: Math.floor((span % HOUR) / MINUTE) },
    };
  return { key: 'todo.minutes', params: { minutes: Math.max(1, Math.floor(span / MINUTE)) } };
}

// The to-do's time left in words (issue 14): days and hours, hours and minutes, minutes.
import { timeLeftWords } from '../../web/src/logic/timeLeft';
import { translate } from '../../web/src/i18n/messages';

const HOUR = 3_600_000;
const words = (ms: number, locale: 'zh-CN' | 'en' = 'zh-CN') => {
  const { key, params } = timeLeftWords(ms);
  return translate(locale, key, params);
};

test('days and hours from a day on, hours and minutes under a day, minutes under an hour', () => {
  expect(words(3 * 24 * HOUR + 5 * HOUR + 59 * 60_000)).toBe('3天5小时');
  expect(words(5 * HOUR + 30 * 60_000)).toBe('5小时30分钟');
  expect(words(42 * 60_000, 'en')).toBe('42 min');
  // Under a minute still says one minute rather than zero.
  expect(words(10_000)).toBe('1分钟');
});

test('overdue spans read the same, as the time past the deadline', () => {
  expect(words(-(2 * 24 * HOUR + HOUR))).toBe('2天1小时');
  expect(translate('zh-CN', 'todo.overdue', { time: words(-(2 * 24 * HOUR)) })).toBe('已逾期2天0小时');
});

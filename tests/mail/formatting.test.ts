// The small formatters every notice relies on: Chinese dates in Beijing time, article numerals, and
// scores rounded half away from zero (SPEC §4).
import { formatChineseDate, formatEnglishDate } from '../../format/beijingDate';
import { chineseNumeral, formatArticle, formatArticles } from '../../format/articles';
import { formatAmount, formatPercent, formatPlainNumber, formatPoints } from '../../format/numbers';

describe('notice dates', () => {
  test('print the Beijing calendar day in Chinese document style, without leading zeros', () => {
    expect(formatChineseDate('2026-11-24T02:00:00Z')).toBe('2026年11月24日');
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日');
    // 16:30 UTC is 00:30 the next day in Dalian.
    expect(formatChineseDate('2026-11-24T16:30:00Z')).toBe('2026年11月25日');
    expect(formatChineseDate('2026-12-31T23:59:59+08:00')).toBe('2026年12月31日');
    expect(formatEnglishDate('2026-11-24T16:30:00Z')).toBe('25 November 2026');
  });

  test('refuse what is not a date', () => {
    expect(() => formatChineseDate('next Tuesday')).toThrow(RangeError);
  });
});

describe('article citations', () => {
  test('use Chinese numerals as the measures do', () => {
    expect([1, 8, 10, 12, 18, 20, 21, 24].map(chineseNumeral)).toEqual([
      '一',
      '八',
      '十',
      '十二',
      '十八',
      '二十',
      '二十一',
      '二十四',
    ]);
    expect(formatArticle(18, 'zh-CN')).toBe('第十八条');
    expect(formatArticle(18, 'en')).toBe('Art. 18');
    expect(formatArticles([8, 12], 'zh-CN')).toBe('第八条、第十二条');
    expect(formatArticles([9, 13, 18], 'en')).toBe('Art. 9, Art. 13 and Art. 18');
  });
});

describe('numbers', () => {
  test('scores have two decimals, halves rounded away from zero', () => {
    expect(formatPoints('86.245')).toBe('86.25');
    expect(formatPoints(34.5)).toBe('34.50');
    expect(formatPoints(-0.005)).toBe('-0.01');
    expect(formatPoints(1.005)).toBe('1.01');
    expect(formatPoints('98.33')).toBe('98.33');
  });

  test('weights, shares and amounts print as people write them', () => {
    expect(formatPlainNumber('12.0000')).toBe('12');
    expect(formatPlainNumber('12.666666')).toBe('12.6667');
    expect(formatPercent(0.2)).toBe('20%');
    expect(formatPercent('0.125')).toBe('12.5%');
    expect(formatAmount(50000)).toBe('50,000.00');
    expect(formatAmount('1234567.5')).toBe('1,234,567.50');
  });
});

// Every UI message exists in Simplified Chinese and English, non-empty, with the same {placeholders}.
import { en, messages, placeholders, translate, zhCN } from '../../web/src/i18n/messages';

describe('i18n dictionary', () => {
  test('both languages have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  test('no message is empty, and placeholders match between languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect([key, zhCN[key].trim().length > 0, en[key].trim().length > 0]).toEqual([key, true, true]);
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(zhCN[key])]);
    }
  });
  test('the Chinese text is Chinese (catches an English string pasted into zh-CN)', () => {
    // Text besides the {placeholders} that has Latin letters but no Chinese character.
    const notChinese = Object.entries(messages['zh-CN']).filter(([, text]) => {
      const words = text.replace(/\{\w+\}/g, '');
      return /[A-Za-z]/.test(words) && !/[\u4e00-\u9fff]/.test(words);
    });
    expect(notChinese.map(([key]) => key)).toEqual(['app.language']);
  });
  test('placeholders are filled; an unknown one stays visible', () => {
    expect(translate('zh-CN', 'ranking.submitted', { category: '城区' })).toBe('已提交 城区 的排序');
    expect(translate('en', 'dashboard.round', { number: 1 })).toBe('Checkpoint round 1 (due {due})');
  });
  test('every validation problem of the new forms has its words in both languages', () => {
    const keys = [
      'incentives.unitRequired',
      'incentives.notGood',
      'incentives.kindRequired',
      'incentives.amountRequired',
      'thirdParty.notNumber',
      'thirdParty.outOfRange',
      'menu.thirdParty',
    ];
    for (const key of keys) {
      expect([key, key in zhCN, key in en]).toEqual([key, true, true]);
    }
  });
});

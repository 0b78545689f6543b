// Notices cite the article of the 2018 measures they act under: 第十八条 in Chinese, "Art. 18" in English.
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numerals for article numbers 1–99: 8 → 八, 12 → 十二, 21 → 二十一. */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99)
    throw new RangeError(`article number out of range: ${value}`);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return tensPart + (ones === 0 ? '' : DIGITS[ones]);
}

export function formatArticle(article: number, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? `Art. ${article}` : `第${chineseNumeral(article)}条`;
}

/** 第八条、第十二条 / Art. 8 and Art. 12. */
export function formatArticles(articles: readonly number[], locale: 'zh-CN' | 'en'): string {
  const parts = articles.map((article) => formatArticle(article, locale));
  if (locale === 'zh-CN') return parts.join('、');
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

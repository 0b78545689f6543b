// The messages of the input guard (api/inputGuard.ts), in Simplified Chinese by default and in English for a
// user whose locale, or whose browser's Accept-Language, is English. Only the guard's own refusals live
// here: they are raised before any route runs, so they cannot borrow a route's wording.
import type { Request } from 'express';

export type GuardLocale = 'zh-CN' | 'en';

const MESSAGES = {
  NUL: {
    'zh-CN': (field: string) => `${field}：不得包含空字符（U+0000）`,
    en: (field: string) => `${field}: must not contain a NUL character (U+0000)`,
  },
  SURROGATE: {
    'zh-CN': (field: string) => `${field}：包含不成对的代理项，不是有效的 Unicode 文本`,
    en: (field: string) => `${field}: contains an unpaired surrogate, which is not valid Unicode text`,
  },
  TOO_LONG: {
    'zh-CN': (field: string, limit: string) => `${field}：文本过长（最多 ${limit} 个字符）`,
    en: (field: string, limit: string) => `${field}: text too long (at most ${limit} characters)`,
  },
  BAD_URL: {
    'zh-CN': (field: string) => `${field}：URL 编码无效`,
    en: (field: string) => `${field}: invalid URL encoding`,
  },
  CHARSET: {
    'zh-CN': (charset: string) => `请求正文的字符集 ${charset} 不受支持；JSON 请求须使用 UTF-8`,
    en: (charset: string) => `the body's charset ${charset} is not supported; JSON requests must be UTF-8`,
  },
  ENCODING: {
    'zh-CN': (encoding: string) => `Content-Encoding ${encoding} 不受支持；请发送未压缩的正文`,
    en: (encoding: string) => `Content-Encoding ${encoding} is not supported; send the body uncompressed`,
  },
  MULTIPART: {
    'zh-CN': (detail: string) => `multipart 请求无效（${detail}）：请在字段 file 中上传一个文件`,
    en: (detail: string) => `invalid multipart request (${detail}): send one file in the field "file"`,
  },
  FILE_NAME: {
    'zh-CN': () => `file：文件名不得包含控制字符`,
    en: () => `file: the file name must not contain control characters`,
  },
  BAD_JSON: {
    'zh-CN': () => `请求正文不是有效的 JSON`,
    en: () => `the body is not valid JSON`,
  },
} satisfies Record<string, Record<GuardLocale, (...args: string[]) => string>>;

export type GuardRule = keyof typeof MESSAGES;

/** The signed-in user's locale if any, else the browser's first language; Chinese unless it is English. */
export function guardLocale(req: Request): GuardLocale {
  if (req.user?.locale) return req.user.locale === 'en' ? 'en' : 'zh-CN';
  const preferred = req.acceptsLanguages('zh', 'zh-CN', 'en');
  return preferred === 'en' ? 'en' : 'zh-CN';
}

export function guardMessage(req: Request, rule: GuardRule, ...args: string[]): string {
  return (MESSAGES[rule][guardLocale(req)] as (...args: string[]) => string)(...args);
}

// The language of a workbook the API writes: the signed-in user's (English when it is en, else Chinese).
import type { Request } from 'express';
import type { WorkbookLocale } from '../../domain/targets/workbookLayout';

export const workbookLocale = (req: Request): WorkbookLocale => (req.user?.locale === 'en' ? 'en' : 'zh-CN');

/** RFC 6266/5987: an ASCII fallback and the UTF-8 name (Chinese file names survive the download). */
export const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

// The API's global input guard: whatever a client sends, malformed input is refused here with a 400/415
// naming the field and the rule, before a route, a workflow or PostgreSQL sees it. PostgreSQL text cannot
// hold U+0000 and an unpaired UTF-16 surrogate has no UTF-8 form, so either would otherwise fail deep in
// the database (a 500, or an activity retried forever that blocks other users' actions).
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './errors';
import { guardMessage, type GuardRule } from './guardMessages';

/** No accepted field is longer than this (the longest zod limit is 50,000 characters). */
export const MAX_STRING_LENGTH = 50_000;
/** Headers whose values routes store or compare (sessions keep the user agent). */
const DATA_HEADERS = ['user-agent', 'x-csrf-token', 'x-forwarded-for', 'accept-language'];

function refuse(req: Request, rule: GuardRule, field: string, ...args: string[]): HttpError {
  const message = guardMessage(req, rule, field, ...args);
  return new HttpError(400, 'BAD_REQUEST', message, { [field]: message });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first string problem in a parsed value: NUL, unpaired surrogate or excessive length. */
export function stringProblem(value: string): 'NUL' | 'SURROGATE' | 'TOO_LONG' | null {
  if (value.includes('\u0000')) return 'NUL';
  if (LONE_SURROGATE.test(value)) return 'SURROGATE';
  if (value.length > MAX_STRING_LENGTH) return 'TOO_LONG';
  return null;
}

function findProblem(
  value: unknown,
  path: string,
  depth = 0,
): { field: string; rule: 'NUL' | 'SURROGATE' | 'TOO_LONG' } | null {
  if (typeof value === 'string') {
    const rule = stringProblem(value);
    return rule ? { field: path, rule } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const keyRule = stringProblem(key);
    if (keyRule) return { field: path ? `${path}.(key)` : '(key)', rule: keyRule };
    const found = findProblem(child, field, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Before the body parsers: JSON must be UTF-8 and no body may be compressed. (body-parser would inflate
 * gzip; refusing it keeps the 1 MB limit meaningful and the failure modes few.)
 */
export function guardBodyEncoding(req: Request, _res: Response, next: NextFunction) {
  const encoding = (req.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') {
    const message = guardMessage(req, 'ENCODING', encoding.slice(0, 40));
    return next(new HttpError(415, 'UNSUPPORTED_ENCODING', message, { 'content-encoding': message }));
  }
  const contentType = req.get('content-type') ?? '';
  if (/^\s*application\/(.+\+)?json/i.test(contentType)) {
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType)?.[1];
    if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
      const message = guardMessage(req, 'CHARSET', charset.slice(0, 40) || '(empty)');
      return next(new HttpError(415, 'UNSUPPORTED_CHARSET', message, { 'content-type': message }));
    }
  }
  if (/^\s*multipart\//i.test(contentType) && !/;\s*boundary\s*=\s*("[^"]+"|[^;\s]+)/i.test(contentType)) {
    const message = guardMessage(req, 'MULTIPART', 'no boundary');
    return next(new HttpError(400, 'BAD_REQUEST', message, { 'content-type': message }));
  }
  next();
}

/** After the JSON parser: every string of the body, the query, the path and the data headers. */
export function guardStrings(req: Request, _res: Response, next: NextFunction) {
  for (const segment of req.path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return next(refuse(req, 'BAD_URL', 'path'));
    }
    const rule = stringProblem(decoded);
    if (rule) return next(refuse(req, rule, 'path', String(MAX_STRING_LENGTH)));
  }
  for (const [source, value] of [
    ['query', req.query],
    ['body', req.body],
  ] as const) {
    const found = findProblem(value, '');
    if (found) return next(refuse(req, found.rule, found.field || `(${source})`, String(MAX_STRING_LENGTH)));
  }
  for (const header of DATA_HEADERS) {
    const value = req.get(header);
    const rule = value === undefined ? null : stringProblem(value);
    if (rule) return next(refuse(req, rule, header, String(MAX_STRING_LENGTH)));
  }
  next();
}

/** A file name is stored and shown: no NUL or other control characters, well-formed text. */
export function fileNameProblem(req: Request, name: string): HttpError | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name) || LONE_SURROGATE.test(name)) {
    const message = guardMessage(req, 'FILE_NAME');
    return new HttpError(400, 'BAD_REQUEST', message, { file: message });
  }
  return null;
}

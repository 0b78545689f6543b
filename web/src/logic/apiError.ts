// The API's one error shape {error: {code, message, fields?}} (api/errors.ts), turned into what a form
// shows: a message for the page and one message per field, keyed by the form's own field path.

export interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = (body as ApiErrorBody | null)?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(status, error.code ?? 'ERROR', error.message, error.fields ?? {});
  }
  return new ApiError(
    status,
    status === 0 ? 'NETWORK' : 'HTTP_' + status,
    status === 0 ? 'network error' : `HTTP ${status}`,
  );
}

/** "checkpoints.0.share" or "checkpoints[0].share" → ['checkpoints', 0, 'share'] (antd's NamePath). */
export function fieldPath(path: string): (string | number)[] {
  return path
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The API's field errors as antd Form field entries, limited to fields the form has; errors on other
 * fields stay in the page-level message so none is silently dropped. `translate` gives each message in
 * the user's language (logic/errorText.ts: fieldTranslator); without it the server's text is kept.
 */
export function formFieldErrors(
  error: ApiError,
  knownFields: readonly string[],
  translate: (path: string, message: string) => string = (_path, message) => message,
): { fields: { name: (string | number)[]; errors: string[] }[]; unplaced: Record<string, string> } {
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const unplaced: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const name = fieldPath(path);
    if (knownFields.includes(String(name[0]))) fields.push({ name, errors: [translate(path, message)] });
    else unplaced[path] = message;
  }
  return { fields, unplaced };
}

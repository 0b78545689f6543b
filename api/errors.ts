// One error shape for every client: {error: {code, message, fields?}}; no stack traces leave the server.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { RefusalReason } from '../workflows/contract';
import type { ErrorCode } from './errorCodes';

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new HttpError(400, 'BAD_REQUEST', message, fields);
export const forbidden = (message = 'not allowed') => new HttpError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: ErrorCode, message: string) => new HttpError(409, code, message);

/**
 * A workflow refusal in the API's vocabulary (api/errorCodes.ts): an input rule is BAD_REQUEST whether
 * the API's schema or the workflow (Art. 12, 13) found it; any denial is FORBIDDEN.
 */
const REFUSAL_CODE: Record<RefusalReason, { status: number; code: ErrorCode }> = {
  [RefusalReason.WRONG_STAGE]: { status: 409, code: 'WRONG_STAGE' },
  [RefusalReason.CLOSED]: { status: 409, code: 'CLOSED' },
  [RefusalReason.ALREADY_VOTED]: { status: 409, code: 'ALREADY_VOTED' },
  [RefusalReason.CONDITIONS_NOT_MET]: { status: 409, code: 'CONDITIONS_NOT_MET' },
  [RefusalReason.NOT_YOUR_UNIT]: { status: 403, code: 'FORBIDDEN' },
  [RefusalReason.NOT_ALLOWED]: { status: 403, code: 'FORBIDDEN' },
  [RefusalReason.RANKING_INCOMPLETE]: { status: 400, code: 'BAD_REQUEST' },
  [RefusalReason.INVALID]: { status: 400, code: 'BAD_REQUEST' },
  [RefusalReason.NOT_FOUND]: { status: 404, code: 'NOT_FOUND' },
};

export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '(body)'] = issue.message;
  return fields;
}

/** A workflow update refused by its validator arrives as WorkflowUpdateFailedError with the typed cause. */
export function fromWorkflowRefusal(error: unknown): HttpError | null {
  const cause = (error as { cause?: { type?: string; message?: string; name?: string } })?.cause;
  if ((error as Error)?.name === 'WorkflowUpdateFailedError' && cause?.type && cause.type in REFUSAL_CODE) {
    const { status, code } = REFUSAL_CODE[cause.type as RefusalReason];
    return new HttpError(status, code, cause.message ?? cause.type);
  }
  if ((error as Error)?.name === 'WorkflowNotFoundError') {
    return new HttpError(
      409,
      'WRONG_STAGE',
      'this cycle is not running (not published yet, or already closed)',
    );
  }
  return null;
}

export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  let http: HttpError;
  if (error instanceof HttpError || (error as Error)?.name === 'HttpError') http = error as HttpError;
  else if (error instanceof ZodError || (error as Error)?.name === 'ZodError') {
    const fields = zodFields(error as ZodError);
    http = badRequest(
      `invalid input: ${Object.entries(fields)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ')}`,
      fields,
    );
  } else if (
    (error as { type?: string })?.type === 'entity.too.large' ||
    (error as { code?: string })?.code === 'LIMIT_FILE_SIZE'
  ) {
    http = new HttpError(413, 'TOO_LARGE', 'the request or file is too large');
  } else if ((error as { type?: string })?.type === 'entity.parse.failed') {
    http = badRequest('the body is not valid JSON');
  } else {
    http = fromWorkflowRefusal(error) ?? new HttpError(500, 'INTERNAL', 'internal error');
    if (http.status === 500) console.error(`[api] ${req.method} ${req.originalUrl}:`, error);
  }
  res.status(http.status).json({
    error: { code: http.code, message: http.message, ...(http.fields ? { fields: http.fields } : {}) },
  });
};

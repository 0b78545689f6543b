// One error shape for every client: {error: {code, message, fields?}}; no stack traces leave the server.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { RefusalReason } from '../workflows/contract';
import { Refusal } from '../facts/refusal';
import { CycleAlreadyRunningError } from '../client/cycleClient';

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
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
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

const REFUSAL_STATUS: Record<RefusalReason, number> = {
  [RefusalReason.WRONG_STAGE]: 409,
  [RefusalReason.CLOSED]: 409,
  [RefusalReason.ALREADY_VOTED]: 409,
  [RefusalReason.CONDITIONS_NOT_MET]: 409,
  [RefusalReason.NOT_YOUR_UNIT]: 403,
  [RefusalReason.NOT_ALLOWED]: 403,
  [RefusalReason.RANKING_INCOMPLETE]: 400,
  [RefusalReason.INVALID]: 400,
  [RefusalReason.NOT_FOUND]: 404,
};

/** How long a client should wait before retrying when the engine or the database is saturated. */
export const RETRY_AFTER_SECONDS = 2;

/** The engine or the database is momentarily saturated (never the client's fault): 503 + Retry-After. */
export function fromSaturation(error: unknown): HttpError | null {
  const seen = new Set<unknown>();
  for (let current: unknown = error; current && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const { name, code, message } = current as { name?: string; code?: unknown; message?: string };
    // Temporal: RESOURCE_EXHAUSTED (8), UNAVAILABLE (14), DEADLINE_EXCEEDED (4); an update that timed out
    // or was aborted; a workflow task failing meanwhile.
    const grpc = typeof code === 'number' && [4, 8, 14].includes(code);
    const temporal =
      name === 'WorkflowUpdateRPCTimeoutOrCancelledError' ||
      (name === 'ServiceError' && grpc) ||
      /RESOURCE_EXHAUSTED|UNAVAILABLE|update was aborted|Workflow Task in failed state/i.test(message ?? '');
    // Prisma: no pooled connection in time (P2024), a transaction not started in time (P2028), a
    // write conflict or deadlock (P2034).
    const database = typeof code === 'string' && ['P2024', 'P2028', 'P2034'].includes(code);
    if (temporal || database) {
      return new HttpError(503, 'BUSY', 'the system is busy; your request was not saved, try again in a moment');
    }
  }
  return null;
}

export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '(body)'] = issue.message;
  return fields;
}

/** A workflow update refused by its validator arrives as WorkflowUpdateFailedError with the typed cause. */
export function fromWorkflowRefusal(error: unknown): HttpError | null {
  if (error instanceof Refusal || (error as Error)?.name === 'Refusal') {
    const refusal = error as Refusal;
    return new HttpError(REFUSAL_STATUS[refusal.reason], refusal.reason, refusal.message);
  }
  if (error instanceof CycleAlreadyRunningError) return new HttpError(409, 'ALREADY_PUBLISHED', error.message);
  const cause = (error as { cause?: { type?: string; message?: string; name?: string } })?.cause;
  if ((error as Error)?.name === 'WorkflowUpdateFailedError' && cause?.type && cause.type in REFUSAL_STATUS) {
    return new HttpError(
      REFUSAL_STATUS[cause.type as RefusalReason],
      cause.type,
      cause.message ?? cause.type,
    );
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
    http = fromWorkflowRefusal(error) ?? fromSaturation(error) ?? new HttpError(500, 'INTERNAL', 'internal error');
    if (http.status >= 500) console.error(`[api] ${req.method} ${req.originalUrl}:`, error);
  }
  if (http.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(http.status).json({
    error: { code: http.code, message: http.message, ...(http.fields ? { fields: http.fields } : {}) },
  });
};

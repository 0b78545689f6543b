// One error shape for every client: {error: {code, message, fields?}}; no stack traces leave the server.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { RefusalReason } from '../workflows/contract';
import { Refusal } from '../facts/refusal';
import { CycleAlreadyRunningError } from '../client/cycleClient';
import { EngineStartingError } from '../client/engineGate';
import type { ErrorCode } from './errorCodes';

export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ErrorCode,
    message: string,
    public readonly fields?: Record<string, string>,
    /** For a 503: seconds for the Retry-After header (RETRY_AFTER_SECONDS when unset). */
    public readonly retryAfterSeconds?: number,
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

/** How long a client should wait before retrying when the engine or the database is saturated. */
export const RETRY_AFTER_SECONDS = 2;

/** The engine or the database is momentarily saturated (never the client's fault): 503 + Retry-After. */
export function fromSaturation(error: unknown): HttpError | null {
  const seen = new Set<unknown>();
  for (
    let current: unknown = error;
    current && !seen.has(current);
    current = (current as { cause?: unknown }).cause
  ) {
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
      return new HttpError(
        503,
        'ENGINE_BUSY',
        'the system is busy; your request was not saved, try again in a moment',
      );
    }
  }
  return null;
}

/** The engine is still starting (issue 14): 503 ENGINE_STARTING with the gate's Retry-After, never a 500. */
export function fromEngineStarting(error: unknown): HttpError | null {
  if (!(error instanceof EngineStartingError) && (error as Error)?.name !== 'EngineStartingError')
    return null;
  const starting = error as EngineStartingError;
  return new HttpError(503, 'ENGINE_STARTING', starting.message, undefined, starting.retryAfterSeconds);
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
    const { status, code } = REFUSAL_CODE[refusal.reason];
    return new HttpError(status, code, refusal.message);
  }
  if (error instanceof CycleAlreadyRunningError)
    return new HttpError(409, 'ALREADY_PUBLISHED', error.message);
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

/** The columns of a unique constraint a Prisma P2002 names (classic engine or driver adapter). */
function uniqueFields(error: unknown): string[] {
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  const constraint = (
    meta.driverAdapterError as { cause?: { constraint?: { fields?: string[]; index?: string } } } | undefined
  )?.cause?.constraint;
  if (constraint?.fields?.length) return constraint.fields.map((field) => field.replace(/^"|"$/g, ''));
  // Prisma names unique indexes <Model>_<field>_<field>_key; the columns here are camelCase.
  const index = /^[A-Za-z]+_(.+)_key$/.exec(constraint?.index ?? '');
  if (index) return index[1].split('_');
  if (constraint?.index) return [constraint.index];
  return [];
}

/**
 * Database errors a client caused: a unique key taken (typically two parallel requests that both passed
 * the route's own check) is a 409 naming the field; a row gone meanwhile a 404. Anything else stays a 500.
 */
export function fromDatabaseError(error: unknown): HttpError | null {
  const code = (error as { code?: unknown })?.code;
  if (code === 'P2002' || code === '23505') {
    const fields = uniqueFields(error);
    const named = fields.filter((field) => !/^(cycle_?id|cycleId)$/i.test(field));
    const field = (named.length ? named : fields).join(', ') || 'a unique field';
    return new HttpError(409, 'DUPLICATE', `${field}: this value is already taken`, {
      [field]: 'already taken (must be unique)',
    });
  }
  if (code === 'P2025')
    return new HttpError(404, 'NOT_FOUND', 'the record was not found (changed meanwhile)');
  return null;
}

/** body-parser, multer/busboy and the router raise errors with a 4xx status meant for the client. */
function fromClientError(error: unknown): HttpError | null {
  const status =
    (error as { status?: unknown; statusCode?: unknown })?.status ??
    (error as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  const type = String((error as { type?: unknown }).type ?? '');
  if (status === 415)
    return new HttpError(415, 'UNSUPPORTED_MEDIA', `unsupported body: ${type || 'media type'}`);
  if (status === 413) return new HttpError(413, 'TOO_LARGE', 'the request or file is too large');
  return badRequest(`malformed request${type ? ` (${type})` : ''}`);
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
    http =
      fromEngineStarting(error) ??
      fromWorkflowRefusal(error) ??
      fromSaturation(error) ??
      fromDatabaseError(error) ??
      fromClientError(error) ??
      new HttpError(500, 'INTERNAL', 'internal error');
    // A refusal while the engine starts is expected (the web app waits for GET /api/engine): not logged.
    if (http.status >= 500 && http.code !== 'ENGINE_STARTING')
      console.error(`[api] ${req.method} ${req.originalUrl}:`, error);
  }
  if (http.status === 503) res.set('Retry-After', String(http.retryAfterSeconds ?? RETRY_AFTER_SECONDS));
  res.status(http.status).json({
    error: { code: http.code, message: http.message, ...(http.fields ? { fields: http.fields } : {}) },
  });
};

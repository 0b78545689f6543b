// A short way for a route file to register its path in the shared OpenAPI registry with the very zod
// schemas it parses with, plus the error responses every route shares ({error: {code, message, fields?}}).
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Role } from '../../workflows/contract';
import { openApiRegistry } from './registry';
import { ERROR_CODES, ERROR_CODE_NAMES } from '../errorCodes';

export const errorSchema = openApiRegistry.register(
  'Error',
  z.object({
    error: z.object({
      code: z
        .enum(ERROR_CODE_NAMES)
        .describe(
          `machine-readable reason (api/errorCodes.ts, README "Error codes"): ${ERROR_CODE_NAMES.map(
            (code) => `${code} (${ERROR_CODES[code].status}) ${ERROR_CODES[code].meaning}`,
          ).join('; ')}`,
        ),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe('field path → rule it broke'),
    }),
  }),
);

openApiRegistry.registerComponent('securitySchemes', 'session', {
  type: 'apiKey',
  in: 'cookie',
  name: 'kaohe_session',
  description: 'httpOnly SameSite=Strict session cookie set by POST /auth/login',
});
openApiRegistry.registerComponent('securitySchemes', 'csrf', {
  type: 'apiKey',
  in: 'header',
  name: 'x-csrf-token',
  description:
    'the csrfToken returned by POST /auth/login or GET /auth/me; required on POST, PUT, PATCH and DELETE',
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'bad input (fields names each field and the rule it broke)',
  401: 'not signed in, or the session expired',
  403: 'role or object not allowed, or CSRF token missing (audited)',
  404: 'not found',
  409: 'conflict: WRONG_STAGE, CLOSED, DUPLICATE, CONDITIONS_NOT_MET… (the code says which)',
  413: 'file or body too large',
  415: 'file type not accepted',
  429: 'too many attempts',
  503: 'the workflow engine is busy; retry later',
};

export interface RouteDescription {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  /** Path under /api in Express form (`/cycles/:year/evidence`). */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Roles allowed at all ('any' = any signed-in user, 'public' = no session needed). */
  roles: Role[] | 'any' | 'public';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** multipart/form-data body (file uploads). */
  multipart?: z.ZodType;
  response?: { status?: number; description?: string; schema?: z.ZodType; contentType?: string };
  /** Extra error statuses beyond 400/401/403. */
  errors?: number[];
}

export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function describeRoute(route: RouteDescription): void {
  const isPublic = route.roles === 'public';
  const mutating = route.method !== 'get';
  const statuses = new Set([400, ...(isPublic ? [] : [401, 403]), ...(route.errors ?? [])]);
  const responses: RouteConfig['responses'] = {};
  const status = route.response?.status ?? 200;
  responses[String(status)] = {
    description: route.response?.description ?? 'success',
    ...(route.response?.schema
      ? { content: { [route.response.contentType ?? 'application/json']: { schema: route.response.schema } } }
      : {}),
  };
  for (const code of [...statuses].sort()) {
    responses[String(code)] = {
      description: ERROR_DESCRIPTIONS[code] ?? 'error',
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  const who =
    route.roles === 'public'
      ? 'no sign-in needed'
      : route.roles === 'any'
        ? 'any signed-in user'
        : `roles: ${route.roles.join(', ')}`;
  openApiRegistry.registerPath({
    method: route.method,
    path: toOpenApiPath(route.path),
    summary: route.summary,
    description: [route.description, `Access: ${who}.`].filter(Boolean).join('\n\n'),
    tags: route.tags,
    // Machine-readable access rule: the access tests derive their role matrix from it.
    'x-kaohe-roles': route.roles,
    ...(isPublic
      ? { security: [] }
      : { security: mutating ? [{ session: [], csrf: [] }] : [{ session: [] }] }),
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body
        ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
      ...(route.multipart
        ? { body: { required: true, content: { 'multipart/form-data': { schema: route.multipart } } } }
        : {}),
    },
    responses,
  });
}

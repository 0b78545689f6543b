// The OpenAPI document exactly as /api/openapi.json serves it, without a database or an engine: the
// app is built with inert dependencies (building it registers and documents every route; nothing is
// called), for the typed client's generator (scripts/generateApiClient.ts).
import { createApp } from '../app';
import type { ApiDeps } from '../deps';
import { buildOpenApiDocument } from './openApiDocument';

export function servedOpenApiDocument() {
  const inert = new Proxy({}, { get: () => () => Promise.reject(new Error('not for requests')) });
  createApp({
    db: inert as ApiDeps['db'],
    cycles: inert as ApiDeps['cycles'],
    settings: {
      sessionTtlMinutes: 60,
      secureCookies: false,
      evidenceDir: '/nonexistent',
      evidenceMaxBytes: 1,
      publicUrl: 'http://localhost',
      loginAttemptsPer15Min: 1,
    },
    temporalReachable: async () => false,
  });
  return buildOpenApiDocument();
}

// /api/openapi.json (OpenAPI 3.1, generated from the registry every route file fills) and /api/docs
// (Swagger UI from swagger-ui-dist, loading that document).
import path from 'node:path';
import express, { Router } from 'express';
import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { z } from 'zod';
import { openApiRegistry } from './registry';

// The health endpoints live at the root, outside /api, for load balancers and orchestrators.
for (const [path, summary, schema] of [
  ['/healthz', 'The process is up', z.object({ ok: z.literal(true) })],
  [
    '/readyz',
    'The database and Temporal answer (503 when either does not)',
    z.object({ database: z.boolean(), temporal: z.boolean() }),
  ],
] as const) {
  openApiRegistry.registerPath({
    method: 'get',
    path,
    summary,
    tags: ['health'],
    servers: [{ url: '/' }],
    security: [],
    'x-kaohe-roles': 'public',
    responses: {
      200: { description: 'ready', content: { 'application/json': { schema } } },
      ...(path === '/readyz'
        ? { 503: { description: 'not ready', content: { 'application/json': { schema } } } }
        : {}),
    },
  });
}

export function buildOpenApiDocument(): OpenAPIObject {
  return new OpenApiGeneratorV31(openApiRegistry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kaohe (考核) API',
      version: '1.0.0',
      description:
        'Annual work-performance assessment of district trade unions (大工发〔2018〕21号). Sign in with POST /auth/login; ' +
        'send the returned csrfToken as x-csrf-token on every mutating call. Errors: {error: {code, message, fields?}}.',
    },
    servers: [{ url: '/api' }],
  });
}

const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Kaohe API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/kaohe-init.js"></script>
</body>
</html>`;

// A separate script rather than inline code, so the page also works under a strict Content-Security-Policy.
const DOCS_INIT = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  withCredentials: true,
});`;

export function openApiRoutes(): Router {
  const router = Router();
  let document: OpenAPIObject | undefined;
  // Every route registers itself when its file is loaded, so the document is complete once the app is built.
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  // The page refers to its assets by absolute path, so /api/docs and /api/docs/ both work.
  router.get('/docs', (_req, res) => res.type('html').send(DOCS_PAGE));
  router.get('/docs/kaohe-init.js', (_req, res) => res.type('application/javascript').send(DOCS_INIT));
  // swagger-ui-dist's package root holds the static files (getAbsoluteFSPath is the same folder).
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.use('/docs', express.static(swaggerDir, { index: false, maxAge: '1d' }));
  return router;
}

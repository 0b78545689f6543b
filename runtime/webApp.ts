// Serves the built web application (web/dist) beside the API, with client-side routing: any non-API
// path answers index.html. Hashed assets are cached for long; index.html never, so a new build shows.
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

export const WEB_ROOT = path.resolve(__dirname, '..', 'web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');

export function mountWebApp(app: express.Express, dist: string = WEB_DIST): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', (_req, res) =>
      res
        .type('html')
        .send(
          '<!doctype html><meta charset="utf-8"><title>考核</title><p>Kaohe API is running: <a href="/api/docs">/api/docs</a></p>',
        ),
    );
    return;
  }
  app.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.get(/^\/(?!api\/|api$|healthz|readyz).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

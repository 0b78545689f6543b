// Serves the built web application (web/dist) beside the API, with client-side routing.
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

export function mountWebApp(app: express.Express): void {
  const dist = path.resolve(__dirname, '..', 'web', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.get('/', (_req, res) =>
      res.type('html').send('<!doctype html><meta charset="utf-8"><title>考核</title><p>Kaohe API is running: <a href="/api/docs">/api/docs</a></p>'),
    );
    return;
  }
  app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
  app.get(/^\/(?!api\/|healthz|readyz).*/, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
}

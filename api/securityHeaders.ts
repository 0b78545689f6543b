// Security headers as OWASP ASVS L2 (V14.4) expects, set by helmet on every response (API, web app,
// API docs): a Content-Security-Policy that allows only this origin's scripts and forbids framing,
// X-Frame-Options DENY, nosniff, no Referer to other sites, HSTS only on https (on plain http a browser
// ignores it, and the embedded default serves http on localhost). API answers are never cached.
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // antd (CSS-in-JS) and Swagger UI write inline style attributes and <style> elements.
  'style-src': ["'self'", "'unsafe-inline'"],
  // The evidence viewer shows a fetched PDF or image from a blob: URL (web/src/components/EvidenceViewer).
  'img-src': ["'self'", 'data:', 'blob:'],
  'frame-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const headers = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
});

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  headers(req, res, next);
}

/** JSON from the API holds personal and assessment data: no browser or proxy keeps a copy. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

// Sessions live in PostgreSQL; the browser holds only a random token in an httpOnly SameSite cookie.
// Mutating requests also carry the session's CSRF token in a header (double submit).
import { createHash, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Db } from '../../prisma/client';
import type { Actor, Role } from '../../workflows/contract';
import { HttpError } from '../errors';
import { writeAudit } from '../../db/audit';

export const SESSION_COOKIE = 'kaohe_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionUser extends Actor {
  username: string;
  displayName: string;
  locale: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
    sessionId?: string;
    csrfToken?: string;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, ttlMinutes: number, req: Request) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      csrfToken,
      expiresAt,
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
    },
  });
  return { token, csrfToken, expiresAt };
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: expiresAt,
    path: '/',
  });
}

/**
 * The cookie's value, parsed by the `cookie` package: a malformed header or a value that is not valid
 * percent-encoding (e.g. `%E0%A4%A`) yields a token that matches no session, never an exception.
 */
function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[name] || undefined;
}

/** Loads the session if any; routes decide with requireUser/requireRole whether one is needed. */
export function loadSession(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) {
      const session = await db.session.findUnique({
        where: { id: hashToken(token) },
        include: { user: true },
      });
      if (session && session.expiresAt > new Date() && session.user.active) {
        req.sessionId = session.id;
        req.csrfToken = session.csrfToken;
        req.user = {
          userId: session.user.id,
          role: session.user.role as Role,
          unitId: session.user.unitId,
          departmentId: session.user.departmentId,
          username: session.user.username,
          displayName: session.user.displayName,
          locale: session.user.locale,
        };
      }
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Mutating requests of a session carry its CSRF token. Sign-in is exempt: it proves itself with the
 * password, and a browser signing in as someone else must be able to (its old session then ends).
 * Every refusal is audited.
 */
export function requireCsrf(db: Db) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || !req.sessionId || req.path === '/auth/login') return next();
    if (req.get(CSRF_HEADER) === req.csrfToken) return next();
    try {
      await writeAudit(db, {
        actor: req.user ? { userId: req.user.userId, role: req.user.role } : null,
        action: `denied:csrf ${req.method} ${req.baseUrl}${req.path}`.slice(0, 500),
        targetType: 'Route',
        targetId: req.originalUrl.slice(0, 2000),
        outcome: 'DENIED',
        ip: req.ip ?? null,
        after: { message: `missing or wrong ${CSRF_HEADER} header` },
      });
    } catch (error) {
      return next(error);
    }
    next(new HttpError(403, 'CSRF', `missing or wrong ${CSRF_HEADER} header`));
  };
}

// Lists the routes an Express app actually serves, by walking its router stack, so a test can prove the
// OpenAPI document describes every one of them (and nothing is mounted undocumented).
import type { Express, Router } from 'express';
import { isDocumentedRoute } from './defineRoute';

export interface MountedRoute {
  method: string;
  /** Full Express path, e.g. /api/cycles/:year/evidence */
  path: string;
  /** Registered through defineRoute (documented where it is registered), not router.get/post/… */
  viaDefineRoute: boolean;
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

const join = (prefix: string, path: string) =>
  `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function walk(stack: Layer[], prefix: string, into: MountedRoute[]) {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths.filter((candidate): candidate is string => typeof candidate === 'string')) {
        for (const method of Object.keys(layer.route.methods).filter(
          (name) => name !== '_all' && layer.route!.methods[name],
        )) {
          into.push({ method, path: join(prefix, path), viaDefineRoute: isDocumentedRoute(layer.route) });
        }
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
      walk(layer.handle.stack, join(prefix, mount), into);
    }
  }
}

export function mountedRoutes(app: Express | Router): MountedRoute[] {
  const root =
    (app as unknown as { router?: { stack: Layer[] }; stack?: Layer[] }).router?.stack ??
    (app as unknown as { stack: Layer[] }).stack;
  const routes: MountedRoute[] = [];
  walk(root, '', routes);
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

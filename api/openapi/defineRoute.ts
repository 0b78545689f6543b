// One call both registers a route on its Express router and documents it in the OpenAPI registry, with
// the zod schema its handler's JSON body is typed by, so the contract and the code cannot drift: a route
// registered any other way is reported by tests/api/openapi.test.ts (api/openapi/expressRoutes.ts).
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { describeRoute, type RouteDescription } from './describeRoute';

/** The JSON body a handler may send with its success status: the input of the documented schema. */
export type ResponseBody<Schema> = Schema extends z.ZodType ? z.input<Schema> : undefined;

export interface RouteSpec<Schema extends z.ZodType | undefined> extends Omit<RouteDescription, 'response'> {
  response?: { status?: number; description?: string; schema?: Schema; contentType?: string };
}

/** A handler whose `res.json(...)` accepts exactly the documented body (errors are thrown, never sent). */
export type TypedHandler<Schema> = (
  req: Request,
  res: Response<ResponseBody<Schema>>,
  next: NextFunction,
) => unknown;

const mountPaths = new WeakMap<Router, string>();
const documentedRoutes = new WeakSet<object>();
const documentedKeys = new Set<string>();

/** A router whose routes live under `mount` (the path api/routes.ts mounts it at, e.g. /cycles). */
export function apiRouter(mount = ''): Router {
  const router = Router();
  mountPaths.set(router, mount);
  return router;
}

/** Whether an Express route object was registered through defineRoute. */
export function isDocumentedRoute(route: object): boolean {
  return documentedRoutes.has(route);
}

export function defineRoute<Schema extends z.ZodType | undefined = undefined>(
  router: Router,
  spec: RouteSpec<Schema>,
  ...handlers: TypedHandler<Schema>[]
): void {
  const mount = mountPaths.get(router) ?? '';
  if (!spec.path.startsWith(mount))
    throw new Error(`route ${spec.path} is not under its router's mount path ${mount}`);
  // The registry is process-wide while apps are built per test: document each operation once.
  const key = `${spec.method} ${spec.path}`;
  if (!documentedKeys.has(key)) {
    documentedKeys.add(key);
    describeRoute(spec as RouteDescription);
  }
  const route = router.route(spec.path.slice(mount.length) || '/');
  documentedRoutes.add(route);
  route[spec.method](...(handlers as RequestHandler[]));
}

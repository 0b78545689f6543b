// Sign-in, sign-out, who am I, password change; admins create accounts and reset passwords (Art. 22 roles).
// One file each, mounted at /auth by api/routes.ts in this order (the OpenAPI document follows it).
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { loginRoutes } from './login';
import { logoutRoutes } from './logout';
import { meRoutes } from './me';
import { passwordRoutes } from './password';
import { userAdminRoutes } from './users';

export function authRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const routes of [loginRoutes, logoutRoutes, meRoutes, passwordRoutes, userAdminRoutes])
    router.use(routes(deps));
  return router;
}

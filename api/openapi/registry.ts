// The one OpenAPI registry every route file registers its paths in, next to the zod schemas the route
// parses with, so /api/openapi.json is generated from exactly what the API enforces.
import { extendZodWithOpenApi, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const openApiRegistry = new OpenAPIRegistry();

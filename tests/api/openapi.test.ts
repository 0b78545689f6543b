// The OpenAPI 3.1 document is generated from the same zod schemas the routes parse with, and it
// describes every route the app mounts (walked from Express's router stack), so clients and the
// browsable docs never miss one.
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/testStack';
import { mountedRoutes } from '../../api/openapi/expressRoutes';
import { toOpenApiPath } from '../../api/openapi/describeRoute';
import { responseContract } from '../support/responseContract';

// Served outside the API's own contract: the document itself and the Swagger UI page.
const SELF = new Set(['get /api/openapi.json', 'get /api/docs', 'get /api/docs/kaohe-init.js']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

describe('OpenAPI document', () => {
  let stack: TestStack;
  let document: {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<
      string,
      Record<
        string,
        {
          responses?: Record<string, unknown>;
          parameters?: { in: string; name: string; required?: boolean }[];
          summary?: string;
        }
      >
    >;
    components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  };
  beforeAll(async () => {
    stack = await startTestStack();
    const response = await request(stack.app).get('/api/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  });
  afterAll(async () => {
    await stack?.teardown();
  });

  test('is OpenAPI 3.1 with info, the shared error schema and the session/CSRF security schemes', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info.title).toContain('Kaohe');
    expect(document.components?.schemas).toHaveProperty('Error');
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['csrf', 'session']);
  });

  test('every operation has a summary, responses, and a path parameter for every {name} in its path', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      expect(path.startsWith('/')).toBe(true);
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        if (!operation.summary) problems.push(`${method} ${path}: no summary`);
        if (!operation.responses || Object.keys(operation.responses).length === 0)
          problems.push(`${method} ${path}: no responses`);
        const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
        for (const name of names) {
          const parameter = declared.find((candidate) => candidate.name === name);
          if (!parameter?.required)
            problems.push(`${method} ${path}: path parameter ${name} not declared as required`);
        }
        for (const parameter of declared)
          if (!names.includes(parameter.name))
            problems.push(`${method} ${path}: declares ${parameter.name}, not in the path`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('describes every route the app mounts (and nothing that is not mounted)', () => {
    // Paths are relative to the server /api, except the health endpoints (their own server /).
    const documented = (path: string) =>
      toOpenApiPath(path.startsWith('/api/') ? path.slice('/api'.length) : path);
    const mounted = mountedRoutes(stack.app).filter((route) => !SELF.has(`${route.method} ${route.path}`));
    const missing = mounted
      .filter((route) => !document.paths[documented(route.path)]?.[route.method])
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(missing).toEqual([]);
    const mountedKeys = new Set(mounted.map((route) => `${route.method} ${documented(route.path)}`));
    const ghosts = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method] && !mountedKeys.has(`${method} ${path}`)).map(
        (method) => `${method.toUpperCase()} ${path}`,
      ),
    );
    expect(ghosts).toEqual([]);
  });

  // Issue 12 §4: registering and documenting are one call (api/openapi/defineRoute.ts), so they cannot drift.
  test('every route the app mounts was registered through defineRoute', () => {
    // The health endpoints sit outside /api, in api/app.ts, documented with their own server in openApiDocument.ts.
    const outsideApi = new Set(['get /healthz', 'get /readyz']);
    const undocumented = mountedRoutes(stack.app)
      .filter(
        (route) =>
          !SELF.has(`${route.method} ${route.path}`) && !outsideApi.has(`${route.method} ${route.path}`),
      )
      .filter((route) => !route.viaDefineRoute)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(undocumented).toEqual([]);
  });

  test('every operation documents its success body (a JSON schema, or a file type, or no body for 204)', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(document.paths))
      for (const method of METHODS) {
        const responses = item[method]?.responses as
          Record<string, { content?: Record<string, { schema?: object }> }> | undefined;
        if (!responses) continue;
        const success = Object.entries(responses).filter(([status]) => status.startsWith('2'));
        if (success.length !== 1) problems.push(`${method} ${path}: ${success.length} success statuses`);
        for (const [status, response] of success) {
          if (status === '204') {
            if (response.content) problems.push(`${method} ${path}: 204 with a body`);
            continue;
          }
          const contents = Object.values(response.content ?? {});
          if (contents.length === 0 || contents.some((content) => !content.schema))
            problems.push(`${method} ${path}: ${status} without a body schema`);
        }
      }
    expect(problems).toEqual([]);
  });

  // Issue 12 §4: the contract says the real status and shape, what decides a round, and the codes.
  test('documents the approval routes’ real 201 and body, and what decides a round (Art. 18)', () => {
    const submit = document.paths['/cycles/{year}/approval/submit'].post as unknown as {
      description: string;
      responses: Record<
        string,
        { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }
      >;
    };
    expect(Object.keys(submit.responses)).toContain('201');
    expect(Object.keys(submit.responses)).not.toContain('200');
    expect(submit.responses['201'].content?.['application/json'].schema.properties).toHaveProperty('round');
    expect(submit.description).toContain('leader');
    expect(submit.description).toContain('One member’s rejection alone does not end a round');
  });

  test('the Error schema lists the one vocabulary of codes (api/errorCodes.ts)', () => {
    const error = document.components?.schemas?.Error as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    const codes = error.properties.error.properties.code.enum;
    expect(codes).toEqual(
      expect.arrayContaining([
        'BAD_REQUEST',
        'FORBIDDEN',
        'NOT_FOUND',
        'WRONG_STAGE',
        'CLOSED',
        'DUPLICATE',
        'CONDITIONS_NOT_MET',
      ]),
    );
    expect(codes).not.toContain('INVALID');
    expect(codes).not.toContain('RANKING_INCOMPLETE');
  });

  // The check tests/api/cycleHttp.test.ts runs on every response of the year can fail (no test that cannot).
  test('the response contract check refuses an undocumented status, a wrong body and an unknown route', () => {
    const contract = responseContract();
    const submit = '/api/cycles/2031/approval/submit';
    contract.record(
      'post',
      submit,
      201,
      { round: { number: 1, snapshotHash: null, status: 'OPEN' } },
      'application/json',
    );
    contract.record('post', submit, 200, {}, 'application/json');
    contract.record('post', submit, 201, { round: { number: 'one' } }, 'application/json; charset=utf-8');
    contract.record('get', '/api/nowhere', 200, {}, 'application/json');
    expect(contract.problems()).toEqual([
      'GET /nowhere: no documented operation',
      expect.stringMatching(
        /^POST \/cycles\/\{year\}\/approval\/submit 201: .*\/round\/number must be integer/,
      ),
      'POST /cycles/{year}/approval/submit: answered 200, documented 201, 400, 401, 403, 404, 409',
    ]);
    expect(contract.checked()).toEqual({ responses: 4, withSchema: 2 });
  });

  test('/api/docs serves Swagger UI, which loads /api/openapi.json', async () => {
    const page = await request(stack.app).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('swagger-ui-bundle.js');
    const init = await request(stack.app).get('/api/docs/kaohe-init.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
    const bundle = await request(stack.app).get('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect((await request(stack.app).get('/api/docs/swagger-ui.css')).status).toBe(200);
  });
});

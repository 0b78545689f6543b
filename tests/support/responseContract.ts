// Checks every response a test receives against the OpenAPI document (/api/openapi.json, built from
// the routes' own zod schemas): the status must be documented for the operation, and a JSON body must
// match the documented schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses). The shape is closed: an
// object schema that does not say otherwise (a `.loose()` row says `additionalProperties: {}`) allows no
// property it does not list, and a JSON success body where no schema is documented is a problem too. A
// test records through its sessions (tests/support/testStack.ts) and asserts `problems()` is empty.
import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import { buildOpenApiDocument } from '../../api/openapi/openApiDocument';

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

export interface ResponseContract {
  record(method: string, url: string, status: number, body: unknown, contentType: string | undefined): void;
  /** One line per response that broke the contract (deduplicated). */
  problems(): string[];
  /** How many responses were checked, and how many against a body schema. */
  checked(): { responses: number; withSchema: number };
}

/** A copy of the schema in which every object without its own additionalProperties rule is closed. */
export function closedSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item) => closedSchema(item)) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = closedSchema(value);
  const types = ([] as unknown[]).concat(copy.type ?? []);
  if (types.includes('object') && copy.properties && !('additionalProperties' in copy))
    copy.additionalProperties = false;
  return copy as T;
}

export function responseContract(): ResponseContract {
  // Built on the first response, once the app exists: routes document themselves as they are registered.
  let built: { document: { components?: object }; operations: Operation[] } | undefined;
  const build = () => {
    const document = buildOpenApiDocument() as unknown as {
      paths: Record<string, Record<string, Operation['responses'] | unknown>>;
      components?: object;
    };
    const operations: Operation[] = [];
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { responses?: Operation['responses'] }>,
      )) {
        if (!operation?.responses) continue;
        const pattern = new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
        );
        operations.push({ method, template, pattern, responses: operation.responses });
      }
    }
    // Literal segments first, so /cycles/{year}/status is not taken for /cycles/{year}/{x}.
    operations.sort(
      (a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0),
    );
    return { document, operations };
  };
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  const problems = new Set<string>();
  let responses = 0;
  let withSchema = 0;
  return {
    record(method, url, status, body, contentType) {
      built ??= build();
      const { document, operations } = built;
      responses += 1;
      const path = url
        .replace(/^https?:\/\/[^/]+/, '')
        .split('?')[0]
        .replace(/^\/api(?=\/)/, '');
      const operation = operations.find(
        (candidate) => candidate.method === method.toLowerCase() && candidate.pattern.test(path),
      );
      if (!operation) {
        problems.add(`${method.toUpperCase()} ${path}: no documented operation`);
        return;
      }
      const name = `${method.toUpperCase()} ${operation.template}`;
      const response = operation.responses[String(status)];
      if (!response) {
        problems.add(
          `${name}: answered ${status}, documented ${Object.keys(operation.responses).join(', ')}`,
        );
        return;
      }
      const schema = response.content?.['application/json']?.schema;
      if (!contentType?.includes('application/json')) return;
      if (!schema) {
        if (status < 300) problems.add(`${name} ${status}: a JSON body where none is documented`);
        return;
      }
      const key = `${name} ${status}`;
      let validate = validators.get(key);
      if (!validate) {
        validate = ajv.compile(closedSchema({ ...schema, components: document.components }));
        validators.set(key, validate);
      }
      withSchema += 1;
      if (!validate(body))
        problems.add(
          `${key}: ${(validate.errors ?? [])
            .slice(0, 3)
            .map((error) => `${error.instancePath || '(body)'} ${error.message}`)
            .join('; ')}`,
        );
    },
    problems: () => [...problems].sort(),
    checked: () => ({ responses, withSchema }),
  };
}

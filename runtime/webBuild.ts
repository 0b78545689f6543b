// Builds the web app (web/ → web/dist) when it is missing or older than its sources, so `npm start`
// and the browser test never need a manual `npm run web:build`. The sources' hash is stored in
// web/dist/.source-hash; the same hash means the build is current.
//
// Vite 8 is ESM-only and Jest runs this file as CommonJS, so build() runs in a child Node process
// (a real dynamic import there), which also keeps the bundler's memory out of the server process.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const WEB_ROOT = path.resolve(__dirname, '..', 'web');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
const HASH_FILE = path.join(WEB_DIST, '.source-hash');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json'];

function listFiles(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry)
    .sort()
    .flatMap((name) => listFiles(path.join(entry, name)));
}

/** SHA-256 over every source file's relative path and content. */
export function webSourceHash(root = WEB_ROOT): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((source) => listFiles(path.join(root, source)))) {
    hash.update(path.relative(root, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  return (
    fs.existsSync(path.join(WEB_DIST, 'index.html')) &&
    fs.existsSync(HASH_FILE) &&
    fs.readFileSync(HASH_FILE, 'utf8').trim() === webSourceHash()
  );
}

const BUILD_SCRIPT = `
const { build } = await import('vite');
await build({ configFile: process.argv[1], logLevel: 'warn' });
`;

export interface WebBuildOutcome {
  built: boolean;
  milliseconds: number;
}

/** Runs Vite's build() when web/dist is missing or stale; resolves once web/dist is current. */
export async function ensureWebBuild(
  log: (line: string) => void = () => undefined,
): Promise<WebBuildOutcome> {
  const started = Date.now();
  if (webBuildIsCurrent()) return { built: false, milliseconds: 0 };
  const hash = webSourceHash();
  log('Building the web app (web/ → web/dist) …');
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', BUILD_SCRIPT, path.join(WEB_ROOT, 'vite.config.ts')],
      {
        cwd: path.resolve(WEB_ROOT, '..'),
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NODE_ENV: 'production' },
      },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`web build failed: ${stderr || error.message}`)) : resolve(),
    );
  });
  fs.writeFileSync(HASH_FILE, `${hash}\n`);
  const milliseconds = Date.now() - started;
  log(`Web app built in ${(milliseconds / 1000).toFixed(1)} s`);
  return { built: true, milliseconds };
}

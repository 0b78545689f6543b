// Builds the web app (web/ → web/dist) when it is missing or older than its sources, so `npm start`
// and the browser test never need a manual `npm run web:build`. The sources' hash is stored in
// web/dist/.source-hash by the build itself (vite.config.ts), so `npm run web:build` counts too.
//
// Vite 8 is ESM-only and Jest runs this file as CommonJS, so build() runs in a child Node process
// (a real dynamic import there), which also keeps the bundler's memory out of the server process.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HASH_FILE_NAME, webSourceHash } from '../web/sourceHash';
import { WEB_DIST, WEB_ROOT } from './webApp';

const HASH_FILE = path.join(WEB_DIST, HASH_FILE_NAME);

export function webBuildIsCurrent(): boolean {
  return (
    fs.existsSync(path.join(WEB_DIST, 'index.html')) &&
    fs.existsSync(HASH_FILE) &&
    fs.readFileSync(HASH_FILE, 'utf8').trim() === webSourceHash(WEB_ROOT)
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
  // vite.config.ts wrote the source hash; a build that did not is not current.
  if (!webBuildIsCurrent())
    throw new Error('web build finished but web/dist/.source-hash does not match the sources');
  const milliseconds = Date.now() - started;
  log(`Web app built in ${(milliseconds / 1000).toFixed(1)} s`);
  return { built: true, milliseconds };
}

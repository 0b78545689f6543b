// The web app's source fingerprint: SHA-256 over every source file's path and content. The Vite build
// stores it in dist/.source-hash (vite.config.ts); runtime/webBuild.ts compares it to decide whether
// web/dist is current, so `npm run web:build`, the Docker image and `npm start` agree.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// What the app imports from outside web/ counts too (the stage list, the grades, the formatters it
// shares with the notices): a change there needs a new build. tests/platform/importGraph.test.ts
// checks that this list covers every such import.
export const SOURCE_ENTRIES = [
  'src',
  'index.html',
  'vite.config.ts',
  'sourceHash.ts',
  'tsconfig.json',
  '../domain/cycle/stages.ts',
  '../domain/scoring/scoringOutput.ts',
  '../format',
  '../mail/noticeLabels.ts',
];
export const HASH_FILE_NAME = '.source-hash';

function listFiles(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry)
    .sort()
    .flatMap((name) => listFiles(path.join(entry, name)));
}

export function webSourceHash(webRoot: string): string {
  const hash = createHash('sha256');
  for (const file of SOURCE_ENTRIES.flatMap((entry) => listFiles(path.join(webRoot, entry)))) {
    hash.update(path.relative(webRoot, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

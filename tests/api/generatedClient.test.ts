// The typed client's types are committed (client/generated/kaohe-api.ts) and must be exactly what the
// generator makes of the document the API serves now, so the client cannot drift from the contract.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

test('client/generated/kaohe-api.ts equals a fresh generation from /api/openapi.json (npm run api:client)', () => {
  const committed = fs.readFileSync(path.join(ROOT, 'client/generated/kaohe-api.ts'), 'utf8');
  const fresh = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'scripts/generateApiClient.ts'), '--stdout'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  expect({ status: fresh.status, stderr: fresh.stderr }).toEqual({ status: 0, stderr: '' });
  expect(fresh.stdout.length).toBeGreaterThan(100_000);
  expect(committed === fresh.stdout ? 'up to date' : 'stale: run npm run api:client').toBe('up to date');
});

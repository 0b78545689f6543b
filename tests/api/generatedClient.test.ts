// The typed client's types are committed (client/generated/kaohe-api.ts) and must be exactly what the
// generator makes of the document the API serves now, so the client cannot drift from the contract.
import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_CLIENT_TYPES, generateClientTypes } from '../../scripts/apiClientTypes';

test('client/generated/kaohe-api.ts equals a fresh generation from /api/openapi.json (npm run api:client)', async () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', GENERATED_CLIENT_TYPES), 'utf8');
  const fresh = await generateClientTypes();
  expect(committed === fresh ? 'up to date' : 'stale: run npm run api:client').toBe('up to date');
});

// npm run api:client: regenerates client/generated/kaohe-api.ts from the served OpenAPI document.
// With --stdout it prints the fresh generation instead (tests/api/generatedClient.test.ts compares it
// with the committed file; openapi-typescript is ESM-only inside, so the test runs this in its own process).
import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_CLIENT_TYPES, generateClientTypes } from './apiClientTypes';

void generateClientTypes().then((text) => {
  // Exit once written: a pipe is flushed asynchronously, and the app's pools would keep the process up.
  if (process.argv.includes('--stdout')) process.stdout.write(text, () => process.exit(0));
  else {
    fs.writeFileSync(path.join(__dirname, '..', GENERATED_CLIENT_TYPES), text);
    console.log(`wrote ${GENERATED_CLIENT_TYPES} (${text.length} characters)`);
    process.exit(0);
  }
});

// npm run api:client: regenerates client/generated/kaohe-api.ts from the served OpenAPI document.
import fs from 'node:fs';
import path from 'node:path';
import { GENERATED_CLIENT_TYPES, generateClientTypes } from './apiClientTypes';

void generateClientTypes().then((text) => {
  fs.writeFileSync(path.join(__dirname, '..', GENERATED_CLIENT_TYPES), text);
  console.log(`wrote ${GENERATED_CLIENT_TYPES} (${text.length} characters)`);
  process.exit(0);
});

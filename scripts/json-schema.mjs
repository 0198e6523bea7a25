#!/usr/bin/env node
// Writes docs/ketenkaart-v1.schema.json, the JSON Schema of format v1, from the model's zod
// schemas (shared rule SH-JS1). Run after changing them:  node --import tsx scripts/json-schema.mjs
// (test/json-schema.test.ts fails while the committed file differs from what this writes).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { mapFileJsonSchema } from '../shared/src/index.ts';

const file = fileURLToPath(new URL('../docs/ketenkaart-v1.schema.json', import.meta.url));
const text = await prettier.format(JSON.stringify(mapFileJsonSchema()), {
  ...(await prettier.resolveConfig(file)),
  filepath: file,
});
await writeFile(file, text);
console.log(`json-schema: wrote ${file}`);

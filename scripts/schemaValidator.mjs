// The topology schema's validator, compiled by ajv at build time (ajv standalone) instead of in every
// process: schemas/topology.schema.json stays the only source. validate.ts reads ajv's `verbose`
// errors and matches their `schema` / `parentSchema` by identity with the objects of the schema it
// navigates, so the generated code refers to that same parsed JSON, not to copies of it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const require = createRequire(import.meta.url);
// The same path from server/src/engine/schema/ and from out/server/src/engine/schema/ (tsc copies the JSON).
export const SCHEMA_IMPORT = '../../../../schemas/topology.schema.json';

/** The validator module's JavaScript (CommonJS); the ajv options are the ones validate.ts used to compile with. */
export function validatorSource() {
  const schema = JSON.parse(readFileSync(require.resolve('../schemas/topology.schema.json'), 'utf8'));
  // strict: false lets the schema carry VS Code's keywords (markdownDescription, defaultSnippets,
  // patternErrorMessage, ...) and our x- annotations.
  const options = { allErrors: true, verbose: true, strict: false, allowUnionTypes: true, code: { source: true } };
  const ajv = new Ajv(options);
  const source = standaloneCode(ajv, ajv.compile(schema));
  // Every object of the schema by its JSON text, as the path to it from the root.
  const paths = new Map();
  const walk = (value, path) => {
    if (value === null || typeof value !== 'object') return;
    const text = JSON.stringify(value);
    if (!paths.has(text)) paths.set(text, path);
    for (const key of Object.keys(value)) walk(value[key], `${path}[${JSON.stringify(key)}]`);
  };
  walk(schema, 'topologySchema');
  let out = '';
  let from = 0;
  for (const match of source.matchAll(/const (schema\d+) = /g)) {
    const start = match.index + match[0].length;
    if (start < from) continue;
    let found;
    for (const [text, path] of paths) {
      if (source.startsWith(`${text};`, start) && (!found || text.length > found.text.length)) found = { text, path };
    }
    if (!found) throw new Error(`schemaValidator: ${match[1]} is not a part of the topology schema`);
    out += `${source.slice(from, start)}${found.path}`;
    from = start + found.text.length;
  }
  out += source.slice(from);
  return `"use strict";const topologySchema = require(${JSON.stringify(SCHEMA_IMPORT)});\n${out.replace(/^"use strict";/, '')}`;
}

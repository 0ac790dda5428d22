// The topology JSON Schema document (schemas/topology.schema.json) and its `$ref`s. Validation
// and schema navigation both read it through here, so a `$ref` means the same to both.

import topologySchemaJson from '../../../../schemas/topology.schema.json';
import { isPlainObject } from '../yaml/parse';

/** A JSON Schema object as this schema writes it; unknown keywords stay reachable by index. */
export interface TopologySchema {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  pattern?: string;
  required?: string[];
  properties?: Record<string, TopologySchema>;
  patternProperties?: Record<string, TopologySchema>;
  additionalProperties?: TopologySchema | boolean;
  propertyNames?: TopologySchema;
  items?: TopologySchema | TopologySchema[];
  allOf?: TopologySchema[];
  anyOf?: TopologySchema[];
  oneOf?: TopologySchema[];
  if?: TopologySchema;
  then?: TopologySchema;
  else?: TopologySchema;
  definitions?: Record<string, TopologySchema>;
  defaultSnippets?: { label?: string; description?: string; body?: unknown; bodyText?: string }[];
  [keyword: string]: unknown;
}

const ROOT = topologySchemaJson as unknown as TopologySchema;

/** The topology JSON Schema (the parsed `schemas/topology.schema.json`); do not modify it. */
export function getTopologySchema(): TopologySchema {
  return ROOT;
}

/** The schema a `$ref` (`#/definitions/...`) points to, one hop. */
export function resolveRef(ref: string): TopologySchema | undefined {
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  const pointer = ref.slice(hash + 1);
  let current: unknown = ROOT;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return isPlainObject(current) ? (current as TopologySchema) : undefined;
}

/** Follows `$ref` (also chains of them) to the schema that holds the keywords. */
export function resolveSchema(schema: TopologySchema | undefined): TopologySchema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops++)
    current = resolveRef(current.$ref);
  return current;
}

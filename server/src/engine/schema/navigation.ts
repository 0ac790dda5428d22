// The schema by document path: what completion, hover and snippets ask of the schema for the
// value under the cursor.

import { isPlainObject, type PathSegment } from '../yaml/parse';
import { getTopologySchema, resolveSchema, type TopologySchema } from './topologySchema';

/**
 * The schema and the schemas that add to it for any value: allOf, then/else, and the anyOf/oneOf
 * branches, `$ref`s resolved, each once.
 */
export function schemaVariants(schema: TopologySchema | undefined): TopologySchema[] {
  const out: TopologySchema[] = [];
  const visit = (candidate: TopologySchema | undefined, depth: number): void => {
    const resolved = resolveSchema(candidate);
    if (!resolved || out.includes(resolved) || depth > 8) return;
    out.push(resolved);
    for (const sub of resolved.allOf ?? []) visit(sub, depth + 1);
    if (isPlainObject(resolved.then)) visit(resolved.then, depth + 1);
    if (isPlainObject(resolved.else)) visit(resolved.else, depth + 1);
    for (const sub of resolved.anyOf ?? []) visit(sub, depth + 1);
    for (const sub of resolved.oneOf ?? []) visit(sub, depth + 1);
  };
  visit(schema, 0);
  return out;
}

function childSchema(schema: TopologySchema, segment: PathSegment): TopologySchema | undefined {
  const candidates = schemaVariants(schema);
  if (typeof segment === 'number' || /^\d+$/.test(segment)) {
    const index = Number(segment);
    for (const candidate of candidates) {
      const items = candidate.items;
      if (Array.isArray(items)) {
        if (items[index]) return resolveSchema(items[index]);
      } else if (isPlainObject(items)) {
        return resolveSchema(items);
      }
    }
    if (typeof segment === 'number') return undefined;
  }
  const key = String(segment);
  for (const candidate of candidates) {
    const property = candidate.properties?.[key];
    if (isPlainObject(property) && !isOnlyExclusion(property)) return resolveSchema(property);
  }
  for (const candidate of candidates) {
    for (const [pattern, sub] of Object.entries(candidate.patternProperties ?? {})) {
      if (safeTest(pattern, key) && isPlainObject(sub)) return resolveSchema(sub);
    }
  }
  for (const candidate of candidates) {
    if (isPlainObject(candidate.additionalProperties))
      return resolveSchema(candidate.additionalProperties as TopologySchema);
  }
  return undefined;
}

/** `{ not: {} }`-style entries only forbid a key; they describe nothing. */
function isOnlyExclusion(schema: TopologySchema): boolean {
  return 'not' in schema && !('type' in schema) && !('$ref' in schema) && !('description' in schema);
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}

/**
 * The sub-schema that describes the value at a document path (keys and list indexes), with
 * `$ref`s resolved; undefined where the schema says nothing (unknown keys, open sections).
 */
export function schemaAtPath(path: readonly PathSegment[]): TopologySchema | undefined {
  try {
    let current = resolveSchema(getTopologySchema());
    for (const segment of path) {
      if (!current) return undefined;
      current = childSchema(current, segment);
    }
    return current;
  } catch {
    return undefined;
  }
}

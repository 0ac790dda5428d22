// How a schema finding reads: the words for a value, a type, a path, a limit, in the language
// of a Lync / Skype administrator rather than JSON Schema's.

import type { ErrorObject } from 'ajv';
import type { PathSegment } from '../yaml/parse';
import { schemaVariants } from './navigation';
import { resolveSchema, type TopologySchema } from './topologySchema';
import type { MessageValue, TextRef } from '../messageFormat';
import { part, type SchemaTextId } from './texts';

/** How to refer to the value at a path: its key, or `key` item N for list entries. */
export function labelOf(path: readonly PathSegment[]): string | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'string') return last;
  const parent = labelOf(path.slice(0, -1));
  return parent ? `${parent}[${last}]` : `item ${last + 1}`;
}

export function stringAnnotation(schema: TopologySchema, keyword: string): string | undefined {
  const value = schema[keyword];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A hint for a value of the wrong type: how the value is written (its pattern or its choices). */
export function inheritedHint(schema: TopologySchema): MessageValue | undefined {
  for (const variant of schemaVariants(schema)) {
    const hint = stringAnnotation(variant, 'patternErrorMessage');
    if (hint) return hint;
    if (Array.isArray(variant.enum))
      return part('schema/part/useOneOf', { values: uniqueIgnoringCase(variant.enum).join(', ') });
  }
  return undefined;
}

const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

export function typeWord(type: string): MessageValue {
  return TYPES.includes(type) ? part(`schema/type/${type}` as SchemaTextId) : type;
}

export function mentionsType(noun: string): boolean {
  return /\b(list|mapping|text|number|true or false)\b/.test(noun);
}

export function describeValue(value: unknown): TextRef {
  if (value === null || value === undefined) return part('schema/value/empty');
  if (typeof value === 'string')
    return value === '' ? part('schema/value/emptyText') : part('schema/value/text', { text: clip(value) });
  if (typeof value === 'number') return part('schema/value/number', { number: value });
  if (typeof value === 'boolean') return part('schema/value/boolean', { value: String(value) });
  if (Array.isArray(value)) return part('schema/value/list');
  return part('schema/value/mapping');
}

export function allowedValues(error: ErrorObject): string[] {
  const params = error.params as Record<string, unknown>;
  const raw = Array.isArray(params.allowedValues)
    ? params.allowedValues
    : 'allowedValue' in params
      ? [params.allowedValue]
      : [];
  return uniqueIgnoringCase(raw);
}

/** Case variants (TCP/tcp) are listed once, as first written. */
function uniqueIgnoringCase(raw: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of raw) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}

export function exampleOf(schema: TopologySchema | undefined): string | undefined {
  const resolved = schema ? resolveSchema(schema) : undefined;
  const example = resolved?.examples?.[0];
  return typeof example === 'string' || typeof example === 'number' ? String(example) : undefined;
}

export function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const match = /^.*?[.:](\s|$)/.exec(text);
  return (match ? match[0] : text).trim().replace(/:$/, '.');
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function stripArticle(noun: string): string {
  return noun.replace(/^(a|an|the)\s+/i, '');
}

export function clip(text: string, max = 60): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

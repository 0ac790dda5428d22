// Validates a topology against schemas/topology.schema.json and turns ajv's errors into
// `schema` diagnostics on the exact YAML node, in words a Lync / Skype administrator reads.
//
// The schema carries a few annotations ajv ignores and this module reads (through ajv's
// `verbose` option, which gives each error its parent schema):
//   x-noun               what a value is ("a server", "a list of CIDR subnets")
//   x-keyNoun, x-where   how to word an unknown key of that mapping
//   x-at: "key"          put the finding on the key rather than on the value
//   errorMessage         the message for composite checks (anyOf, not, minItems, ...)
//   patternErrorMessage  the message for a value that does not match `pattern`
// `errorMessage` and `patternErrorMessage` are also what VS Code's JSON/YAML services read.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import topologySchemaJson from '../../../../schemas/topology.schema.json';
import {
  isPlainObject,
  keyNodeAt,
  keyRangeAtPath,
  nodeAt,
  rangeOfNode,
  rangeOfOffsets,
  type ParsedTopology,
  type PathSegment,
} from '../yaml/parse';
import { didYouMean } from '../yaml/suggest';
import type { Diagnostic, SourceRange } from '../types';
import { isMap, isPair, type Node, type YAMLMap } from 'yaml';

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

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // strict: false lets the schema carry VS Code's keywords (markdownDescription,
    // defaultSnippets, patternErrorMessage, ...) and our x- annotations.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
    compiled = ajv.compile(ROOT);
  }
  return compiled;
}

// ---- the public entry point ----

const TOP_LEVEL_KEYS = 'topology, features, networks, servers, firewalls';

export function validateSchema(parsed: ParsedTopology): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (range: SourceRange, message: string): void => {
    const key = `${range.startOffset}:${range.endOffset}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push({ code: 'schema', severity: 'error', message, range });
  };
  try {
    const value = parsed.value;
    if (value === undefined) return diagnostics;
    if (!isPlainObject(value)) {
      push(topLevelRange(parsed), `A topology file is a mapping with keys ${TOP_LEVEL_KEYS}; this document is ${topLevelKind(value)}.`);
      return diagnostics;
    }
    const validate = validator();
    if (validate(value)) return diagnostics;
    for (const error of relevantErrors(validate.errors ?? [])) {
      try {
        const finding = describeError(parsed, error);
        if (finding) push(finding.range, finding.message);
      } catch {
        // One error we cannot place must not hide the others.
      }
    }
  } catch {
    // Never throw from validation: return what we have.
  }
  return diagnostics.sort((a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset);
}

function topLevelKind(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text '${clip(value)}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the value ${value}`;
  return 'not a mapping';
}

/** The first line of the document's content (or of the file, when it has none). */
function topLevelRange(parsed: ParsedTopology): SourceRange {
  const contents = parsed.doc.contents as Node | null;
  const start = contents?.range && contents.range[1] > contents.range[0] ? contents.range[0] : 0;
  const newline = parsed.text.indexOf('\n', start);
  const end = trimEnd(parsed.text, start, newline < 0 ? parsed.text.length : newline);
  return rangeOfOffsets(parsed, start, end);
}

// ---- choosing the errors worth telling ----

function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  // A value of the wrong type fails its enum and pattern too; the type is the finding.
  const wrongType = new Set(errors.filter((error) => error.keyword === 'type').map((error) => `${error.instancePath}\u0000${error.schemaPath.replace(/\/type$/, '')}`));
  for (const error of errors) {
    if (['enum', 'const', 'pattern'].includes(error.keyword) && !(error as { propertyName?: string }).propertyName) {
      const owner = error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/'));
      if (wrongType.has(`${error.instancePath}\u0000${owner}`)) dropped.add(error);
    }
  }
  for (const error of errors) {
    // `if` only says that `then` failed; the `then` errors themselves are the finding.
    // `propertyNames` repeats the inner error, which names the property.
    if (error.keyword === 'if' || error.keyword === 'propertyNames') dropped.add(error);
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      // Collapse the branches into the one message of the anyOf/oneOf itself.
      const branches = new Set<unknown>();
      for (const branch of Array.isArray(error.schema) ? error.schema : []) collectSubschemas(branch, branches);
      for (const other of errors) {
        if (other === error) continue;
        const inside = other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`);
        if (!inside) continue;
        if (other.schemaPath.startsWith(`${error.schemaPath}/`) || branches.has(other.parentSchema)) dropped.add(other);
      }
    }
  }
  return errors.filter((error) => !dropped.has(error));
}

function collectSubschemas(schema: unknown, into: Set<unknown>, depth = 0): void {
  if (!isPlainObject(schema) || into.has(schema) || depth > 64) return;
  into.add(schema);
  const s = schema as TopologySchema;
  if (typeof s.$ref === 'string') collectSubschemas(resolveRef(s.$ref), into, depth + 1);
  for (const keyword of ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'propertyNames', 'contains', 'additionalItems']) {
    const sub = s[keyword];
    if (Array.isArray(sub)) for (const item of sub) collectSubschemas(item, into, depth + 1);
    else collectSubschemas(sub, into, depth + 1);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[keyword];
    if (Array.isArray(list)) for (const item of list) collectSubschemas(item, into, depth + 1);
  }
  for (const keyword of ['properties', 'patternProperties', 'dependencies', 'definitions']) {
    const map = s[keyword];
    if (isPlainObject(map)) for (const sub of Object.values(map)) collectSubschemas(sub, into, depth + 1);
  }
}

// ---- from an ajv error to a message and a range ----

interface Finding {
  range: SourceRange;
  message: string;
}

function describeError(parsed: ParsedTopology, error: ErrorObject): Finding | undefined {
  const path = pathOf(parsed.value, error.instancePath);
  const schema: TopologySchema = isPlainObject(error.parentSchema) ? (error.parentSchema as TopologySchema) : {};
  const noun = stringAnnotation(schema, 'x-noun');
  const errorMessage = stringAnnotation(schema, 'errorMessage');
  const patternMessage = stringAnnotation(schema, 'patternErrorMessage');
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  const label = labelOf(path);

  // Errors about a property name (propertyNames' inner errors) carry the name itself.
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (typeof propertyName === 'string') {
    const range = keyRangeAtPath(parsed, [...path, propertyName]);
    const what = noun ?? 'a name';
    if (error.keyword === 'enum' || error.keyword === 'const') {
      const allowed = allowedValues(error);
      return { range, message: `'${propertyName}' is not ${what}. Use one of: ${allowed.join(', ')}.${didYouMean(propertyName, allowed)}` };
    }
    if (error.keyword === 'pattern') {
      return { range, message: `'${clip(propertyName)}' is not a valid ${stripArticle(what)}. ${patternMessage ?? 'Use letters, digits, _ and -.'}` };
    }
    return { range, message: `'${clip(propertyName)}' is not a valid ${stripArticle(what)}.${errorMessage ? ` ${errorMessage}` : ''}` };
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const keyNoun = stringAnnotation(schema, 'x-keyNoun') ?? 'key';
      const where = stringAnnotation(schema, 'x-where') ?? (noun ? `in ${noun}` : label ? `in '${label}'` : '');
      const patterns = Object.keys(schema.patternProperties ?? {});
      const extra = patterns.includes('^x-') ? ', or a key starting with x- (for anchors)' : '';
      const expected = known.length > 0 ? ` Expected one of: ${known.join(', ')}${extra}.` : '';
      return {
        range: keyRangeAtPath(parsed, [...path, key]),
        message: `Unknown ${keyNoun} '${clip(key)}'${where ? ` ${where}` : ''}.${expected}${didYouMean(key, known)}`,
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const example = exampleOf(schema.properties?.[missing]);
      const owner = noun ? capitalize(noun) : label ? `'${label}'` : 'This mapping';
      return { range: ownerRange(parsed, path), message: `${owner} needs '${missing}'${example ? `, such as ${example}` : ''}.` };
    }
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      const typeWords = joinOr(unique(types.map(typeWord)));
      const expected = noun ? (mentionsType(noun) ? noun : `${noun} (${typeWords})`) : typeWords;
      const hint = patternMessage ?? errorMessage ?? inheritedHint(schema);
      const subject = noun || !label ? 'Expected' : `'${label}' expects`;
      return { range: valueRange(parsed, path), message: `${subject} ${expected}, found ${describeValue(data)}.${hint ? ` ${hint}` : ''}` };
    }
    case 'enum':
    case 'const': {
      const allowed = allowedValues(error);
      const shown = typeof data === 'string' ? data : JSON.stringify(data) ?? String(data);
      const what = noun ?? (label ? `allowed for '${label}'` : 'allowed here');
      return {
        range: valueRange(parsed, path),
        message: `'${clip(shown)}' is not ${what}. Use one of: ${allowed.join(', ')}.${typeof data === 'string' ? didYouMean(data, allowed) : ''}`,
      };
    }
    case 'pattern': {
      const shown = typeof data === 'string' ? data : String(data);
      const what = noun ?? (label ? `valid for '${label}'` : 'valid here');
      return { range: valueRange(parsed, path), message: `'${clip(shown)}' is not ${what}.${patternMessage ? ` ${patternMessage}` : ''}` };
    }
    case 'anyOf':
    case 'oneOf': {
      if (errorMessage) return { range: atRange(parsed, path, schema), message: errorMessage };
      const what = noun ?? (label ? `'${label}'` : 'this value');
      const many = error.keyword === 'oneOf' && Array.isArray(params.passingSchemas);
      const description = firstSentence(schema.description);
      return {
        range: atRange(parsed, path, schema),
        message: `${capitalize(many ? `${what} fits more than one form` : `${what} is not written in a form that fits`)}.${description ? ` ${description}` : ''}`,
      };
    }
    case 'not':
    case 'false schema': {
      const range = schema['x-at'] === 'key' || error.keyword === 'false schema' ? keyRangeAtPath(parsed, path) : atRange(parsed, path, schema);
      return { range, message: errorMessage ?? `'${label ?? 'This value'}' is not allowed here.` };
    }
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const entries = `${NUMBER_WORDS[limit] ?? limit} ${limit === 1 ? 'entry' : 'entries'}`;
      const bound = error.keyword.startsWith('min') ? 'needs at least' : 'takes at most';
      const found = Array.isArray(data) ? data.length : isPlainObject(data) ? Object.keys(data).length : undefined;
      const has = found === undefined ? '' : ` (it has ${NUMBER_WORDS[found] ?? found})`;
      return {
        range: valueRange(parsed, path),
        message: `${label ? `'${label}'` : 'This value'} ${bound} ${entries}${has}.${errorMessage ? ` ${errorMessage}` : ''}`,
      };
    }
    case 'minLength':
      return {
        range: valueRange(parsed, path),
        message: `${label ? `'${label}'` : 'This value'} must not be empty${noun ? `: give ${noun}` : ''}.${errorMessage ? ` ${errorMessage}` : ''}`,
      };
    case 'uniqueItems': {
      const j = Number(params.j);
      const item = Array.isArray(data) ? data[j] : undefined;
      const shown = typeof item === 'string' ? `'${clip(item)}'` : 'An entry';
      return { range: valueRange(parsed, [...path, j]), message: `${shown} appears twice in '${label ?? 'this list'}'; list it once.` };
    }
    default:
      return {
        range: valueRange(parsed, path),
        message: errorMessage ?? `${label ? `'${label}'` : 'This value'} does not fit the topology format${noun ? `: expected ${noun}` : ''}.`,
      };
  }
}

/** JSON pointer → path segments, numbers where the value at that point is a list. */
function pathOf(value: unknown, pointer: string): PathSegment[] {
  if (!pointer) return [];
  const path: PathSegment[] = [];
  let current: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      path.push(index);
      current = current[index];
    } else {
      path.push(segment);
      current = isPlainObject(current) ? current[segment] : undefined;
    }
  }
  return path;
}

/** How to refer to the value at a path: its key, or `key` item N for list entries. */
function labelOf(path: readonly PathSegment[]): string | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'string') return last;
  const parent = labelOf(path.slice(0, -1));
  return parent ? `${parent}[${last}]` : `item ${last + 1}`;
}

/** The value's span; the key's when the value is empty (`key:` with nothing after it). */
function valueRange(parsed: ParsedTopology, path: readonly PathSegment[]): SourceRange {
  const range = rangeOfNode(parsed, nodeAt(parsed.doc, path));
  if (range && range.endOffset > range.startOffset) {
    const end = trimEnd(parsed.text, range.startOffset, range.endOffset);
    return end === range.endOffset ? range : rangeOfOffsets(parsed, range.startOffset, end);
  }
  return keyRangeAtPath(parsed, path);
}

function atRange(parsed: ParsedTopology, path: readonly PathSegment[], schema: TopologySchema): SourceRange {
  if (schema['x-at'] === 'key') return keyRangeAtPath(parsed, path);
  return ownerRange(parsed, path);
}

/**
 * Where a finding about a whole mapping goes: its key for a named entry (`edge01:`), and for a
 * list entry (a rule) its first line, so the squiggle stays short but inside the entry.
 */
function ownerRange(parsed: ParsedTopology, path: readonly PathSegment[]): SourceRange {
  const last = path[path.length - 1];
  if (path.length > 0 && typeof last === 'string') return keyRangeAtPath(parsed, path);
  const node = path.length === 0 ? (parsed.doc.contents as Node | null) : nodeAt(parsed.doc, path);
  if (node && isMap(node)) {
    const first = (node as YAMLMap).items.find((item) => isPair(item));
    const start = node.range?.[0];
    const firstEnd = (first?.value as Node | null | undefined)?.range?.[1] ?? (first?.key as Node | null | undefined)?.range?.[1];
    if (start !== undefined && firstEnd !== undefined && firstEnd > start) {
      const lineEnd = parsed.text.indexOf('\n', start);
      const end = lineEnd >= 0 && lineEnd < firstEnd ? trimEnd(parsed.text, start, lineEnd) : firstEnd;
      if (end > start) return rangeOfOffsets(parsed, start, end);
    }
  }
  const range = rangeOfNode(parsed, node ?? keyNodeAt(parsed.doc, path));
  if (range && range.endOffset > range.startOffset) return range;
  return keyRangeAtPath(parsed, path);
}

function trimEnd(text: string, start: number, end: number): number {
  let k = end;
  while (k > start && /\s/.test(text[k - 1])) k--;
  return k;
}

// ---- wording ----

function stringAnnotation(schema: TopologySchema, keyword: string): string | undefined {
  const value = schema[keyword];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const NUMBER_WORDS: Record<number, string> = { 0: 'none', 1: 'one', 2: 'two', 3: 'three' };

/** A hint for a value of the wrong type: how the value is written (its pattern or its choices). */
function inheritedHint(schema: TopologySchema): string | undefined {
  for (const variant of variants(schema)) {
    const hint = stringAnnotation(variant, 'patternErrorMessage');
    if (hint) return hint;
    if (Array.isArray(variant.enum)) return `Use one of: ${uniqueIgnoringCase(variant.enum).join(', ')}.`;
  }
  return undefined;
}

function typeWord(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'nothing';
    default:
      return type;
  }
}

function mentionsType(noun: string): boolean {
  return /\b(list|mapping|text|number|true or false)\b/.test(noun);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return value === '' ? 'empty text' : `the text '${clip(value)}'`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the value ${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function allowedValues(error: ErrorObject): string[] {
  const params = error.params as Record<string, unknown>;
  const raw = Array.isArray(params.allowedValues) ? params.allowedValues : 'allowedValue' in params ? [params.allowedValue] : [];
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

function exampleOf(schema: TopologySchema | undefined): string | undefined {
  const resolved = schema ? resolveSchema(schema) : undefined;
  const example = resolved?.examples?.[0];
  return typeof example === 'string' || typeof example === 'number' ? String(example) : undefined;
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const match = /^.*?[.:](\s|$)/.exec(text);
  return (match ? match[0] : text).trim().replace(/:$/, '.');
}

function joinOr(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function stripArticle(noun: string): string {
  return noun.replace(/^(a|an|the)\s+/i, '');
}

function clip(text: string, max = 60): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

// ---- the schema by document path (completion and hover) ----

function resolveRef(ref: string): TopologySchema | undefined {
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
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops++) current = resolveRef(current.$ref);
  return current;
}

/** The schema and the schemas that add to it for any value: allOf, then, and anyOf/oneOf branches. */
export function schemaVariants(schema: TopologySchema | undefined): TopologySchema[] {
  return schema ? variants(schema) : [];
}

function variants(schema: TopologySchema): TopologySchema[] {
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
  const candidates = variants(schema);
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
    if (isPlainObject(candidate.additionalProperties)) return resolveSchema(candidate.additionalProperties as TopologySchema);
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
    let current = resolveSchema(ROOT);
    for (const segment of path) {
      if (!current) return undefined;
      current = childSchema(current, segment);
    }
    return current;
  } catch {
    return undefined;
  }
}

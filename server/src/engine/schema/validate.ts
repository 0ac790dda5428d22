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

import type { ErrorObject } from 'ajv';
import { isPlainObject, keyRangeAtPath, type ParsedTopology, type PathSegment } from '../yaml/parse';
import { didYouMean } from '../yaml/suggest';
import type { Diagnostic, SourceRange } from '../types';
import {
  allowedValues,
  capitalize,
  clip,
  describeValue,
  exampleOf,
  firstSentence,
  inheritedHint,
  joinOr,
  labelOf,
  mentionsType,
  NUMBER_WORDS,
  stringAnnotation,
  stripArticle,
  typeWord,
  unique,
} from './messages';
import { atRange, ownerRange, topLevelRange, valueRange } from './ranges';
import { resolveRef, type TopologySchema } from './topologySchema';
// Compiled from the schema at build time (scripts/schemaValidator.mjs), not in every process.
import validate from './topologyValidator';

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
      push(
        topLevelRange(parsed),
        `A topology file is a mapping with keys ${TOP_LEVEL_KEYS}; this document is ${topLevelKind(value)}.`,
      );
      return diagnostics;
    }
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

// ---- choosing the errors worth telling ----

function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  // A value of the wrong type fails its enum and pattern too; the type is the finding.
  const wrongType = new Set(
    errors
      .filter((error) => error.keyword === 'type')
      .map((error) => `${error.instancePath}\u0000${error.schemaPath.replace(/\/type$/, '')}`),
  );
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
        const inside =
          other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`);
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
  for (const keyword of [
    'items',
    'additionalProperties',
    'not',
    'if',
    'then',
    'else',
    'propertyNames',
    'contains',
    'additionalItems',
  ]) {
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
      return {
        range,
        message:
          `'${propertyName}' is not ${what}. Use one of: ` +
          `${allowed.join(', ')}.${didYouMean(propertyName, allowed)}`,
      };
    }
    if (error.keyword === 'pattern') {
      return {
        range,
        message:
          `'${clip(propertyName)}' is not a valid ${stripArticle(what)}. ` +
          `${patternMessage ?? 'Use letters, digits, _ and -.'}`,
      };
    }
    return {
      range,
      message: `'${clip(propertyName)}' is not a valid ${stripArticle(what)}.${errorMessage ? ` ${errorMessage}` : ''}`,
    };
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
      return {
        range: ownerRange(parsed, path),
        message: `${owner} needs '${missing}'${example ? `, such as ${example}` : ''}.`,
      };
    }
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      const typeWords = joinOr(unique(types.map(typeWord)));
      const expected = noun ? (mentionsType(noun) ? noun : `${noun} (${typeWords})`) : typeWords;
      const hint = patternMessage ?? errorMessage ?? inheritedHint(schema);
      const subject = noun || !label ? 'Expected' : `'${label}' expects`;
      return {
        range: valueRange(parsed, path),
        message: `${subject} ${expected}, found ${describeValue(data)}.${hint ? ` ${hint}` : ''}`,
      };
    }
    case 'enum':
    case 'const': {
      const allowed = allowedValues(error);
      const shown = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
      const what = noun ?? (label ? `allowed for '${label}'` : 'allowed here');
      return {
        range: valueRange(parsed, path),
        message:
          `'${clip(shown)}' is not ${what}. Use one of: ` +
          `${allowed.join(', ')}.${typeof data === 'string' ? didYouMean(data, allowed) : ''}`,
      };
    }
    case 'pattern': {
      const shown = typeof data === 'string' ? data : String(data);
      const what = noun ?? (label ? `valid for '${label}'` : 'valid here');
      return {
        range: valueRange(parsed, path),
        message: `'${clip(shown)}' is not ${what}.${patternMessage ? ` ${patternMessage}` : ''}`,
      };
    }
    case 'anyOf':
    case 'oneOf': {
      if (errorMessage) return { range: atRange(parsed, path, schema), message: errorMessage };
      const what = noun ?? (label ? `'${label}'` : 'this value');
      const many = error.keyword === 'oneOf' && Array.isArray(params.passingSchemas);
      const description = firstSentence(schema.description);
      return {
        range: atRange(parsed, path, schema),
        message:
          capitalize(many ? `${what} fits more than one form` : `${what} is not written in a form that fits`) +
          `.${description ? ` ${description}` : ''}`,
      };
    }
    case 'not':
    case 'false schema': {
      const range =
        schema['x-at'] === 'key' || error.keyword === 'false schema'
          ? keyRangeAtPath(parsed, path)
          : atRange(parsed, path, schema);
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
        message:
          `${label ? `'${label}'` : 'This value'} ${bound} ` +
          `${entries}${has}.${errorMessage ? ` ${errorMessage}` : ''}`,
      };
    }
    case 'minLength':
      return {
        range: valueRange(parsed, path),
        message:
          `${label ? `'${label}'` : 'This value'} must not be ` +
          `empty${noun ? `: give ${noun}` : ''}.${errorMessage ? ` ${errorMessage}` : ''}`,
      };
    case 'uniqueItems': {
      const j = Number(params.j);
      const item = Array.isArray(data) ? data[j] : undefined;
      const shown = typeof item === 'string' ? `'${clip(item)}'` : 'An entry';
      return {
        range: valueRange(parsed, [...path, j]),
        message: `${shown} appears twice in '${label ?? 'this list'}'; list it once.`,
      };
    }
    default:
      return {
        range: valueRange(parsed, path),
        message:
          errorMessage ??
          `${label ? `'${label}'` : 'This value'} does not fit the topology format${noun ? `: expected ${noun}` : ''}.`,
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

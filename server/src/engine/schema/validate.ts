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
import { suggestionText } from '../yaml/texts';
import type { MessageData, MessageValue } from '../messageFormat';
import type { Diagnostic, SourceRange } from '../types';
import {
  allowedValues,
  capitalize,
  clip,
  describeValue,
  exampleOf,
  firstSentence,
  inheritedHint,
  labelOf,
  mentionsType,
  stringAnnotation,
  stripArticle,
  typeWord,
  unique,
} from './messages';
import { countWord, entries, joinOr, more, part, writeSchema } from './texts';
import { atRange, ownerRange, topLevelRange, valueRange } from './ranges';
import { resolveRef, type TopologySchema } from './topologySchema';
import { itemErrors, keptSchemaFindings } from './keptSchema';
// Compiled from the schema at build time (scripts/schemaValidator.mjs), not in every process.
import validate from './topologyValidator';

// ---- the public entry point ----

const TOP_LEVEL_KEYS = 'topology, features, networks, servers, firewalls';

/**
 * The schema findings of the document. With `previous`, the version `parsed` was spliced from
 * (yaml/ruleSplice.ts), only the spliced rule items are validated (keptSchema.ts).
 */
export function validateSchema(parsed: ParsedTopology, previous?: ParsedTopology): Diagnostic[] {
  const diagnostics = (previous && validateSplice(parsed, previous)) ?? validateAll(parsed);
  findingsOf.set(parsed, diagnostics);
  return [...diagnostics];
}

/** The schema findings of each parse, for the version spliced from it. */
const findingsOf = new WeakMap<ParsedTopology, readonly Diagnostic[]>();

type Push = (finding: Finding) => void;

/** push() of schema findings, once per place and message. */
function collector(): { diagnostics: Diagnostic[]; push: Push } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = ({ range, messageId, data }: Finding): void => {
    const message = writeSchema(`schema/${messageId}`, data);
    const key = `${range.startOffset}:${range.endOffset}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push({ code: 'schema', severity: 'error', message, range, messageId, data });
  };
  return { diagnostics, push };
}

function byPlace(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset);
}

function validateAll(parsed: ParsedTopology): Diagnostic[] {
  const { diagnostics, push } = collector();
  try {
    const value = parsed.value;
    if (value === undefined) return diagnostics;
    if (!isPlainObject(value)) {
      push({
        range: topLevelRange(parsed),
        messageId: 'notMapping',
        data: { keys: TOP_LEVEL_KEYS, kind: topLevelKind(value) },
      });
      return diagnostics;
    }
    if (validate(value)) return diagnostics;
    describeErrors(parsed, validate.errors ?? [], push);
  } catch {
    // Never throw from validation: return what we have.
  }
  return byPlace(diagnostics);
}

function describeErrors(parsed: ParsedTopology, errors: ErrorObject[], push: Push): void {
  for (const error of relevantErrors(errors)) {
    try {
      const finding = describeError(parsed, error);
      if (finding) push(finding);
    } catch {
      // One error we cannot place must not hide the others.
    }
  }
}

/** validateAll(parsed) from the findings of `previous` (keptSchema.ts); undefined when it cannot be. */
function validateSplice(parsed: ParsedTopology, previous: ParsedTopology): Diagnostic[] | undefined {
  const spliced = keptSchemaFindings(parsed, previous, findingsOf.get(previous));
  if (!spliced) return undefined;
  const { diagnostics, push } = collector();
  if (spliced.items.length > 0) {
    // The new items validated in a document of their own: the errors under its rules are theirs.
    const alone = { firewalls: { [spliced.firewall]: { rules: spliced.items } } };
    if (!validate(alone))
      describeErrors(parsed, itemErrors(validate.errors ?? [], spliced.firewall, spliced.first), push);
  }
  if (!diagnostics.every(({ range }) => spliced.start <= range.startOffset && range.endOffset <= spliced.end))
    return undefined;
  return byPlace([...spliced.kept, ...diagnostics]);
}

function topLevelKind(value: unknown): MessageValue {
  if (value === null || value === undefined) return part('schema/value/emptyDocument');
  if (typeof value === 'string') return part('schema/value/text', { text: clip(value) });
  if (typeof value === 'object' && !Array.isArray(value)) return part('schema/value/notMapping');
  return describeValue(value);
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

// ---- from an ajv error to a text and a range ----

interface Finding {
  range: SourceRange;
  /** The text `schema/<messageId>` of schema/texts.ts. */
  messageId: string;
  data: MessageData;
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
  const subject: MessageValue = label ? `'${label}'` : part('schema/part/thisValue');

  // Errors about a property name (propertyNames' inner errors) carry the name itself.
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (typeof propertyName === 'string') {
    const range = keyRangeAtPath(parsed, [...path, propertyName]);
    if (error.keyword === 'enum' || error.keyword === 'const') {
      const allowed = allowedValues(error);
      const what = noun ?? part('schema/part/aName');
      const suggestion = suggestionText(propertyName, allowed);
      return {
        range,
        messageId: 'nameNotAllowed',
        data: { name: propertyName, what, allowed: allowed.join(', '), suggestion },
      };
    }
    const what = noun ? stripArticle(noun) : part('schema/part/name');
    if (error.keyword === 'pattern') {
      const hint = patternMessage ?? part('schema/part/nameChars');
      return { range, messageId: 'nameInvalid', data: { name: clip(propertyName), what, hint } };
    }
    return { range, messageId: 'nameNotValid', data: { name: clip(propertyName), what, more: more(errorMessage) } };
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const keyNoun = stringAnnotation(schema, 'x-keyNoun') ?? part('schema/part/key');
      const xWhere = stringAnnotation(schema, 'x-where');
      const where = xWhere
        ? more(xWhere)
        : noun
          ? part('schema/part/inNoun', { noun })
          : label
            ? part('schema/part/inLabel', { label })
            : '';
      const patterns = Object.keys(schema.patternProperties ?? {});
      const extra = patterns.includes('^x-') ? part('schema/part/xKeys') : '';
      const expected = known.length > 0 ? part('schema/part/expectedKeys', { keys: known.join(', '), extra }) : '';
      return {
        range: keyRangeAtPath(parsed, [...path, key]),
        messageId: 'unknownKey',
        data: { keyNoun, key: clip(key), where, expected, suggestion: suggestionText(key, known) },
      };
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const example = exampleOf(schema.properties?.[missing]);
      const owner = noun ? capitalize(noun) : label ? `'${label}'` : part('schema/part/thisMapping');
      return {
        range: ownerRange(parsed, path),
        messageId: 'required',
        data: { owner, missing, example: example ? part('schema/part/suchAs', { example }) : '' },
      };
    }
    case 'type': {
      const types = Array.isArray(params.type) ? (params.type as string[]) : String(params.type).split(',');
      const typeWords = joinOr(unique(types).map(typeWord));
      const expected = noun
        ? mentionsType(noun)
          ? noun
          : part('schema/part/nounTyped', { noun, types: typeWords })
        : typeWords;
      const hint = more(patternMessage ?? errorMessage ?? inheritedHint(schema));
      const found = describeValue(data);
      return noun || !label
        ? { range: valueRange(parsed, path), messageId: 'typeExpected', data: { expected, found, hint } }
        : { range: valueRange(parsed, path), messageId: 'typeExpects', data: { label, expected, found, hint } };
    }
    case 'enum':
    case 'const': {
      const allowed = allowedValues(error);
      const shown = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
      const what = noun ?? (label ? part('schema/part/allowedFor', { label }) : part('schema/part/allowedHere'));
      const suggestion = typeof data === 'string' ? suggestionText(data, allowed) : '';
      return {
        range: valueRange(parsed, path),
        messageId: 'notAllowed',
        data: { value: clip(shown), what, allowed: allowed.join(', '), suggestion },
      };
    }
    case 'pattern': {
      const shown = typeof data === 'string' ? data : String(data);
      const what = noun ?? (label ? part('schema/part/validFor', { label }) : part('schema/part/validHere'));
      return {
        range: valueRange(parsed, path),
        messageId: 'patternMismatch',
        data: { value: clip(shown), what, hint: more(patternMessage) },
      };
    }
    case 'anyOf':
    case 'oneOf': {
      const range = atRange(parsed, path, schema);
      if (errorMessage) return { range, messageId: 'message', data: { text: errorMessage } };
      const what = noun ? capitalize(noun) : label ? `'${label}'` : part('schema/part/thisValue');
      const many = error.keyword === 'oneOf' && Array.isArray(params.passingSchemas);
      const description = more(firstSentence(schema.description));
      return { range, messageId: many ? 'manyForms' : 'noForm', data: { what, description } };
    }
    case 'not':
    case 'false schema': {
      const range =
        schema['x-at'] === 'key' || error.keyword === 'false schema'
          ? keyRangeAtPath(parsed, path)
          : atRange(parsed, path, schema);
      return errorMessage
        ? { range, messageId: 'message', data: { text: errorMessage } }
        : { range, messageId: 'notAllowedHere', data: { label: label ?? part('schema/part/thisValue') } };
    }
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const found = Array.isArray(data) ? data.length : isPlainObject(data) ? Object.keys(data).length : undefined;
      const has = found === undefined ? '' : part('schema/part/has', { count: countWord(found) });
      return {
        range: valueRange(parsed, path),
        messageId: error.keyword.startsWith('min') ? 'atLeast' : 'atMost',
        data: { subject, entries: entries(limit), has, more: more(errorMessage) },
      };
    }
    case 'minLength':
      return {
        range: valueRange(parsed, path),
        messageId: 'empty',
        data: { subject, give: noun ? part('schema/part/give', { noun }) : '', more: more(errorMessage) },
      };
    case 'uniqueItems': {
      const j = Number(params.j);
      const item = Array.isArray(data) ? data[j] : undefined;
      const entry = typeof item === 'string' ? `'${clip(item)}'` : part('schema/part/anEntry');
      return {
        range: valueRange(parsed, [...path, j]),
        messageId: 'twice',
        data: { entry, list: label ?? part('schema/part/thisList') },
      };
    }
    default: {
      const range = valueRange(parsed, path);
      if (errorMessage) return { range, messageId: 'message', data: { text: errorMessage } };
      const expected = noun ? part('schema/part/expectedNoun', { noun }) : '';
      return { range, messageId: 'doesNotFit', data: { subject, expected } };
    }
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

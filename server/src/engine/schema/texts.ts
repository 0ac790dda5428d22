import { formatter, textRef, type MessageValue, type TextRef } from '../messageFormat';
import { YAML_TEXTS } from '../yaml/texts';

// The English texts of the schema findings, by id, and the words they are made of (a type, a
// value, "at least two entries"), each a text of its own so that a language words each part. The
// schema's own annotations (x-noun, errorMessage, patternErrorMessage, description) come as data;
// i18n/schema.ru.json puts them in Russian.

export const SCHEMA_TEXTS = {
  'schema/notMapping': 'A topology file is a mapping with keys {{keys}}; this document is {{kind}}.',
  'schema/nameNotAllowed': "'{{name}}' is not {{what}}. Use one of: {{allowed}}.{{suggestion}}",
  'schema/nameInvalid': "'{{name}}' is not a valid {{what}}. {{hint}}",
  'schema/nameNotValid': "'{{name}}' is not a valid {{what}}.{{more}}",
  'schema/unknownKey': "Unknown {{keyNoun}} '{{key}}'{{where}}.{{expected}}{{suggestion}}",
  'schema/required': "{{owner}} needs '{{missing}}'{{example}}.",
  'schema/typeExpected': 'Expected {{expected}}, found {{found}}.{{hint}}',
  'schema/typeExpects': "'{{label}}' expects {{expected}}, found {{found}}.{{hint}}",
  'schema/notAllowed': "'{{value}}' is not {{what}}. Use one of: {{allowed}}.{{suggestion}}",
  'schema/patternMismatch': "'{{value}}' is not {{what}}.{{hint}}",
  'schema/message': '{{text}}',
  'schema/manyForms': '{{what}} fits more than one form.{{description}}',
  'schema/noForm': '{{what}} is not written in a form that fits.{{description}}',
  'schema/notAllowedHere': "'{{label}}' is not allowed here.",
  'schema/atLeast': '{{subject}} needs at least {{entries}}{{has}}.{{more}}',
  'schema/atMost': '{{subject}} takes at most {{entries}}{{has}}.{{more}}',
  'schema/empty': '{{subject}} must not be empty{{give}}.{{more}}',
  'schema/twice': "{{entry}} appears twice in '{{list}}'; list it once.",
  'schema/doesNotFit': '{{subject}} does not fit the topology format{{expected}}.',
  // The parts.
  'schema/part/more': ' {{text}}',
  'schema/part/or': '{{a}} or {{b}}',
  'schema/part/comma': '{{a}}, {{b}}',
  'schema/part/aName': 'a name',
  'schema/part/name': 'name',
  'schema/part/nameChars': 'Use letters, digits, _ and -.',
  'schema/part/key': 'key',
  'schema/part/inNoun': ' in {{noun}}',
  'schema/part/inLabel': " in '{{label}}'",
  'schema/part/expectedKeys': ' Expected one of: {{keys}}{{extra}}.',
  'schema/part/xKeys': ', or a key starting with x- (for anchors)',
  'schema/part/thisMapping': 'This mapping',
  'schema/part/thisValue': 'This value',
  'schema/part/thisValueLower': 'this value',
  'schema/part/thisList': 'this list',
  'schema/part/anEntry': 'An entry',
  'schema/part/suchAs': ', such as {{example}}',
  'schema/part/nounTyped': '{{noun}} ({{types}})',
  'schema/part/useOneOf': 'Use one of: {{values}}.',
  'schema/part/allowedFor': "allowed for '{{label}}'",
  'schema/part/allowedHere': 'allowed here',
  'schema/part/validFor': "valid for '{{label}}'",
  'schema/part/validHere': 'valid here',
  'schema/part/give': ': give {{noun}}',
  'schema/part/expectedNoun': ': expected {{noun}}',
  'schema/part/has': ' (it has {{count}})',
  'schema/part/entries/0': 'none entries',
  'schema/part/entries/1': 'one entry',
  'schema/part/entries/2': 'two entries',
  'schema/part/entries/3': 'three entries',
  'schema/part/entries/n': '{{count}} entries',
  'schema/part/count/0': 'none',
  'schema/part/count/1': 'one',
  'schema/part/count/2': 'two',
  'schema/part/count/3': 'three',
  'schema/type/object': 'a mapping',
  'schema/type/array': 'a list',
  'schema/type/string': 'text',
  'schema/type/integer': 'a whole number',
  'schema/type/number': 'a number',
  'schema/type/boolean': 'true or false',
  'schema/type/null': 'nothing',
  'schema/value/empty': 'an empty value',
  'schema/value/emptyText': 'empty text',
  'schema/value/text': "the text '{{text}}'",
  'schema/value/number': 'the number {{number}}',
  'schema/value/boolean': 'the value {{value}}',
  'schema/value/list': 'a list',
  'schema/value/mapping': 'a mapping',
  'schema/value/notMapping': 'not a mapping',
  'schema/value/emptyDocument': 'empty',
} as const;

export type SchemaTextId = keyof typeof SCHEMA_TEXTS;

export function part(id: SchemaTextId, data: Record<string, MessageValue> = {}): TextRef {
  return textRef(id, data);
}

/** " text" after a sentence, or nothing. */
export function more(text: MessageValue | undefined): MessageValue {
  return text === undefined || text === '' ? '' : part('schema/part/more', { text });
}

/** "a, b or c" of words that are texts or strings. */
export function joinOr(words: MessageValue[]): MessageValue {
  if (words.length <= 1) return words[0] ?? '';
  const head = words.slice(0, -1).reduce((a, b) => part('schema/part/comma', { a, b }));
  return part('schema/part/or', { a: head, b: words[words.length - 1] });
}

/** "one entry", "three entries", "12 entries". */
export function entries(limit: number): TextRef {
  return limit >= 0 && limit <= 3
    ? part(`schema/part/entries/${limit}` as SchemaTextId)
    : part('schema/part/entries/n', { count: limit });
}

/** "none", "two", 12. */
export function countWord(count: number): MessageValue {
  return count >= 0 && count <= 3 ? part(`schema/part/count/${count}` as SchemaTextId) : count;
}

export const writeSchema = formatter({ ...YAML_TEXTS, ...SCHEMA_TEXTS });

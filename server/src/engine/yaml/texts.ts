import { formatter, textRef, type MessageData, type MessageValue, type TextRef } from '../messageFormat';
import type { Diagnostic, Severity, SourceRange } from '../types';
import { closest } from './suggest';

// The English texts of the findings that reading the YAML makes (code yaml-syntax), by id, and
// the words of the YAML library's own messages as texts of their own: the Russian catalog
// (i18n/ru.json) has the same ids, so a finding reads the same in both languages but for the words.

export const YAML_TEXTS = {
  'yaml-syntax/duplicateKey':
    'Map keys must be unique: each key may appear once in a mapping; this later one is the one read, ' +
    'remove or rename one of them.',
  'yaml-syntax/deepNesting':
    'The document nests too deeply to be read (thousands of levels of brackets or indentation); ' +
    'the part below that depth is ignored.',
  'yaml-syntax/tabIndent': 'Tabs are not allowed as indentation in YAML; indent with spaces.',
  'yaml-syntax/badIndent': '{{text}}. Check the indentation of this line against its parent.',
  'yaml-syntax/parser': '{{text}}.',
  'yaml-syntax/unreadable': 'The document cannot be read: {{text}}. Aliases are limited to {{max}} expansions.',
  'yaml-syntax/controlCharacter':
    'The file holds a {{kind}} character (first U+{{code}} here), which YAML does not allow: ' +
    'is it a binary file, or saved as UTF-16? Save it as UTF-8 text.',
  'yaml-syntax/controlCharacters':
    'The file holds {{count}} {{kind}} characters (first U+{{code}} here), which YAML does not allow: ' +
    'is it a binary file, or saved as UTF-16? Save it as UTF-8 text.',
  'yaml-syntax/notUtf8':
    'The file is not UTF-8: byte 0x{{byte}} here cannot be read{{more}} and is taken as U+FFFD. ' +
    'Save the file as UTF-8.',
  'yaml/sequences': ' ({{count}} such sequences in the file)',
  'yaml/char/nul': 'NUL',
  'yaml/char/control': 'control',
  'yaml/char/nulOrControl': 'NUL or control',
  'yaml/didYouMean': " Did you mean '{{match}}'?",
  // The YAML library's messages (yaml 2.x), each as it writes it; any other one is 'yaml/lib/other'.
  'yaml/lib/other': '{{text}}',
  'yaml/lib/implicitKeyValue': 'Implicit map keys need to be followed by map values',
  'yaml/lib/doubleQuote': 'Missing closing "quote',
  'yaml/lib/singleQuote': "Missing closing 'quote",
  'yaml/lib/commaMap': 'Missing , between flow map items',
  'yaml/lib/commaSeq': 'Missing , between flow sequence items',
  'yaml/lib/commaOrColonMap': 'Missing , or : between flow map items',
  'yaml/lib/commaOrColonSeq': 'Missing , or : between flow sequence items',
  'yaml/lib/spaceAfterColonMap': 'Missing space after : in flow map',
  'yaml/lib/spaceAfterColonSeq': 'Missing space after : in flow sequence',
  'yaml/lib/commentSpace': 'Comments must be separated from other tokens by white space characters',
  'yaml/lib/sequenceDash': 'Sequence item without - indicator',
  'yaml/lib/propSpace': 'Tags and anchors must be separated from the next token by white space',
  'yaml/lib/multilineKey': 'Implicit keys need to be on a single line',
  'yaml/lib/multilinePairKey': 'Implicit keys of flow sequence pairs need to be on a single line',
  'yaml/lib/compactMapping': 'Nested mappings are not allowed in compact mappings',
  'yaml/lib/sequenceAsKey': 'A block sequence may not be used as an implicit map key',
  'yaml/lib/sequenceColumn': 'All sequence items must start at the same column',
  'yaml/lib/mappingColumn': 'All mapping items must start at the same column',
  'yaml/lib/blockInFlow': 'Block collections are not allowed within flow collections',
  'yaml/lib/flowEndIndent': 'Flow end indicator should be more indented than parent',
  'yaml/lib/blockScalarIndent': 'Block scalar values in collections must be indented',
  'yaml/lib/emptyAlias': 'Alias cannot be an empty string',
  'yaml/lib/emptyAnchor': 'Anchor cannot be an empty string',
  'yaml/lib/flowSeqIndent': 'Flow sequence in block collection must be sufficiently indented and end with a ]',
  'yaml/lib/flowMapIndent': 'Flow map in block collection must be sufficiently indented and end with a }',
  'yaml/lib/unresolvedAlias': 'Unresolved alias (the anchor must be set before the alias): {{name}}',
  'yaml/lib/blockScalarHeader': 'Block scalar header includes extra characters: {{source}}',
  'yaml/lib/unexpectedInStream': 'Unexpected {{token}} token in YAML stream: {{source}}',
  'yaml/lib/unexpectedToken': 'Unexpected {{token}} token',
  'yaml/lib/unexpectedIn': 'Unexpected {{token}} in {{collection}}',
  'yaml/lib/unexpectedEmpty': 'Unexpected empty item in {{collection}}',
  'yaml/lib/unexpectedAtEnd': 'Unexpected {{token}} at node end',
  'yaml/lib/unresolvedTag': 'Unresolved tag: {{tag}}',
  'yaml/lib/aliasCount': 'Excessive alias count indicates a resource exhaustion attack',
  'yaml/lib/docEnd': 'Unexpected doc-end without preceding document',
} as const;

const LIBRARY_PATTERNS: { id: keyof typeof YAML_TEXTS; pattern: RegExp; names: string[] }[] = Object.entries(YAML_TEXTS)
  .filter(([id]) => id.startsWith('yaml/lib/') && id !== 'yaml/lib/other')
  .map(([id, template]) => {
    const names = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]);
    const source = template
      .split(/\{\{\w+\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('(.+?)');
    return { id: id as keyof typeof YAML_TEXTS, pattern: new RegExp(`^${source}$`), names };
  });

/** The YAML library's message (its first line) as a text by id, with what it names as data. */
export function libraryText(message: string): TextRef {
  for (const { id, pattern, names } of LIBRARY_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return textRef(id, Object.fromEntries(names.map((name, k) => [name, match[k + 1]])));
  }
  return textRef('yaml/lib/other', { text: message });
}

const write = formatter(YAML_TEXTS);

/** A yaml-syntax finding of the text `yaml-syntax/<messageId>`, written in English. */
export function yamlFinding(
  messageId: string,
  data: MessageData,
  range: SourceRange,
  severity: Severity = 'error',
): Diagnostic {
  return { code: 'yaml-syntax', severity, message: write(`yaml-syntax/${messageId}`, data), range, messageId, data };
}

/** " Did you mean 'x'?" as a text, or nothing when no candidate is close. */
export function suggestionText(word: string, candidates: Iterable<string>): MessageValue {
  const match = closest(word, candidates);
  return match === undefined ? '' : textRef('yaml/didYouMean', { match });
}

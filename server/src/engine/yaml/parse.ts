import { Alias, Document, Node, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './nodeTypes';
import type { Diagnostic, SourceRange } from '../types';
import { unprintableCharacterDiagnostics } from './characters';
import { addDuplicateKeyErrors } from './duplicateKeys';
import { NOT_PLAIN, plainValueAndDuplicateKeys } from './plainValue';
import { libraryText, yamlFinding } from './texts';
import type { MessageData } from '../messageFormat';

/** Aliases expanded per document before we stop; bounds the "billion laughs" blow-up. */
export const MAX_ALIAS_COUNT = 1000;

export type PathSegment = string | number;

/** A parsed topology text: the `yaml` document with its source ranges, and the plain value. */
export interface ParsedTopology {
  text: string;
  doc: Document.Parsed;
  /** Where each line starts, computed from the text (see lineStartsOf); every position uses it. */
  lineStarts: number[];
  /** The document as plain data (aliases and merge keys resolved); undefined when it cannot be built. */
  value: unknown;
  diagnostics: Diagnostic[];
}

// logLevel 'error': the library's warnings (a collection used as a key, ...) would go to the
// console, which the language server forwards to the editor on every keystroke. Errors and
// warnings still land in doc.errors / doc.warnings and become findings.
export const PARSE_OPTIONS = {
  merge: true,
  prettyErrors: false,
  // Checked by addDuplicateKeyErrors in linear time; the library's check is quadratic.
  uniqueKeys: false,
  strict: true,
  logLevel: 'error',
} as const;

export function parseTopology(text: string): ParsedTopology {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const plain = plainValueAndDuplicateKeys(doc);
  if (plain === NOT_PLAIN) addDuplicateKeyErrors(doc);
  const parsed: ParsedTopology = {
    text,
    doc,
    lineStarts: lineStartsOf(text),
    value: undefined,
    diagnostics: [],
  };
  const problems = [
    ...doc.errors.map((problem) => ({ problem, severity: 'error' as const })),
    ...doc.warnings.map((problem) => ({ problem, severity: 'warning' as const })),
  ];
  for (const { problem, severity } of problems) {
    const range = rangeOfOffsets(parsed, problem.pos[0], Math.max(problem.pos[1], problem.pos[0] + 1));
    const [messageId, data] = readableYamlError(problem.code, problem.message);
    parsed.diagnostics.push(yamlFinding(messageId, data, range, severity));
  }
  parsed.diagnostics.push(...unprintableCharacterDiagnostics(text, (start, end) => rangeOfOffsets(parsed, start, end)));
  try {
    // toJS still works on a document with errors and gives what could be read.
    parsed.value = plain !== NOT_PLAIN ? plain : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const range = rangeOfOffsets(parsed, 0, Math.min(text.length, firstLineLength(text)));
    parsed.diagnostics.push(
      error instanceof RangeError
        ? yamlFinding('deepNesting', {}, range)
        : yamlFinding('unreadable', { text: libraryText(firstLine(error)), max: MAX_ALIAS_COUNT }, range),
    );
    parsed.value = undefined;
  }
  return parsed;
}

// The parser and toJS recurse per level: thousands of levels exhaust the stack (deepNesting).

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/\.$/, '');
}

function firstLineLength(text: string): number {
  const newline = text.indexOf('\n');
  return newline < 0 ? text.length : newline;
}

function readableYamlError(code: string, message: string): [string, MessageData] {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return ['duplicateKey', {}];
    case 'RESOURCE_EXHAUSTION':
      return ['deepNesting', {}];
    case 'TAB_AS_INDENT':
      return ['tabIndent', {}];
    case 'BAD_INDENT':
      return ['badIndent', { text: libraryText(first) }];
    default:
      return ['parser', { text: libraryText(first) }];
  }
}

// ---- positions ----

type Positioned = Pick<ParsedTopology, 'lineStarts' | 'text'>;

/**
 * Line starts taken from the text itself, never from the parser: yaml's LineCounter misses the
 * newlines inside some broken multi-line values (`- a\nb\n  c\n`), which put every later finding
 * and fix one line up. Breaks are those of LSP and of YAML: \r\n, \n and a lone \r.
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  // Most files hold no CR: the native search for each \n is several times faster than reading every character.
  if (!text.includes('\r')) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    return starts;
  }
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10) starts.push(index + 1);
    else if (char === 13) {
      if (text.charCodeAt(index + 1) === 10) index++;
      starts.push(index + 1);
    }
  }
  return starts;
}

export function positionAt(parsed: Positioned, offset: number): { line: number; character: number } {
  const clamped = Math.max(0, Math.min(offset, parsed.text.length));
  const starts = parsed.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= clamped) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: clamped - starts[low] };
}

export function offsetAt(parsed: Positioned, line: number, character: number): number {
  const starts = parsed.lineStarts;
  if (line < 0) return 0;
  if (line >= starts.length) return parsed.text.length;
  const lineStart = starts[line];
  let lineEnd = line + 1 < starts.length ? starts[line + 1] : parsed.text.length;
  // Never inside the line break itself: the end of a CRLF line is before its \r.
  if (lineEnd > lineStart && parsed.text[lineEnd - 1] === '\n') lineEnd--;
  if (lineEnd > lineStart && parsed.text[lineEnd - 1] === '\r') lineEnd--;
  return Math.min(lineStart + Math.max(0, character), lineEnd);
}

export function rangeOfOffsets(parsed: Positioned, startOffset: number, endOffset: number): SourceRange {
  const start = Math.max(0, Math.min(startOffset, parsed.text.length));
  const end = Math.max(start, Math.min(endOffset, parsed.text.length));
  return { start: positionAt(parsed, start), end: positionAt(parsed, end), startOffset: start, endOffset: end };
}

/** The value span of a node (without trailing comments), the one to underline. */
export function rangeOfNode(parsed: ParsedTopology, node: Node | null | undefined): SourceRange | undefined {
  if (!node || !node.range) return undefined;
  // Block collections end where the next line starts; a finding stops at the last character.
  let end = node.range[1];
  while (end > node.range[0] && isWhiteSpace(parsed.text.charCodeAt(end - 1))) end--;
  return rangeOfOffsets(parsed, node.range[0], end);
}

/** What the regular expression /\s/ matches, by character code (asked of every finding's last characters). */
function isWhiteSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}

// ---- walking the document by path, through aliases and merge keys ----

function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 32; hops++) {
    current = (current as Alias).resolve(doc);
  }
  return current;
}

/** yaml 2 parses `<<` as a symbol when merge keys are on, and as the string otherwise. */
export function isMergeKey(value: unknown): boolean {
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

export interface PairAt {
  key: Node | null;
  value: Node | null;
}

/** The key/value pair for `key` in a map node, looking through `<<` merge keys. */
export function pairIn(doc: Document.Parsed, map: unknown, key: string, depth = 0): PairAt | undefined {
  const resolved = resolveAlias(doc, map);
  if (!isMap(resolved) || depth > 16) return undefined;
  const mapNode = resolved as YAMLMap;
  // The last of duplicate keys, as in the plain value the checks read (a duplicate-key error is reported).
  let found: PairAt | undefined;
  for (const item of mapNode.items) {
    if (isPair(item) && isScalar(item.key) && String((item.key as Scalar).value) === key) {
      found = { key: item.key as Node, value: (item.value as Node | null) ?? null };
    }
  }
  if (found) return found;
  for (const item of mapNode.items) {
    if (isPair(item) && isScalar(item.key) && isMergeKey((item.key as Scalar).value)) {
      const sources = resolveAlias(doc, item.value);
      const list = isSeq(sources) ? (sources as YAMLSeq).items : [sources];
      for (const source of list) {
        const found = pairIn(doc, source, key, depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The node at a path; aliases are followed, so the range may lie where the anchor is. */
export function nodeAt(doc: Document.Parsed, path: readonly PathSegment[]): Node | undefined {
  return (resolveAlias(doc, walk(doc, doc.contents, path, 0)) as Node) ?? undefined;
}

/** From `current`, the node at `path` past its first `from` segments (its alias not followed), or undefined. */
function walk(doc: Document.Parsed, current: unknown, path: readonly PathSegment[], from: number): unknown {
  for (let k = from; k < path.length; k++) {
    const segment = path[k];
    current = resolveAlias(doc, current);
    if (typeof segment === 'number') {
      if (!isSeq(current)) return undefined;
      current = (current as YAMLSeq).items[segment];
    } else {
      const pair = pairIn(doc, current, segment);
      if (!pair) return undefined;
      current = pair.value;
    }
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

/**
 * Each firewall's `rules` node, by firewall name, per parse: the checks and the diagram ask for
 * the range of thousands of rules (and their parts), and the walk to the list is the same for all.
 * An incremental re-parse (ruleSplice.ts) changes the items of a list, never the list's node.
 */
const ruleLists = new WeakMap<ParsedTopology, Map<string, unknown>>();

/** nodeAt(parsed.doc, path), through ruleLists for a path into a firewall's rules. */
function nodeAtPath(parsed: ParsedTopology, path: readonly PathSegment[]): Node | undefined {
  const firewall = path[1];
  if (path.length < 4 || path[0] !== 'firewalls' || path[2] !== 'rules' || typeof firewall !== 'string')
    return nodeAt(parsed.doc, path);
  let lists = ruleLists.get(parsed);
  if (!lists) ruleLists.set(parsed, (lists = new Map()));
  let list = lists.get(firewall);
  if (list === undefined && !lists.has(firewall))
    lists.set(firewall, (list = walk(parsed.doc, parsed.doc.contents, path.slice(0, 3), 0)));
  if (list === undefined) return undefined;
  return (resolveAlias(parsed.doc, walk(parsed.doc, list, path, 3)) as Node) ?? undefined;
}

/** The key node of the last segment of a path (for "unknown key"-style findings). */
export function keyNodeAt(doc: Document.Parsed, path: readonly PathSegment[]): Node | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last === 'number') return nodeAt(doc, path);
  const parent = path.length === 1 ? doc.contents : nodeAt(doc, path.slice(0, -1));
  return pairIn(doc, parent, last)?.key ?? undefined;
}

/**
 * The range of the deepest node that exists along the path, so a finding about a value that is
 * missing lands on its parent rather than on the top of the file.
 */
export function rangeAtPath(parsed: ParsedTopology, path: readonly PathSegment[], preferKey = false): SourceRange {
  for (let length = path.length; length > 0; length--) {
    const prefix = length === path.length ? path : path.slice(0, length);
    const node = preferKey && length === path.length ? keyNodeAt(parsed.doc, prefix) : nodeAtPath(parsed, prefix);
    const range = rangeOfNode(parsed, node);
    if (range) return range;
  }
  return rangeOfNode(parsed, parsed.doc.contents as Node | null) ?? rangeOfOffsets(parsed, 0, 0);
}

/** The range of the key of `path` when it exists, else of its value, else of its nearest parent. */
export function keyRangeAtPath(parsed: ParsedTopology, path: readonly PathSegment[]): SourceRange {
  const key = keyNodeAt(parsed.doc, path);
  return rangeOfNode(parsed, key) ?? rangeAtPath(parsed, path);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { isMap, isSeq } from '../yaml/nodeTypes';
import type { CompletionEntry } from './completionEntry';
import type { CursorContext } from '../yaml/cursor';
import { nodeAt, positionAt, type ParsedTopology } from '../yaml/parse';
import { schemaAtPath, schemaVariants } from '../schema/navigation';
import type { TopologySchema } from '../schema/topologySchema';

// The JSON Schema's `defaultSnippets` (VS Code's keyword: a body of JSON whose strings are
// snippet text) offered as completion snippets where a new entry of the mapping, or a new item of
// the list, can start. Bodies are written as YAML in the style of the examples: block mappings,
// flow style for a leaf mapping (`accessEdge: { ip: …, network: … }`) and a list of scalars.

type Snippet = NonNullable<TopologySchema['defaultSnippets']>[number];

export function schemaSnippetEntries(parsed: ParsedTopology, context: CursorContext): CompletionEntry[] {
  if (context.inFlow || context.inComment) return [];
  const text = parsed.text;
  const lineStart = text.lastIndexOf('\n', context.wordStart - 1) + 1;
  const newline = text.indexOf('\n', context.wordEnd);
  const lineEnd = newline < 0 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  const before = text.slice(lineStart, context.wordStart);
  // Only where the whole line can become the snippet: indentation, an optional dash, a word.
  if (text.slice(context.wordEnd, lineEnd).trim() !== '') return [];
  const path = context.path;
  const schema = schemaAtPath(path);
  const make = (snippet: Snippet, lines: string[]): CompletionEntry => {
    const label = snippet.label ?? firstLine(lines);
    const insertText = lines.join('\n');
    return {
      label,
      kind: 'snippet',
      detail: snippet.description,
      documentation: `\`\`\`yaml\n${preview(insertText)}\n\`\`\``,
      insertText,
      snippet: true,
      replaceStart: lineStart,
      replaceEnd: lineEnd,
      // Clients filter on the text from the start of the replaced range to the cursor.
      filterText: `${before}${label}`,
      sortText: `2${label}`,
    };
  };

  if (context.kind === 'key') {
    if (before.trim() !== '') return [];
    if (isBlankFile(text, lineStart, lineEnd) && before === '') return [make(FILE_SNIPPET, FILE_SNIPPET_LINES)];
    // A new entry of this mapping: snippets whose fixed keys are not written yet.
    const column = mapColumn(parsed, path) ?? context.indent;
    const present = new Set(context.presentKeys);
    const entries = snippetsOf(schema)
      .filter((snippet) => isRecord(snippet.body) || typeof snippet.bodyText === 'string')
      .filter(
        (snippet) =>
          !isRecord(snippet.body) || !Object.keys(snippet.body).some((key) => !key.includes('$') && present.has(key)),
      )
      .map((snippet) => make(snippet, entryLines(snippet, column)));
    // A new item of this list, on a blank line under its key.
    const items = itemSchema(schema);
    if (items) {
      const dash = seqColumn(parsed, path) ?? context.indent;
      entries.push(...snippetsOf(items).map((snippet) => make(snippet, itemLines(snippet, dash))));
    }
    return entries;
  }
  if (typeof path[path.length - 1] === 'number') {
    // `- ` just typed: the item's snippets, the dash where the user put it.
    const match = /^(\s*)-\s*$/.exec(before);
    if (!match) return [];
    return snippetsOf(schema).map((snippet) => make(snippet, itemLines(snippet, match[1].length)));
  }
  return [];
}

// ---- a whole file ----

const FILE_SNIPPET: Snippet = {
  label: 'topology',
  description:
    'A whole topology: product, XMPP federation, networks, an Edge Server, a Front End with the XMPP gateway',
};

// The networks and servers of the contract's example, with the firewalls still empty: the missing
// rules are then offered (and inserted all at once) from what the file describes.
const FILE_SNIPPET_LINES = [
  'topology:',
  '  name: ${1:Contoso edge}',
  '  product: ${2|lync2013,sfb2015,sfb2019|}',
  'features:',
  '  xmppFederation: true',
  'domains:',
  '  sip: [${3:contoso.com}]',
  '  xmpp: [${3:contoso.com}]',
  'networks:',
  '  internet:  { zone: external }',
  '  perimeter: { zone: perimeter, subnets: [${4:131.107.155.0/24}, ${5:172.25.33.0/24}] }',
  '  corp:      { zone: internal, subnets: [${6:192.168.10.0/24}] }',
  'servers:',
  '  edge01:',
  '    role: edge',
  '    pool: edgepool.${3:contoso.com}',
  '    interfaces:',
  '      accessEdge: { ip: ${7:131.107.155.10}, network: perimeter }',
  '      webConferencingEdge: { ip: ${8:131.107.155.20}, network: perimeter }',
  '      avEdge: { ip: ${9:131.107.155.30}, network: perimeter }',
  '      internal: { ip: ${10:172.25.33.10}, network: perimeter }',
  '  fe01:',
  '    role: frontEnd',
  '    pool: pool01.${3:contoso.com}',
  '    services: [xmppGateway]',
  '    interfaces:',
  '      primary: { ip: ${11:192.168.10.90}, network: corp }',
  'firewalls:',
  '  external:',
  '    between: [internet, perimeter]',
  '    rules: []',
  '  internal:',
  '    between: [corp, perimeter]',
  '    rules: []',
  '$0',
];

/** Nothing but comments and blank lines outside the cursor's line: the file is still to be written. */
function isBlankFile(text: string, lineStart: number, lineEnd: number): boolean {
  const outside = `${text.slice(0, lineStart)}\n${text.slice(lineEnd)}`;
  return outside.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line));
}

function snippetsOf(schema: TopologySchema | undefined): Snippet[] {
  const seen = new Set<string>();
  const out: Snippet[] = [];
  for (const candidate of schemaVariants(schema)) {
    for (const snippet of Array.isArray(candidate.defaultSnippets) ? candidate.defaultSnippets : []) {
      if (!isRecord(snippet) || (snippet.body === undefined && typeof snippet.bodyText !== 'string')) continue;
      const key = `${snippet.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(snippet);
    }
  }
  return out;
}

function itemSchema(schema: TopologySchema | undefined): TopologySchema | undefined {
  for (const candidate of schemaVariants(schema)) {
    if (isRecord(candidate.items)) return candidate.items as TopologySchema;
  }
  return undefined;
}

// ---- where the new lines go: the column of the siblings already written ----

function mapColumn(parsed: ParsedTopology, path: readonly (string | number)[]): number | undefined {
  const node = safeNodeAt(parsed, path);
  if (!isMap(node) || node.flow || node.items.length === 0) return undefined;
  const key = node.items[0].key as { range?: [number, number, number] } | null;
  return key?.range ? positionAt(parsed, key.range[0]).character : undefined;
}

function seqColumn(parsed: ParsedTopology, path: readonly (string | number)[]): number | undefined {
  const node = safeNodeAt(parsed, path);
  if (!isSeq(node) || node.flow || node.items.length === 0 || !node.range) return undefined;
  return positionAt(parsed, node.range[0]).character;
}

function safeNodeAt(parsed: ParsedTopology, path: readonly (string | number)[]) {
  try {
    return nodeAt(parsed.doc, path);
  } catch {
    return undefined;
  }
}

// ---- the body as YAML lines, with absolute indentation ----

/** The snippet as entries of a mapping whose keys start at `column`. */
function entryLines(snippet: Snippet, column: number): string[] {
  if (isRecord(snippet.body)) return mapLines(snippet.body, column);
  return (snippet.bodyText ?? '').split('\n').map((line) => ' '.repeat(column) + line);
}

/** The snippet as a list item whose dash is at `dash`. */
function itemLines(snippet: Snippet, dash: number): string[] {
  const inner = isRecord(snippet.body)
    ? mapLines(snippet.body, dash + 2)
    : snippet.body !== undefined
      ? [' '.repeat(dash + 2) + value(snippet.body)]
      : (snippet.bodyText ?? '').split('\n').map((line) => ' '.repeat(dash + 2) + line);
  return [' '.repeat(dash) + '- ' + inner[0].trimStart(), ...inner.slice(1)];
}

function mapLines(body: Record<string, unknown>, column: number): string[] {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  for (const [key, item] of Object.entries(body)) {
    if (isRecord(item) && !isLeaf(item)) lines.push(`${pad}${key}:`, ...mapLines(item, column + 2));
    else if (Array.isArray(item) && !item.every(isScalar)) {
      lines.push(`${pad}${key}:`);
      for (const element of item) lines.push(...itemLines({ body: element }, column + 2));
    } else lines.push(`${pad}${key}: ${value(item)}`);
  }
  return lines.length > 0 ? lines : [`${pad}$0`];
}

/** A scalar, a list of scalars or a leaf mapping, on one line. */
function value(item: unknown): string {
  if (Array.isArray(item)) return `[${item.map(value).join(', ')}]`;
  if (isRecord(item)) {
    const entries = Object.entries(item);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([key, sub]) => `${key}: ${value(sub)}`).join(', ')} }`;
  }
  if (typeof item === 'string') return item === '' ? '""' : item;
  return item === null || item === undefined ? 'null' : String(item);
}

function isLeaf(map: Record<string, unknown>): boolean {
  return Object.values(map).every((item) => isScalar(item) || (Array.isArray(item) && item.every(isScalar)));
}

function isScalar(item: unknown): boolean {
  return item === null || ['string', 'number', 'boolean'].includes(typeof item);
}

function isRecord(item: unknown): item is Record<string, unknown> {
  return typeof item === 'object' && item !== null && !Array.isArray(item);
}

function firstLine(lines: string[]): string {
  return (
    preview(lines[0] ?? '')
      .trim()
      .replace(/^- /, '')
      .replace(/:.*$/, '') || 'snippet'
  );
}

/** Snippet text as the user will see it once inserted: placeholders replaced by their defaults. */
function preview(text: string): string {
  let out = text;
  for (let pass = 0; pass < 4; pass++) {
    out = out
      .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkTopology,
  EXPORT_FORMATS,
  fixAll,
  parseErrorCount,
  renderExport,
  type CheckOptions,
  type CheckResult,
  type Diagnostic,
  type ExportFormat,
} from '../../server/src/engine/index';
import { EXAMPLES } from './examples';

// The fix fuzz (issue 9): grammar-aware mutations of every example through check, fix-all and
// every export. Used by `npm run fuzz` (scripts/fuzz.mjs, large) and by a seeded small run in
// `npm test` (test/engine/fix.fuzz.test.ts). A failure names its seed and document number, so it
// replays: the mutations depend on nothing but the seed.

/** mulberry32: small, fast, and the same sequence on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FUZZ_EXAMPLES: { name: string; text: string }[] = [EXAMPLES, join(EXAMPLES, 'broken')].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.topology.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })),
);

export type Rng = () => number;
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const BYTES = [
  ' ',
  '\t',
  '\n',
  '\r',
  ':',
  '-',
  '#',
  '[',
  ']',
  '{',
  '}',
  ',',
  "'",
  '"',
  '&',
  '*',
  '!',
  '|',
  '>',
  'x',
  '0',
];
const UNICODE = ['é', 'ß', '中', '😀', '\ufeff', '\u2028', '\u0085', '\u00a0', '\u200b', '\ud800', '\u0000', 'Ｘ'];
/** Token classes whose members can stand in for each other: a swap keeps the grammar, not the meaning. */
const TOKEN_CLASSES: RegExp[] = [
  /^\s*-?\s*([A-Za-z][\w]*):/gm, // keys
  /\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g, // IPv4 addresses and subnets
  /\b(?:TCP|UDP|MTLS|TLS|XMPP|SIP|HTTPS|STUN|RTP)\/(?:TCP|UDP|MTLS|TLS)?\/?\d+(?:-\d+)?\b/g, // services
  /\b\d{2,5}\b/g, // ports and other numbers
  /\b[a-z][\w-]*\.[a-z][\w.-]*\b/g, // dotted names: FQDNs and endpoint references
];

function lines(text: string): string[] {
  return text.split('\n');
}

/** One mutation, chosen at random: what a typo, a bad merge or another editor does to a file. */
export function mutate(text: string, rng: Rng): { text: string; kind: string } {
  const all = lines(text);
  const line = Math.floor(rng() * all.length);
  const at = Math.floor(rng() * (text.length + 1));
  switch (Math.floor(rng() * 10)) {
    case 0:
      return { kind: 'byte', text: text.slice(0, at) + pick(rng, BYTES) + text.slice(at + (rng() < 0.5 ? 1 : 0)) };
    case 1:
      return { kind: 'delete-line', text: [...all.slice(0, line), ...all.slice(line + 1)].join('\n') };
    case 2:
      return { kind: 'duplicate-line', text: [...all.slice(0, line + 1), ...all.slice(line)].join('\n') };
    case 3:
    case 4: {
      const pattern = pick(rng, TOKEN_CLASSES);
      const found = [...text.matchAll(pattern)].map((match) => ({
        value: match[1] ?? match[0],
        index: match.index! + match[0].lastIndexOf(match[1] ?? match[0]),
      }));
      if (found.length < 2) return { kind: 'swap', text };
      const target = pick(rng, found);
      const other = pick(rng, found).value;
      return {
        kind: 'swap',
        text: text.slice(0, target.index) + other + text.slice(target.index + target.value.length),
      };
    }
    case 5: {
      const changed = [...all];
      const indent = changed[line].length - changed[line].trimStart().length;
      changed[line] =
        rng() < 0.5
          ? ' '.repeat(1 + Math.floor(rng() * 3)) + changed[line]
          : changed[line].slice(Math.min(indent, 1 + Math.floor(rng() * 2)));
      return { kind: 'indent', text: changed.join('\n') };
    }
    case 6:
      return { kind: 'unicode', text: text.slice(0, at) + pick(rng, UNICODE) + text.slice(at) };
    case 7:
      return {
        kind: 'crlf',
        text: rng() < 0.8 ? text.replace(/\r?\n/g, '\r\n') : text.slice(0, at) + '\r' + text.slice(at),
      };
    default: {
      // A whole rule item (or a whole rules list) deleted: the mutation that gives fix-all work.
      const starts = all.flatMap((content, index) => (/^\s*(- name:|rules:)/.test(content) ? [index] : []));
      if (starts.length === 0) return { kind: 'delete-rule', text };
      const start = pick(rng, starts);
      const indent = all[start].length - all[start].trimStart().length;
      let end = start + 1;
      while (end < all.length && (all[end].trim() === '' || all[end].length - all[end].trimStart().length > indent))
        end++;
      return { kind: 'delete-rule', text: [...all.slice(0, start), ...all.slice(end)].join('\n') };
    }
  }
}

/** Line and character of an offset, counted afresh (\r\n, \n and a lone \r end a line). */
function expectedPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let index = 0; index < offset; index++) {
    const char = text[index];
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) {
      line++;
      start = index + 1;
    }
  }
  return { line, character: offset - start };
}

function rangeProblems(text: string, diagnostics: Diagnostic[], exact: boolean): string[] {
  const problems: string[] = [];
  let previous = -1;
  for (const { code, range, fixes } of diagnostics) {
    const { startOffset, endOffset } = range;
    if (!(startOffset >= 0 && startOffset <= endOffset && endOffset <= text.length)) {
      problems.push(`${code}: range ${startOffset}-${endOffset} outside the text (${text.length})`);
      continue;
    }
    if (startOffset < previous) problems.push(`${code}: diagnostics out of order at ${startOffset}`);
    previous = startOffset;
    if (exact) {
      for (const [offset, position] of [
        [startOffset, range.start],
        [endOffset, range.end],
      ] as const) {
        const expected = expectedPosition(text, offset);
        if (expected.line !== position.line || expected.character !== position.character)
          problems.push(
            `${code}: offset ${offset} at ${JSON.stringify(position)}, the text says ${JSON.stringify(expected)}`,
          );
      }
    }
    for (const edit of (fixes ?? []).flatMap((fix) => fix.edits)) {
      if (!(edit.startOffset >= 0 && edit.startOffset <= edit.endOffset && edit.endOffset <= text.length))
        problems.push(`${code}: fix edit ${edit.startOffset}-${edit.endOffset} outside the text`);
    }
  }
  return problems;
}

function commentLines(text: string, touched: [number, number][]): Map<string, number> {
  const counts = new Map<string, number>();
  let start = 0;
  for (const content of text.split('\n')) {
    const end = start + content.length;
    const line = content.replace(/\r$/, '');
    const hit = touched.some(([from, to]) => (from === to ? from > start && from < end : from < end + 1 && start < to));
    if (line.trimStart().startsWith('#') && !hit) counts.set(line, (counts.get(line) ?? 0) + 1);
    start = end + 1;
  }
  return counts;
}

/** Comment lines of `before` that no fix offered in that round touched, still in `after`. */
function lostComments(before: string, diagnostics: Diagnostic[], after: string): string[] {
  const touched = diagnostics
    .flatMap((diagnostic) => diagnostic.fixes ?? [])
    .filter((fix) => fix.safe)
    .flatMap((fix) => fix.edits.map((edit): [number, number] => [edit.startOffset, edit.endOffset]));
  const kept = commentLines(after, []);
  return [...commentLines(before, touched)].flatMap(([line, count]) => ((kept.get(line) ?? 0) < count ? [line] : []));
}

export interface FuzzFigures {
  documents: number;
  mutations: Record<string, number>;
  throws: number;
  badRanges: number;
  brokenFixes: number;
  lostComments: number;
  notIdempotent: number;
  documentsFixed: number;
  fixesApplied: number;
  fixesDropped: number;
  exports: number;
  cleanDocuments: number;
  failures: string[];
}

export function emptyFigures(): FuzzFigures {
  return {
    documents: 0,
    mutations: {},
    throws: 0,
    badRanges: 0,
    brokenFixes: 0,
    lostComments: 0,
    notIdempotent: 0,
    documentsFixed: 0,
    fixesApplied: 0,
    fixesDropped: 0,
    exports: 0,
    cleanDocuments: 0,
    failures: [],
  };
}

/** The next mutated document of a run: an example and one to three mutations of it. */
export function fuzzDocument(rng: Rng, figures: FuzzFigures): string {
  let text = pick(rng, FUZZ_EXAMPLES).text;
  const count = 1 + Math.floor(rng() * 3);
  for (let index = 0; index < count; index++) {
    const mutation = mutate(text, rng);
    figures.mutations[mutation.kind] = (figures.mutations[mutation.kind] ?? 0) + 1;
    text = mutation.text;
  }
  return text;
}

/**
 * Every property on one document; returns the exports of a document that checks clean (for the
 * script to load into iptables-restore and nft).
 */
export function fuzzOne(text: string, label: string, figures: FuzzFigures): Map<ExportFormat, string> | undefined {
  figures.documents++;
  const fail = (what: string, detail: string) => {
    if (figures.failures.length < 50) figures.failures.push(`${label}: ${what}: ${detail}\n${JSON.stringify(text)}`);
  };
  // The check is pure: fix-all's rounds and the second fix-all re-check texts already checked.
  const checks = new Map<string, CheckResult>();
  const check = (input: string, options: CheckOptions = {}): CheckResult => {
    let checked = checks.get(input);
    if (!checked) checks.set(input, (checked = checkTopology(input, options)));
    return checked;
  };
  try {
    const result = check(text);
    if (result.diagnostics.some((diagnostic) => diagnostic.code === 'internal-error')) {
      figures.throws++;
      fail('throw', result.diagnostics.find((diagnostic) => diagnostic.code === 'internal-error')!.message);
    }
    const problems = rangeProblems(text, result.diagnostics, true);
    if (problems.length > 0) {
      figures.badRanges++;
      fail('range', problems.join('; '));
    }
    // Every round of fix-all seen from the inside: the comments each round must keep.
    const rounds: { text: string; diagnostics: Diagnostic[] }[] = [];
    const recording = (input: string, options: CheckOptions): CheckResult => {
      const checked = check(input, options);
      rounds.push({ text: input, diagnostics: checked.diagnostics });
      return checked;
    };
    const fixed = fixAll(text, {}, recording);
    figures.fixesApplied += fixed.applied.length;
    figures.fixesDropped += fixed.dropped.length;
    if (fixed.changed) figures.documentsFixed++;
    const [errorsBefore, errorsAfter] = [parseErrorCount(text), parseErrorCount(fixed.text)];
    if (errorsAfter > errorsBefore) {
      figures.brokenFixes++;
      fail('broken fix', `${errorsBefore} YAML errors before, ${errorsAfter} after`);
    }
    const lost = rounds
      .slice(1)
      .flatMap((round, index) => lostComments(rounds[index].text, rounds[index].diagnostics, round.text));
    if (lost.length > 0) {
      figures.lostComments++;
      fail('comment lost', lost.join(' | '));
    }
    const again = fixAll(fixed.text, {}, check);
    if (again.text !== fixed.text) {
      figures.notIdempotent++;
      fail('not idempotent', `second fix-all applied ${again.applied.join(', ')}`);
    }
    const exports = new Map<ExportFormat, string>();
    for (const format of EXPORT_FORMATS) {
      exports.set(format, renderExport(result, format));
      figures.exports++;
    }
    if (result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return undefined;
    figures.cleanDocuments++;
    return exports;
  } catch (error) {
    figures.throws++;
    fail('throw', error instanceof Error ? (error.stack ?? error.message) : String(error));
    return undefined;
  }
}

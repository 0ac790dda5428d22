import { checkTopology, type CheckOptions, type CheckResult } from './check';
import type { Diagnostic, Fix, TextEdit } from './types';
import { applyEdits } from './yaml/edits';
import { parseTopology, type ParsedTopology } from './yaml/parse';

// Fix all: the safe fixes of a check, applied together and re-checked until nothing changes.
// Every edit is computed on the text of the round that applies it; a fix whose result parses
// worse than its input is dropped and reported, and no fix is ever applied twice.

export interface DroppedFix {
  title: string;
  reason: string;
  /** The reason by name, for a text in another language. */
  why: 'ineffective' | 'unparsable';
  fix: Fix;
}

export interface FixAllResult {
  text: string;
  changed: boolean;
  /** Fixes applied, by title, in order. */
  applied: string[];
  /** The same fixes (their titles in another language: fixTitleIn). */
  appliedFixes: Fix[];
  /** Safe fixes not applied: their result would parse worse than the text, or they do not resolve their finding. */
  dropped: DroppedFix[];
  remaining: Diagnostic[];
}

/** What makes two fixes the same one, across rounds too: offsets move, title and new text do not. */
export function fixIdentity(fix: Fix): string {
  return JSON.stringify([fix.title, fix.edits.map((edit) => [edit.newText, edit.creates ?? ''])]);
}

/** YAML errors of a text: a fix must not add any (undefined document value counts as one). */
export function parseErrorCount(text: string): number {
  return errorCountOf(parseTopology(text));
}

/** The same count for a text already parsed. */
export function errorCountOf(parsed: ParsedTopology): number {
  return parsed.doc.errors.length + (parsed.value === undefined && parsed.text.trim() !== '' ? 1 : 0);
}

/** True when applying the edits to `text` keeps it parsing at least as well as before. */
export function editsKeepParsing(text: string, edits: TextEdit[], before = parseErrorCount(text)): boolean {
  return parseErrorCount(applyEdits(text, edits)) <= before;
}

function clash(edit: TextEdit, taken: TextEdit[]): boolean {
  return taken.some(
    (other) =>
      (edit.creates !== undefined && edit.creates === other.creates) ||
      (edit.startOffset < other.endOffset &&
        other.startOffset < edit.endOffset &&
        !(edit.startOffset === edit.endOffset && other.startOffset === other.endOffset)),
  );
}

/**
 * The safe fixes of one file that can go together; the edits of one fix never split. `only`
 * narrows the choice to some of the fixes the diagnostics prefer (never to a fix they do not).
 */
export function safeFixes(
  diagnostics: Diagnostic[],
  skip: ReadonlySet<string> = new Set(),
  only: (fix: Fix) => boolean = () => true,
): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const fix =
      diagnostic.fixes?.find((candidate) => candidate.safe && candidate.preferred) ??
      diagnostic.fixes?.find((candidate) => candidate.safe);
    if (!fix || skip.has(fixIdentity(fix)) || !only(fix)) continue;
    if (fix.edits.some((edit) => clash(edit, taken))) continue;
    taken.push(...fix.edits);
    chosen.push(fix);
  }
  return chosen;
}

/**
 * A fix that puts a rule into a firewall (inserted, moved from another firewall or above a deny)
 * waits for a round in which no rule is repaired where it stands: the repaired rule may already
 * let the flow through (a swapped rule and a rule moved from the wrong firewall for the same flow
 * would leave two rules), and the fixes that are still needed are offered again on the repaired text.
 */
function addsRule(fix: Fix): boolean {
  return fix.kind === 'insert-rule' || fix.kind === 'move-rule';
}

/** This round's fixes: the repairs in place when there are any, else the rest. */
function roundFixes(diagnostics: Diagnostic[], done: ReadonlySet<string>): Fix[] {
  const repairs = safeFixes(diagnostics, done, (fix) => !addsRule(fix));
  return repairs.length > 0 ? repairs : safeFixes(diagnostics, done);
}

/**
 * The fixes of one round that keep the text parsing: all of them when together they do, else
 * each in turn on top of those already kept, so one bad fix does not cost the round the others.
 */
function keepParsing(text: string, before: number, fixes: Fix[]): { kept: Fix[]; dropped: Fix[] } {
  const together = fixes.flatMap((fix) => fix.edits);
  if (editsKeepParsing(text, together, before)) return { kept: fixes, dropped: [] };
  const kept: Fix[] = [];
  const dropped: Fix[] = [];
  for (const fix of fixes) {
    const trial = [...kept, fix].flatMap((candidate) => candidate.edits);
    (editsKeepParsing(text, trial, before) ? kept : dropped).push(fix);
  }
  return { kept, dropped };
}

/**
 * Applies every safe fix, re-checking between rounds: one fix can reveal the next (a moved rule
 * can make another flow pass), and a round never applies two fixes that touch the same text.
 * `check` is the check of each round (a test can hand in fixes the rules do not make).
 */
export function fixAll(
  text: string,
  options: CheckOptions = {},
  check: (text: string, options: CheckOptions) => CheckResult = checkTopology,
): FixAllResult {
  // A fix that is offered again after it was applied did not resolve its finding (the checker
  // read another occurrence than the edit wrote to, say): a second fix-all would apply it again.
  // Such fixes are left out and the fixes are redone from the start without them.
  const ineffective = new Set<string>();
  for (let attempt = 0; ; attempt++) {
    const result = fixRounds(text, options, check, ineffective);
    const again = safeFixes(result.remaining).filter((fix) => result.applied.has(fixIdentity(fix)));
    if (again.length === 0 || attempt === 3) return result.outcome;
    for (const fix of again) ineffective.add(fixIdentity(fix));
  }
}

function fixRounds(
  text: string,
  options: CheckOptions,
  check: (text: string, options: CheckOptions) => CheckResult,
  ineffective: ReadonlySet<string>,
): { outcome: FixAllResult; remaining: Diagnostic[]; applied: Set<string> } {
  let current = text;
  const applied: string[] = [];
  const appliedFixes: Fix[] = [];
  const dropped: DroppedFix[] = [];
  const done = new Set<string>();
  const appliedIds = new Set<string>();
  let last: CheckResult | undefined;
  for (let round = 0; round < 8; round++) {
    const checked = (last = check(current, options));
    for (const fix of safeFixes(checked.diagnostics, done)) {
      if (!ineffective.has(fixIdentity(fix))) continue;
      done.add(fixIdentity(fix));
      dropped.push({ title: fix.title, reason: 'it does not resolve its finding', why: 'ineffective', fix });
    }
    const candidates = roundFixes(checked.diagnostics, done);
    if (candidates.length === 0) break;
    // The edits were computed on checked.parsed.text and are applied to exactly that text.
    const before = errorCountOf(checked.parsed);
    const { kept, dropped: bad } = keepParsing(checked.parsed.text, before, candidates);
    for (const fix of candidates) done.add(fixIdentity(fix));
    for (const fix of bad)
      dropped.push({ title: fix.title, reason: 'its result would not parse', why: 'unparsable', fix });
    if (kept.length === 0) continue;
    const next = applyEdits(
      checked.parsed.text,
      kept.flatMap((fix) => fix.edits),
    );
    if (next === current) break;
    current = next;
    applied.push(...kept.map((fix) => fix.title));
    appliedFixes.push(...kept);
    for (const fix of kept) appliedIds.add(fixIdentity(fix));
  }
  const remaining = (last?.parsed.text === current ? last : check(current, options)).diagnostics;
  const outcome = { text: current, changed: current !== text, applied, appliedFixes, dropped, remaining };
  return { outcome, remaining, applied: appliedIds };
}

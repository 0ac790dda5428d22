import { checkTopology, type CheckOptions } from './check';
import type { Diagnostic, TextEdit } from './types';
import { applyEdits } from './yaml/edits';

// Fix all: the safe fixes of a check, applied together and re-checked until nothing changes.

export interface FixAllResult {
  text: string;
  changed: boolean;
  /** Fixes applied, by title, in order. */
  applied: string[];
  remaining: Diagnostic[];
}

/** Most fixes of one file, applied together; the edits of one fix never split. */
export function safeFixEdits(diagnostics: Diagnostic[]): { edits: TextEdit[]; titles: string[] } {
  const edits: TextEdit[] = [];
  const titles: string[] = [];
  const taken: [number, number][] = [];
  for (const diagnostic of diagnostics) {
    const fix =
      diagnostic.fixes?.find((candidate) => candidate.safe && candidate.preferred) ??
      diagnostic.fixes?.find((candidate) => candidate.safe);
    if (!fix) continue;
    const clashes = fix.edits.some((edit) =>
      taken.some(
        ([start, end]) =>
          edit.startOffset < end && start < edit.endOffset && !(edit.startOffset === edit.endOffset && start === end),
      ),
    );
    if (clashes) continue;
    for (const edit of fix.edits) taken.push([edit.startOffset, edit.endOffset]);
    edits.push(...fix.edits);
    titles.push(fix.title);
  }
  return { edits, titles };
}

/**
 * Applies every safe fix, re-checking between rounds: one fix can reveal the next (a moved rule
 * can make another flow pass), and a round never applies two fixes that touch the same text.
 */
export function fixAll(text: string, options: CheckOptions = {}): FixAllResult {
  let current = text;
  const applied: string[] = [];
  for (let round = 0; round < 8; round++) {
    const { diagnostics } = checkTopology(current, options);
    const { edits, titles } = safeFixEdits(diagnostics);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied.push(...titles);
  }
  return { text: current, changed: current !== text, applied, remaining: checkTopology(current, options).diagnostics };
}

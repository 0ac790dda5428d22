import type { SourceRange, TextEdit } from '../types';
import type { Splice } from './ruleSplice';

// Positions worked out on the previous version of a text, moved to the version spliced from it
// (ruleSplice.ts): what lies before the spliced lines stays, what lies after moves by the
// splice's characters and lines in the same column (the spliced text is whole lines), and what
// touches them cannot be moved (it may mean something else now).

/** Where [start, end] of the previous version lies: before the spliced lines, after them, or on them. */
export function sideOf(splice: Splice, start: number, end: number): 'before' | 'after' | 'on' {
  if (end < splice.start) return 'before';
  if (start > splice.oldEnd) return 'after';
  return 'on';
}

/** The rule of `firewall` at `index` (new version) is no spliced item, nor the one just before or after them. */
export function awayFromSplice(splice: Splice, firewall: string, index: number): boolean {
  if (firewall !== splice.firewall) return true;
  return index < splice.first - 1 || index > splice.first + splice.added;
}

/** A range that lies before or after the spliced lines, where it is now. */
export function movedRange(range: SourceRange, splice: Splice): SourceRange {
  if (range.endOffset < splice.start) return range;
  // On the same lines, its positions are the same (positions are never changed in place).
  if (splice.lines === 0)
    return {
      start: range.start,
      end: range.end,
      startOffset: range.startOffset + splice.delta,
      endOffset: range.endOffset + splice.delta,
    };
  return {
    start: { line: range.start.line + splice.lines, character: range.start.character },
    end: { line: range.end.line + splice.lines, character: range.end.character },
    startOffset: range.startOffset + splice.delta,
    endOffset: range.endOffset + splice.delta,
  };
}

export function movedEdit(edit: TextEdit, splice: Splice): TextEdit {
  if (edit.endOffset < splice.start) return edit;
  return { ...edit, startOffset: edit.startOffset + splice.delta, endOffset: edit.endOffset + splice.delta };
}

import { type Line, lineAt, type LineTable, type LineWatcher } from './cursorLines';

// The cursor's path is read by walking from its line to the lines that enclose it, counting the
// sibling items on the way (yaml/cursor.ts). In a firewall of 10,000 rules that walk crosses
// 50,000 lines for a rule in the middle. Runs of lines summarised here let it cross most of them
// a block at a time: a block whose lines all sit right of the column looked for, or at it, tells
// at once how many items and which keys it holds there, so the walk costs the blocks, not the lines.

/** Lines per block: small enough to summarise on the fly, large enough to cross few of them. */
export const BLOCK_LINES = 64;

/** What the lines of one block hold at their leftmost column (the lines with structure only). */
export interface BlockSummary {
  /** The smallest column of a line's first frame; Infinity when no line has a frame. */
  minCol: number;
  /** Lines whose first frame is a `- ` item at minCol. */
  items: number;
  /** Keys of the lines whose first frame is a key at minCol, top to bottom. */
  keys: string[];
  /** Whether one of those keys has nothing after its colon (it may open a compact sequence). */
  bareKey: boolean;
}

/** The summaries of one line table's blocks, worked out when first needed and dropped where an edit reached. */
export class LineBlocks implements LineWatcher {
  private summaries: (BlockSummary | undefined)[] = [];

  /** A table read afresh has every summary worked out in the same pass: none is left for the first request. */
  add(line: Line, index: number): void {
    if (index === 0) this.summaries = [];
    const block = Math.floor(index / BLOCK_LINES);
    if (index % BLOCK_LINES === 0) this.summaries[block] = emptySummary();
    added(this.summaries[block]!, line);
  }

  spliced(first: number, removed: number, inserted: number): void {
    const from = Math.floor(first / BLOCK_LINES);
    // Lines that moved belong to other blocks now: every block from the edit on is stale.
    if (removed !== inserted) this.summaries.length = Math.min(this.summaries.length, from);
    else
      for (let block = from; block <= Math.floor((first + inserted - 1) / BLOCK_LINES); block++)
        this.summaries[block] = undefined;
  }

  /** The summary of block `block` (lines block·BLOCK_LINES onwards) of the table. */
  summary(table: LineTable, block: number): BlockSummary {
    return (this.summaries[block] ??= summarise(table, block * BLOCK_LINES));
  }
}

const emptySummary = (): BlockSummary => ({ minCol: Infinity, items: 0, keys: [], bareKey: false });

function summarise(table: LineTable, start: number): BlockSummary {
  const summary = emptySummary();
  const end = Math.min(table.count, start + BLOCK_LINES);
  for (let j = start; j < end; j++) added(summary, lineAt(table, j));
  return summary;
}

function added(summary: BlockSummary, line: Line): void {
  const first = line.frames[0];
  if (line.empty || !first || first.col > summary.minCol) return;
  if (first.col < summary.minCol) Object.assign(summary, { minCol: first.col, items: 0, keys: [], bareKey: false });
  if (first.type === 'item') summary.items++;
  else {
    // A summary outlives the text it was read from (edits elsewhere keep it): a key of its own, not a slice of it.
    summary.keys.push(detached(first.key as string));
    if (!first.rest) summary.bareKey = true;
  }
}

/**
 * A copy of a key that does not hold on to the text it was cut from: V8 keeps a slice of 13
 * characters or more as a view of its parent; a concatenation, flattened by the slice after it,
 * is a string of its own.
 */
function detached(key: string): string {
  return key.length < 13 ? key : (' ' + key).slice(1);
}

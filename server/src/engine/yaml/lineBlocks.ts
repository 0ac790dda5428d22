import type { Line } from './cursorLines';

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
export class LineBlocks {
  private summaries: (BlockSummary | undefined)[] = [];

  /** All of them stale: another text, or one read afresh. */
  reset(): void {
    this.summaries = [];
  }

  /** Lines `first`..`first + removed - 1` were replaced by `inserted` lines. */
  spliced(first: number, removed: number, inserted: number): void {
    const from = Math.floor(first / BLOCK_LINES);
    // Lines that moved belong to other blocks now: every block from the edit on is stale.
    if (removed !== inserted) this.summaries.length = Math.min(this.summaries.length, from);
    else
      for (let block = from; block <= Math.floor((first + inserted - 1) / BLOCK_LINES); block++)
        this.summaries[block] = undefined;
  }

  /** The summary of block `block` (lines block·BLOCK_LINES onwards) of `lines`. */
  summary(lines: readonly Line[], block: number): BlockSummary {
    return (this.summaries[block] ??= summarise(lines, block * BLOCK_LINES));
  }
}

function summarise(lines: readonly Line[], start: number): BlockSummary {
  const summary: BlockSummary = { minCol: Infinity, items: 0, keys: [], bareKey: false };
  const end = Math.min(lines.length, start + BLOCK_LINES);
  for (let j = start; j < end; j++) {
    const first = lines[j].frames[0];
    if (lines[j].empty || !first || first.col > summary.minCol) continue;
    if (first.col < summary.minCol) Object.assign(summary, { minCol: first.col, items: 0, keys: [], bareKey: false });
    if (first.type === 'item') summary.items++;
    else {
      summary.keys.push(first.key as string);
      if (!first.rest) summary.bareKey = true;
    }
  }
  return summary;
}

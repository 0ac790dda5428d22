import type { Splice } from '../yaml/ruleSplice';
import { movedEdit, sideOf } from '../yaml/spliceMoves';
import type { Diagnostic, Fix } from '../types';

// The fixes of a finding a session keeps (keptFindings.ts), held as one JSON string and the
// edits' offsets instead of objects: at 20k rules the fix objects of the kept findings were 11 MB
// of the check worker's heap, and only a code action (or a conversion of a new finding) reads them.
// `fixes` stays an enumerable property of the finding: reading it gives the same fixes, fresh.
// The offsets live apart from the JSON so that moving a finding to where an edit put it copies
// numbers, not the text.

/** The fixes' JSON with every edit's offsets 0, whether one of them is safe (1 or 0), then each edit's offsets. */
type Packed = [string, number, ...number[]];

const PACKED = Symbol('packed fixes');

interface Packable {
  [PACKED]?: Packed;
}

const JSON_START = 2;

function unpack(packed: Packed): Fix[] {
  const fixes = JSON.parse(packed[0]) as Fix[];
  let at = JSON_START;
  for (const fix of fixes)
    for (const edit of fix.edits) {
      edit.startOffset = packed[at++] as number;
      edit.endOffset = packed[at++] as number;
    }
  return fixes;
}

/** One accessor for every packed finding (see rule.ts's LAZY_FIXES): a written value replaces the packed fixes. */
const PACKED_FIXES: PropertyDescriptor = {
  get(this: Packable): Fix[] {
    return unpack(this[PACKED]!);
  },
  set(this: Packable, value: Fix[] | undefined) {
    this[PACKED] = undefined;
    Object.defineProperty(this, 'fixes', { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
};

/** Whether JSON.parse(JSON.stringify(value)) is deep-strict-equal to it: plain data with no undefined in it. */
function isPlain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let k = 0; k < value.length; k++) if (!(k in value) || !isPlain(value[k])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0)
        return false;
      for (const [key, item] of Object.entries(value))
        if (key === '__proto__' || item === undefined || !isPlain(item)) return false;
      return true;
    }
    default:
      return false;
  }
}

function packedOf(fixes: Fix[]): Packed | undefined {
  if (!isPlain(fixes)) return undefined;
  const packed: Packed = ['', 0];
  const blank = fixes.map((fix) => {
    if (fix.safe) packed[1] = 1;
    return {
      ...fix,
      edits: fix.edits.map((edit) => {
        packed.push(edit.startOffset, edit.endOffset);
        return { ...edit, startOffset: 0, endOffset: 0 };
      }),
    };
  });
  packed[0] = JSON.stringify(blank);
  return packed;
}

/**
 * The finding with its fixes packed, a copy (the same keys in the same order), when it has fixes
 * and they are plain data (the checks write them so); else the finding itself.
 */
export function withPackedFixes(finding: Diagnostic): Diagnostic {
  if ((finding as Packable)[PACKED] !== undefined) return finding;
  const fixes = finding.fixes;
  const packed = fixes && packedOf(fixes);
  return packed ? copyOf(finding, finding.range, packed) : finding;
}

/**
 * A copy with `range` and `packed` as its fixes, built key by key: turning the finding's `fixes`
 * into an accessor in place would make V8 hold it as a dictionary, several times its size.
 */
function copyOf(finding: Diagnostic, range: Diagnostic['range'], packed: Packed): Diagnostic {
  const copy = {} as Record<string, unknown>;
  const source = finding as unknown as Record<string, unknown>;
  for (const key of Object.keys(finding))
    if (key === 'fixes') Object.defineProperty(copy, 'fixes', PACKED_FIXES);
    else copy[key] = key === 'range' ? range : source[key];
  Object.defineProperty(copy, PACKED, { value: packed, writable: true });
  return copy as unknown as Diagnostic;
}

/** The packed fixes of a finding; undefined when it holds them as objects. */
function packedFixesOf(finding: Diagnostic): Packed | undefined {
  return (finding as Packable)[PACKED];
}

/** Whether one of the finding's fixes is safe, without unpacking them. */
export function hasSafeFix(finding: Diagnostic): boolean {
  const packed = packedFixesOf(finding);
  if (packed) return packed[1] === 1;
  return finding.fixes?.some((fix) => fix.safe) ?? false;
}

/** Where the edits of the fixes lie: all before the splice (or no edits), some after it, or one on it. */
export function sideOfFixes(finding: Diagnostic, splice: Splice): 'before' | 'after' | 'on' {
  let where: 'before' | 'after' = 'before';
  const packed = packedFixesOf(finding);
  if (packed) {
    for (let at = JSON_START; at < packed.length; at += 2) {
      const side = sideOf(splice, packed[at] as number, packed[at + 1] as number);
      if (side === 'on') return side;
      if (side === 'after') where = side;
    }
    return where;
  }
  for (const fix of finding.fixes ?? [])
    for (const edit of fix.edits) {
      const side = sideOf(splice, edit.startOffset, edit.endOffset);
      if (side === 'on') return side;
      if (side === 'after') where = side;
    }
  return where;
}

/**
 * A copy of the finding with `range` and `related`, and its fixes moved by the splice (none lies on
 * it: see sideOfFixes); the keys in the finding's order, its packed fixes packed still.
 */
export function movedCopy(finding: Diagnostic, range: Diagnostic['range'], splice: Splice): Diagnostic {
  const packed = packedFixesOf(finding);
  if (!packed) {
    const moved: Diagnostic = { ...finding, range };
    if (finding.fixes)
      moved.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => movedEdit(edit, splice)) }));
    return moved;
  }
  const shifted = packed.slice() as Packed;
  for (let at = JSON_START; at < shifted.length; at += 2)
    // As movedEdit moves an edit.
    if ((shifted[at + 1] as number) >= splice.start) {
      shifted[at] = (shifted[at] as number) + splice.delta;
      shifted[at + 1] = (shifted[at + 1] as number) + splice.delta;
    }
  return copyOf(finding, range, shifted);
}

import type { Splice } from '../yaml/ruleSplice';
import { movedEdit, movedRange, sideOf } from '../yaml/spliceMoves';
import type { Diagnostic, Fix, RelatedLocation } from '../types';

// The fixes of a finding a session keeps (keptFindings.ts), held as one JSON string and the
// edits' offsets instead of objects: at 20k rules the fix objects of the kept findings were 11 MB
// of the check worker's heap, and only a code action (or a conversion of a new finding) reads them.
// `fixes` stays an enumerable property of the finding: reading it gives the same fixes, fresh.
// The offsets live apart from the JSON so that moving a finding to where an edit put it copies
// numbers, not the text. Its related locations likewise, as their messages and numbers: four
// objects each (the location, its range and two positions), ~1.5 MB at 20k rules, read only by
// a publication of the finding once per version.

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

/**
 * One accessor for a packed property of every packed finding (see rule.ts's LAZY_FIXES): a read
 * makes the objects again from what `slot` holds, a written value replaces the packed form.
 */
function packedAccessor<Value>(
  name: 'fixes' | 'related',
  slot: symbol,
  unpackValue: (packed: never) => Value,
): PropertyDescriptor {
  return {
    get(this: Record<symbol, unknown>): Value {
      return unpackValue(this[slot] as never);
    },
    set(this: Record<symbol, unknown>, value: Value | undefined) {
      this[slot] = undefined;
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  };
}

const PACKED_FIXES = packedAccessor('fixes', PACKED, unpack);

/**
 * The related locations' messages, then each one's POSITIONS numbers: its range's start and end
 * line and character, and its offsets.
 */
type PackedRelated = (string | number)[];

const PACKED_RELATED = Symbol('packed related');

interface PackableRelated {
  [PACKED_RELATED]?: PackedRelated;
}

const POSITIONS = 6;

/**
 * Whether the location has the keys a check writes, in their order, and nothing else: made again
 * from its numbers, it is the same.
 */
function isPackable(item: RelatedLocation): boolean {
  if (!sameKeys(item, RELATED_KEYS) || typeof item.message !== 'string') return false;
  const { range } = item;
  if (!sameKeys(range, RANGE_KEYS) || !sameKeys(range.start, POSITION_KEYS) || !sameKeys(range.end, POSITION_KEYS))
    return false;
  const numbers = [range.start.line, range.start.character, range.end.line, range.end.character];
  return [...numbers, range.startOffset, range.endOffset].every((n) => Number.isInteger(n) && !Object.is(n, -0));
}

const RELATED_KEYS = ['range', 'message'];
const RANGE_KEYS = ['start', 'end', 'startOffset', 'endOffset'];
const POSITION_KEYS = ['line', 'character'];

function sameKeys(value: unknown, keys: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const own = Reflect.ownKeys(value);
  return own.length === keys.length && own.every((key, k) => key === keys[k]);
}

function packedRelatedOf(related: readonly RelatedLocation[]): PackedRelated | undefined {
  if (!related.every(isPackable)) return undefined;
  const numbers: number[] = [];
  for (const { range } of related)
    numbers.push(
      range.start.line,
      range.start.character,
      range.end.line,
      range.end.character,
      range.startOffset,
      range.endOffset,
    );
  // One array of exactly their length: one grown by pushing keeps room to grow by half.
  const packed: PackedRelated = related.map((item) => item.message);
  return packed.concat(numbers);
}

function unpackRelated(packed: PackedRelated): RelatedLocation[] {
  const count = packed.length / (1 + POSITIONS);
  const related: RelatedLocation[] = [];
  for (let k = 0, at = count; k < count; k++, at += POSITIONS) {
    const n = (offset: number) => packed[at + offset] as number;
    related.push({
      range: {
        start: { line: n(0), character: n(1) },
        end: { line: n(2), character: n(3) },
        startOffset: n(4),
        endOffset: n(5),
      },
      message: packed[k] as string,
    });
  }
  return related;
}

const PACKED_RELATED_LOCATIONS = packedAccessor('related', PACKED_RELATED, unpackRelated);

/** The packed related locations of a finding; undefined when it holds them as objects. */
function relatedPackedIn(finding: Diagnostic): PackedRelated | undefined {
  return (finding as PackableRelated)[PACKED_RELATED];
}

/** How many related locations the finding has, without making them again. */
export function relatedCount(finding: Diagnostic): number {
  const packed = relatedPackedIn(finding);
  return packed ? packed.length / (1 + POSITIONS) : (finding.related?.length ?? 0);
}

/** Where the finding's related locations lie: all before the splice (or none), some after it, or one on it. */
export function sideOfRelated(finding: Diagnostic, splice: Splice): 'before' | 'after' | 'on' {
  let where: 'before' | 'after' = 'before';
  const packed = relatedPackedIn(finding);
  const related = packed ? undefined : (finding.related ?? []);
  const count = packed ? packed.length / (1 + POSITIONS) : related!.length;
  for (let k = 0; k < count; k++) {
    const at = count + k * POSITIONS;
    const side = packed
      ? sideOf(splice, packed[at + 4] as number, packed[at + 5] as number)
      : sideOf(splice, related![k].range.startOffset, related![k].range.endOffset);
    if (side === 'on') return side;
    if (side === 'after') where = side;
  }
  return where;
}

/** The packed related locations moved by the splice, as movedRange moves a range. */
function movedRelated(packed: PackedRelated, splice: Splice): PackedRelated {
  const moved = packed.slice();
  for (let at = packed.length / (1 + POSITIONS); at < packed.length; at += POSITIONS) {
    if ((moved[at + 5] as number) < splice.start) continue;
    moved[at] = (moved[at] as number) + splice.lines;
    moved[at + 2] = (moved[at + 2] as number) + splice.lines;
    moved[at + 4] = (moved[at + 4] as number) + splice.delta;
    moved[at + 5] = (moved[at + 5] as number) + splice.delta;
  }
  return moved;
}

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
 * The finding with its fixes and related locations packed, a copy (the same keys in the same
 * order), when it has either and they are plain data (the checks write them so); else the finding itself.
 */
export function packedFinding(finding: Diagnostic): Diagnostic {
  if ((finding as Packable)[PACKED] !== undefined || relatedPackedIn(finding) !== undefined) return finding;
  const fixes = finding.fixes && packedOf(finding.fixes);
  const related = finding.related && finding.related.length > 0 ? packedRelatedOf(finding.related) : undefined;
  return fixes || related ? copyOf(finding, finding.range, fixes, related) : finding;
}

/**
 * A copy with `range`, and `fixes` and `related` packed when given, built key by key: turning the
 * finding's properties into accessors in place would make V8 hold it as a dictionary, several times its size.
 */
function copyOf(
  finding: Diagnostic,
  range: Diagnostic['range'],
  fixes: Packed | undefined,
  related: PackedRelated | undefined,
): Diagnostic {
  const copy = {} as Record<string, unknown>;
  const source = finding as unknown as Record<string, unknown>;
  for (const key of Object.keys(finding))
    if (key === 'fixes' && fixes) Object.defineProperty(copy, 'fixes', PACKED_FIXES);
    else if (key === 'related' && related) Object.defineProperty(copy, 'related', PACKED_RELATED_LOCATIONS);
    else copy[key] = key === 'range' ? range : source[key];
  if (fixes) Object.defineProperty(copy, PACKED, { value: fixes, writable: true });
  if (related) Object.defineProperty(copy, PACKED_RELATED, { value: related, writable: true });
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
 * A copy of the finding with `range`, and its related locations and fixes moved by the splice
 * (none lies on it: see sideOfRelated, sideOfFixes); the keys in the finding's order, what was
 * packed packed still.
 */
export function movedCopy(finding: Diagnostic, range: Diagnostic['range'], splice: Splice): Diagnostic {
  const packed = packedFixesOf(finding);
  const related = relatedPackedIn(finding);
  if (!packed && !related) {
    const moved: Diagnostic = { ...finding, range };
    if (finding.fixes)
      moved.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => movedEdit(edit, splice)) }));
    if (finding.related)
      moved.related = finding.related.map((item) => ({ ...item, range: movedRange(item.range, splice) }));
    return moved;
  }
  let shifted: Packed | undefined;
  if (packed) {
    shifted = packed.slice() as Packed;
    for (let at = JSON_START; at < shifted.length; at += 2)
      // As movedEdit moves an edit.
      if ((shifted[at + 1] as number) >= splice.start) {
        shifted[at] = (shifted[at] as number) + splice.delta;
        shifted[at + 1] = (shifted[at + 1] as number) + splice.delta;
      }
  }
  const moved = copyOf(finding, range, shifted, related && movedRelated(related, splice));
  // A finding packed but for its fixes (or its related locations) holds them as objects: moved too.
  if (!packed && finding.fixes)
    moved.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => movedEdit(edit, splice)) }));
  if (!related && finding.related)
    moved.related = finding.related.map((item) => ({ ...item, range: movedRange(item.range, splice) }));
  return moved;
}

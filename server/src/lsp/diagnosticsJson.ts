import { findingOrigin, relatedCount } from '../engine/index';
import type { Diagnostic, Locale, RelatedLocation, SourceRange } from '../engine/index';
import { toLspDiagnostic } from './convert';
import type { Settings } from './settings';

// The published diagnostics of a check as the UTF-8 JSON the worker hands over (checkWorker.ts):
// JSON.stringify(toLspDiagnostics(...)), byte for byte. A re-check keeps most findings, or moves
// them (rules/keptFindings.ts): the texts of each are converted and encoded once per language,
// severity setting and document, and kept as bytes; a version writes its positions, version and
// index between them. Positions are never kept: a finding moved down by a line costs its digits,
// not a new conversion. Building a string of 20k findings and encoding it again on the main
// thread cost more than the incremental re-check itself; bytes cross threads without a copy.
// The kept bytes of all findings of a document lie in one buffer, with a table of where each
// finding's lie: a buffer (or an object) per finding cost three times its bytes. A publication
// appends the findings new since; once the findings gone since hold as much as the live ones,
// it copies the live ones into a buffer of their own, so garbage never outgrows them.

/** The bytes of a document's published findings, for its next publication. */
interface Kept {
  locale: Locale;
  /** The severity settings, as JSON. */
  severity: string;
  uri: string;
  store: Store;
}

/**
 * What one document's findings were published with, for its next publication (the worker holds
 * one per open document): pieces a finding kept or moved since is written from, not converted again.
 */
export interface PublishedPieces {
  kept?: Kept;
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** The JSON of data's version and index of the placeholder conversion, which the pieces are cut around. */
const DATA_HEAD = ',"data":{"version":null,"index":0';
const SEVERITY_KEY = ',"severity":';
const MESSAGE_KEY = ',"message":';
const RELATED_KEY = ',"relatedInformation":';
/** What a range's four numbers are written between; `}}` closing it starts the piece after it. */
const FINDING_HEAD = bytes('{"range":{"start":{"line":');
const CHARACTER = bytes(',"character":');
const RANGE_END = bytes('},"end":{"line":');
const RELATED_START = bytes(`${RELATED_KEY}[`);
/** Between a related location's range and its message, which its brace closes. */
const RELATED_MESSAGE = bytes(`}}}${MESSAGE_KEY}`);
const [COMMA, OPEN, CLOSE, BRACE] = [0x2c, 0x5b, 0x5d, 0x7d];
const RANGE_BYTES = 2 * CHARACTER.length + RANGE_END.length;
const SLOT = 3;

/**
 * From the `}}` closing the range to the message's key: the same for every finding of a code and
 * severity, so written once, whatever the document.
 */
const heads: Buffer[] = [];
const headIds = new Map<string, number>();

function headOf(text: string): number {
  let id = headIds.get(text);
  if (id === undefined) {
    headIds.set(text, (id = heads.length));
    heads.push(bytes(text));
  }
  return id;
}

/** `{"location":{"uri":…,"range":{"start":{"line":`, which every related location of one document starts with. */
let locationHead = { uri: '', bytes: bytes('') };

function locationOf(uri: string): Buffer {
  if (locationHead.uri !== uri || locationHead.bytes.length === 0)
    locationHead = { uri, bytes: bytes(`{"location":{"uri":${JSON.stringify(uri)},"range":{"start":{"line":`) };
  return locationHead.bytes;
}

class Ints {
  values = new Int32Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Byte by byte below this length: a call that copies costs more. */
const SHORT = 32;

function copyBytes(source: Uint8Array, start: number, end: number, target: Uint8Array, at: number): void {
  if (end - start > SHORT) target.set(source.subarray(start, end), at);
  else for (let k = start; k < end; k++) target[at++] = source[k];
}

/**
 * The findings' slots of a document, in one buffer that grows as slots are added. By slot, `table`
 * holds its head (in `heads`), its related locations' count, and where its bounds start in
 * `bounds`: where its message starts, then where its message, data and each related message end.
 */
class Store {
  readonly slots = new Map<object, number>();
  readonly table = new Ints();
  readonly bounds = new Ints();
  bytes: Buffer;
  at = 0;

  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafeSlow(capacity);
  }

  room(length: number): void {
    if (this.at + length <= this.bytes.length) return;
    // A quarter more once large: the spare room is kept with the document.
    const size = this.bytes.length;
    const grown = Buffer.allocUnsafeSlow(Math.max(size < 1 << 20 ? 2 * size : size + (size >> 2), this.at + length));
    copyBytes(this.bytes, 0, this.at, grown, 0);
    this.bytes = grown;
  }

  text(value: string): void {
    this.room(Buffer.byteLength(value, 'utf8'));
    this.at += this.bytes.write(value, this.at, 'utf8');
    this.bounds.push(this.at);
  }

  /** A new slot: its head and related count; its pieces follow. */
  slot(origin: object, head: number, related: number): number {
    const slot = this.table.length / SLOT;
    this.slots.set(origin, slot);
    this.table.push(head);
    this.table.push(related);
    this.table.push(this.bounds.length);
    this.bounds.push(this.at);
    return slot;
  }

  /** The related count of a slot. */
  related(slot: number): number {
    return this.table.values[slot * SLOT + 1];
  }

  /** The bytes a slot's pieces take. */
  size(slot: number): number {
    const first = this.table.values[slot * SLOT + 2];
    return this.bounds.values[first + 2 + this.related(slot)] - this.bounds.values[first];
  }

  /** A slot of another store's, its bytes copied. */
  copied(origin: object, from: Store, slot: number): number {
    const related = from.related(slot);
    const first = from.table.values[slot * SLOT + 2];
    const start = from.bounds.values[first];
    const end = from.bounds.values[first + 2 + related];
    const copy = this.slot(origin, from.table.values[slot * SLOT], related);
    this.room(end - start);
    copyBytes(from.bytes, start, end, this.bytes, this.at);
    for (let k = 1; k <= 2 + related; k++) this.bounds.push(from.bounds.values[first + k] - start + this.at);
    this.at += end - start;
    return copy;
  }
}

/** The slot of a finding the settings do not turn off, converted now when the store has none for it. */
function slotOf(finding: Diagnostic, store: Store, uri: string, settings: Settings): number | undefined {
  if (settings.severity[finding.code] === 'off') return undefined;
  const origin = findingOrigin(finding);
  const related = relatedCount(finding);
  const known = store.slots.get(origin);
  if (known !== undefined && store.related(known) === related) return known;
  const lsp = toLspDiagnostic(finding, 0, uri, null, settings);
  if (!lsp) return undefined;
  const json = JSON.stringify(lsp);
  // Keys are written in the order toLspDiagnostic sets them; the range holds only numbers, and the
  // quotes around these keys cannot occur unescaped inside a string value.
  const middleAt = json.indexOf(SEVERITY_KEY);
  const messageAt = json.indexOf(MESSAGE_KEY, middleAt) + MESSAGE_KEY.length;
  const dataAt = json.indexOf(DATA_HEAD, messageAt);
  const relatedAt = json.indexOf(RELATED_KEY, dataAt);
  const items = lsp.relatedInformation ?? [];
  const slot = store.slot(origin, headOf(`}}${json.slice(middleAt, messageAt)}`), items.length);
  store.text(json.slice(messageAt, dataAt));
  store.text(json.slice(dataAt + DATA_HEAD.length, relatedAt < 0 ? json.length - 1 : relatedAt));
  for (const item of items) store.text(JSON.stringify(item.message));
  return slot;
}

/** Room for this much more than the live slots when a store is compacted. */
const HEADROOM = 1 / 8;

/**
 * The store with the slots of this publication (`slots` by finding), the live ones copied into
 * a new store when the rest take more room than they do.
 */
function compacted(store: Store, diagnostics: readonly Diagnostic[], slots: (number | undefined)[]): Store {
  let live = 0;
  let count = 0;
  for (const slot of slots)
    if (slot !== undefined) {
      live += store.size(slot);
      count++;
    }
  if (store.at <= 2 * live + (1 << 16) && store.slots.size <= 2 * count + 1024) return store;
  const next = new Store(Math.ceil(live * (1 + HEADROOM)) + 1024);
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index];
    if (slot === undefined) continue;
    const origin = findingOrigin(diagnostics[index]);
    const known = next.slots.get(origin);
    slots[index] = known ?? next.copied(origin, store, slot);
  }
  return next;
}

/** How many digits JSON.stringify writes for a position or an index; 0 when it is no plain count. */
function digitsOf(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) return 0;
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}

function numberLength(value: number): number {
  return digitsOf(value) || JSON.stringify(value).length;
}

/** The bytes between a range's head and the piece after it. */
function rangeLength({ start, end }: SourceRange): number {
  return (
    RANGE_BYTES +
    numberLength(start.line) +
    numberLength(start.character) +
    numberLength(end.line) +
    numberLength(end.character)
  );
}

/** Writes into a buffer of the exact length, summed up beforehand. */
class Writer {
  at = 0;
  constructor(readonly out: Buffer) {}

  bytes(piece: Uint8Array): void {
    const length = piece.length;
    if (length > SHORT) this.out.set(piece, this.at);
    else for (let k = 0; k < length; k++) this.out[this.at + k] = piece[k];
    this.at += length;
  }

  /** The bytes [start, end) of `source`. */
  slice(source: Buffer, start: number, end: number): void {
    copyBytes(source, start, end, this.out, this.at);
    this.at += end - start;
  }

  byte(value: number): void {
    this.out[this.at++] = value;
  }

  number(value: number): void {
    const digits = digitsOf(value);
    if (digits === 0) {
      this.at += this.out.write(JSON.stringify(value), this.at, 'latin1');
      return;
    }
    let rest = value;
    for (let k = this.at + digits - 1; k >= this.at; k--) {
      this.out[k] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    this.at += digits;
  }

  /** `head`, then the range up to the braces that close it. */
  range(head: Uint8Array, { start, end }: SourceRange): void {
    this.bytes(head);
    this.number(start.line);
    this.bytes(CHARACTER);
    this.number(start.character);
    this.bytes(RANGE_END);
    this.number(end.line);
    this.bytes(CHARACTER);
    this.number(end.character);
  }
}

/**
 * The UTF-8 bytes of JSON.stringify(toLspDiagnostics(diagnostics, uri, version, settings)),
 * `locale` the server's language; `pieces` what the document's last publication was made of, which
 * this one replaces. The buffer is its own (never a pool's): it may be transferred.
 */
export function lspDiagnosticsBytes(
  diagnostics: readonly Diagnostic[],
  uri: string,
  version: number | null,
  settings: Settings,
  locale: Locale,
  pieces: PublishedPieces = {},
): Buffer {
  const severity = JSON.stringify(settings.severity);
  const last = pieces.kept;
  const reusable = last && last.locale === locale && last.severity === severity && last.uri === uri;
  let store = reusable ? last.store : new Store();
  const slots: (number | undefined)[] = new Array(diagnostics.length);
  for (let index = 0; index < diagnostics.length; index++)
    slots[index] = slotOf(diagnostics[index], store, uri, settings);
  store = compacted(store, diagnostics, slots);
  pieces.kept = { locale, severity, uri, store };
  const table = store.table.values;
  const bounds = store.bounds.values;
  const data = bytes(`,"data":{"version":${JSON.stringify(version)},"index":`);
  const location = locationOf(uri);
  let length = 2;
  let published = 0;
  const relatedOf: (RelatedLocation[] | undefined)[] = [];
  for (let index = 0; index < diagnostics.length; index++) {
    const slot = slots[index];
    if (slot === undefined) continue;
    const finding = diagnostics[index];
    const [head, count, first] = [table[slot * SLOT], table[slot * SLOT + 1], table[slot * SLOT + 2]];
    published++;
    length += FINDING_HEAD.length + rangeLength(finding.range) + heads[head].length;
    length += data.length + numberLength(index) + (bounds[first + 2] - bounds[first]) + 1;
    if (count > 0) {
      // Read once: a kept finding makes its related locations again on each read (packedFixes.ts).
      const related = (relatedOf[index] = finding.related!);
      // The commas between the locations, and the closing bracket.
      length += RELATED_START.length + count;
      length += bounds[first + 2 + count] - bounds[first + 2];
      for (let k = 0; k < count; k++)
        length += location.length + rangeLength(related[k].range) + RELATED_MESSAGE.length + 1;
    }
  }
  length += Math.max(published - 1, 0);
  const writer = new Writer(Buffer.allocUnsafeSlow(length));
  const piece = (start: number, end: number) => writer.slice(store.bytes, start, end);
  writer.byte(OPEN);
  let first = true;
  for (let index = 0; index < diagnostics.length; index++) {
    const slot = slots[index];
    if (slot === undefined) continue;
    if (!first) writer.byte(COMMA);
    first = false;
    const finding = diagnostics[index];
    const [head, count, at] = [table[slot * SLOT], table[slot * SLOT + 1], table[slot * SLOT + 2]];
    writer.range(FINDING_HEAD, finding.range);
    writer.bytes(heads[head]);
    piece(bounds[at], bounds[at + 1]);
    writer.bytes(data);
    writer.number(index);
    piece(bounds[at + 1], bounds[at + 2]);
    if (count > 0) {
      const related = relatedOf[index]!;
      writer.bytes(RELATED_START);
      for (let k = 0; k < count; k++) {
        if (k > 0) writer.byte(COMMA);
        writer.range(location, related[k].range);
        writer.bytes(RELATED_MESSAGE);
        piece(bounds[at + 2 + k], bounds[at + 3 + k]);
        writer.byte(BRACE);
      }
      writer.byte(CLOSE);
    }
    writer.byte(BRACE);
  }
  writer.byte(CLOSE);
  if (writer.at !== length) throw new Error(`diagnostics JSON: ${writer.at} bytes written of ${length}`);
  return writer.out;
}

import { findingOrigin } from '../engine/index';
import type { Diagnostic, Locale, SourceRange } from '../engine/index';
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
// finding's lie: a buffer (or an object) per finding cost three times its bytes. Each
// publication copies those of its findings into a new buffer, so nothing of the findings gone
// since is kept.

/** The bytes of one publication's findings, for the next publication of the same document. */
interface Kept {
  locale: Locale;
  /** The severity settings, as JSON. */
  severity: string;
  uri: string;
  /** By the origin of each finding: its slot. */
  slots: Map<object, number>;
  /** By slot: its head (in `heads`), its related locations' count, and where its bounds start in `bounds`. */
  table: Int32Array;
  /** By slot from its first: where its message starts, then where its message, data and each related message end. */
  bounds: Int32Array;
  bytes: Buffer;
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

  /** The values, in an array of their own length. */
  done(): Int32Array {
    return this.values.slice(0, this.length);
  }
}

/** The pieces of one publication as they are built: the findings' slots in one growing buffer. */
class Builder {
  readonly slots = new Map<object, number>();
  readonly table = new Ints();
  readonly bounds = new Ints();
  bytes = Buffer.allocUnsafeSlow(1 << 16);
  at = 0;

  room(length: number): void {
    if (this.at + length <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.at + length));
    this.bytes.copy(grown, 0, 0, this.at);
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

  /** A slot of the last publication's, its bytes copied. */
  copied(origin: object, kept: Kept, from: number): number {
    const related = kept.table[from * SLOT + 1];
    const first = kept.table[from * SLOT + 2];
    const start = kept.bounds[first];
    const end = kept.bounds[first + 2 + related];
    const slot = this.slot(origin, kept.table[from * SLOT], related);
    this.room(end - start);
    kept.bytes.copy(this.bytes, this.at, start, end);
    for (let k = 1; k <= 2 + related; k++) this.bounds.push(kept.bounds[first + k] - start + this.at);
    this.at += end - start;
    return slot;
  }

  done(locale: Locale, severity: string, uri: string): Kept {
    const kept = Buffer.allocUnsafeSlow(this.at);
    this.bytes.copy(kept, 0, 0, this.at);
    return {
      locale,
      severity,
      uri,
      slots: this.slots,
      table: this.table.done(),
      bounds: this.bounds.done(),
      bytes: kept,
    };
  }
}

/** The slot of a finding the settings do not turn off, converted now when the last publication had none. */
function slotOf(
  finding: Diagnostic,
  builder: Builder,
  kept: Kept | undefined,
  uri: string,
  settings: Settings,
): number | undefined {
  if (settings.severity[finding.code] === 'off') return undefined;
  const origin = findingOrigin(finding);
  const related = finding.related?.length ?? 0;
  const known = builder.slots.get(origin);
  if (known !== undefined && builder.table.values[known * SLOT + 1] === related) return known;
  const from = kept?.slots.get(origin);
  if (from !== undefined && kept!.table[from * SLOT + 1] === related) return builder.copied(origin, kept!, from);
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
  const slot = builder.slot(origin, headOf(`}}${json.slice(middleAt, messageAt)}`), items.length);
  builder.text(json.slice(messageAt, dataAt));
  builder.text(json.slice(dataAt + DATA_HEAD.length, relatedAt < 0 ? json.length - 1 : relatedAt));
  for (const item of items) builder.text(JSON.stringify(item.message));
  return slot;
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

/** Shorter pieces are copied byte by byte: a set() call costs more than that. */
const SHORT = 32;

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
    const length = end - start;
    if (length > SHORT) source.copy(this.out, this.at, start, end);
    else for (let k = 0; k < length; k++) this.out[this.at + k] = source[start + k];
    this.at += length;
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
  const kept = last && last.locale === locale && last.severity === severity && last.uri === uri ? last : undefined;
  const builder = new Builder();
  const slots: (number | undefined)[] = new Array(diagnostics.length);
  for (let index = 0; index < diagnostics.length; index++)
    slots[index] = slotOf(diagnostics[index], builder, kept, uri, settings);
  const next = builder.done(locale, severity, uri);
  pieces.kept = next;
  const { table, bounds } = next;
  const data = bytes(`,"data":{"version":${JSON.stringify(version)},"index":`);
  const location = locationOf(uri);
  let length = 2;
  let published = 0;
  for (let index = 0; index < diagnostics.length; index++) {
    const slot = slots[index];
    if (slot === undefined) continue;
    const finding = diagnostics[index];
    const [head, count, first] = [table[slot * SLOT], table[slot * SLOT + 1], table[slot * SLOT + 2]];
    published++;
    length += FINDING_HEAD.length + rangeLength(finding.range) + heads[head].length;
    length += data.length + numberLength(index) + (bounds[first + 2] - bounds[first]) + 1;
    if (count > 0) {
      const related = finding.related!;
      // The commas between the locations, and the closing bracket.
      length += RELATED_START.length + count;
      length += bounds[first + 2 + count] - bounds[first + 2];
      for (let k = 0; k < count; k++)
        length += location.length + rangeLength(related[k].range) + RELATED_MESSAGE.length + 1;
    }
  }
  length += Math.max(published - 1, 0);
  const writer = new Writer(Buffer.allocUnsafeSlow(length));
  const piece = (start: number, end: number) => writer.slice(next.bytes, start, end);
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
      const related = finding.related!;
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

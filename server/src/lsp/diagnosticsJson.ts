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

interface Pieces {
  locale: Locale;
  override: string | undefined;
  uri: string;
  /** The `}}` closing the range, then from `,"severity"` to the message's end. */
  middle: Buffer;
  /** The data after its index, to its closing brace. */
  tail: Buffer;
  /** After each related location's range: `}}},"message":…}`. */
  related: Buffer[];
}

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

/** The JSON of data's version and index of the placeholder conversion, which the pieces are cut around. */
const DATA_HEAD = ',"data":{"version":null,"index":0';
const SEVERITY_KEY = ',"severity":';
const RELATED_KEY = ',"relatedInformation":';
/** What a range's four numbers are written between; `}}` closing it starts the piece after it. */
const FINDING_HEAD = bytes('{"range":{"start":{"line":');
const CHARACTER = bytes(',"character":');
const RANGE_END = bytes('},"end":{"line":');
const RELATED_START = bytes(`${RELATED_KEY}[`);
const [COMMA, OPEN, CLOSE, BRACE] = [0x2c, 0x5b, 0x5d, 0x7d];
const RANGE_BYTES = 2 * CHARACTER.length + RANGE_END.length;

/** By the origin of each finding. */
const converted = new WeakMap<object, Pieces>();

/** `{"location":{"uri":…,"range":{"start":{"line":`, which every related location of one document starts with. */
let locationHead = { uri: '', bytes: bytes('') };

function locationOf(uri: string): Buffer {
  if (locationHead.uri !== uri || locationHead.bytes.length === 0)
    locationHead = { uri, bytes: bytes(`{"location":{"uri":${JSON.stringify(uri)},"range":{"start":{"line":`) };
  return locationHead.bytes;
}

function piecesOf(finding: Diagnostic, uri: string, settings: Settings, locale: Locale): Pieces | undefined {
  const override = settings.severity[finding.code];
  if (override === 'off') return undefined;
  const origin = findingOrigin(finding);
  const known = converted.get(origin);
  if (
    known &&
    known.locale === locale &&
    known.override === override &&
    known.uri === uri &&
    known.related.length === (finding.related?.length ?? 0)
  )
    return known;
  const lsp = toLspDiagnostic(finding, 0, uri, null, settings);
  if (!lsp) return undefined;
  const json = JSON.stringify(lsp);
  // Keys are written in the order toLspDiagnostic sets them; the range holds only numbers, and the
  // quotes around these keys cannot occur unescaped inside a string value.
  const middleAt = json.indexOf(SEVERITY_KEY);
  const dataAt = json.indexOf(DATA_HEAD, middleAt);
  const relatedAt = json.indexOf(RELATED_KEY, dataAt);
  const pieces: Pieces = {
    locale,
    override,
    uri,
    middle: bytes(`}}${json.slice(middleAt, dataAt)}`),
    tail: bytes(json.slice(dataAt + DATA_HEAD.length, relatedAt < 0 ? json.length - 1 : relatedAt)),
    related: (lsp.relatedInformation ?? []).map((item) => bytes(`}}},"message":${JSON.stringify(item.message)}}`)),
  };
  converted.set(origin, pieces);
  return pieces;
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
 * `locale` the server's language. The buffer is its own (never a pool's): it may be transferred.
 */
export function lspDiagnosticsBytes(
  diagnostics: readonly Diagnostic[],
  uri: string,
  version: number | null,
  settings: Settings,
  locale: Locale,
): Buffer {
  const data = bytes(`,"data":{"version":${JSON.stringify(version)},"index":`);
  const location = locationOf(uri);
  const all: (Pieces | undefined)[] = new Array(diagnostics.length);
  let length = 2;
  let published = 0;
  for (let index = 0; index < diagnostics.length; index++) {
    const finding = diagnostics[index];
    const pieces = piecesOf(finding, uri, settings, locale);
    all[index] = pieces;
    if (!pieces) continue;
    published++;
    length += FINDING_HEAD.length + rangeLength(finding.range) + pieces.middle.length;
    length += data.length + numberLength(index) + pieces.tail.length + 1;
    const after = pieces.related;
    if (after.length > 0) {
      const related = finding.related!;
      // The commas between the locations, and the closing bracket.
      length += RELATED_START.length + after.length;
      for (let k = 0; k < after.length; k++)
        length += location.length + rangeLength(related[k].range) + after[k].length;
    }
  }
  length += Math.max(published - 1, 0);
  const writer = new Writer(Buffer.allocUnsafeSlow(length));
  writer.byte(OPEN);
  let first = true;
  for (let index = 0; index < diagnostics.length; index++) {
    const pieces = all[index];
    if (!pieces) continue;
    if (!first) writer.byte(COMMA);
    first = false;
    const finding = diagnostics[index];
    writer.range(FINDING_HEAD, finding.range);
    writer.bytes(pieces.middle);
    writer.bytes(data);
    writer.number(index);
    writer.bytes(pieces.tail);
    const after = pieces.related;
    if (after.length > 0) {
      const related = finding.related!;
      writer.bytes(RELATED_START);
      for (let k = 0; k < after.length; k++) {
        if (k > 0) writer.byte(COMMA);
        writer.range(location, related[k].range);
        writer.bytes(after[k]);
      }
      writer.byte(CLOSE);
    }
    writer.byte(BRACE);
  }
  writer.byte(CLOSE);
  if (writer.at !== length) throw new Error(`diagnostics JSON: ${writer.at} bytes written of ${length}`);
  return writer.out;
}

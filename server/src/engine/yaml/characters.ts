import type { Diagnostic, SourceRange } from '../types';
import { textRef } from '../messageFormat';
import { yamlFinding } from './texts';

// Bytes and characters a topology file must not hold, reported instead of read silently: a NUL
// or another control character is a sign of a binary or UTF-16 file, and bytes that are not
// UTF-8 are read as U+FFFD, so names and addresses would not be what the file says.

/** Outside YAML's printable set (tab, LF, CR, U+0085 and the rest of Unicode are allowed). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_PRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g;

type RangeAt = (start: number, end: number) => SourceRange;

export function unprintableCharacterDiagnostics(text: string, rangeAt: RangeAt): Diagnostic[] {
  const found = text.match(NOT_PRINTABLE);
  if (!found) return [];
  const first = text.search(NOT_PRINTABLE);
  const nuls = found.filter((char) => char === '\u0000').length;
  const kind = textRef(
    nuls === found.length ? 'yaml/char/nul' : nuls === 0 ? 'yaml/char/control' : 'yaml/char/nulOrControl',
  );
  const code = hex(found[0].charCodeAt(0), 4);
  const range = rangeAt(first, first + 1);
  return [
    found.length === 1
      ? yamlFinding('controlCharacter', { kind, code }, range)
      : yamlFinding('controlCharacters', { count: found.length, kind, code }, range),
  ];
}

export interface DecodedTopology {
  text: string;
  /** Where the first byte that is not UTF-8 is, when there is one. */
  invalid?: { offset: number; byte: number; count: number };
}

/** UTF-8 bytes as text; bytes that are not UTF-8 become U+FFFD and are counted, the first one located. */
export function decodeTopologyBytes(bytes: Uint8Array): DecodedTopology {
  // ignoreBOM keeps a byte order mark in the text, as the editor's text has it; the parser skips it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const text = decoder.decode(bytes);
  const firstBad = firstInvalidUtf8(bytes);
  if (firstBad < 0) return { text };
  const prefix = decoder.decode(bytes.subarray(0, firstBad));
  const replaced = (text.match(/\ufffd/g)?.length ?? 0) - (prefix.match(/\ufffd/g)?.length ?? 0);
  return { text, invalid: { offset: prefix.length, byte: bytes[firstBad], count: Math.max(1, replaced) } };
}

export function invalidUtf8Diagnostic(decoded: DecodedTopology, rangeAt: RangeAt): Diagnostic | undefined {
  if (!decoded.invalid) return undefined;
  const { offset, byte, count } = decoded.invalid;
  const more = count > 1 ? textRef('yaml/sequences', { count }) : '';
  return yamlFinding('notUtf8', { byte: hex(byte, 2), more }, rangeAt(offset, offset + 1));
}

function hex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0');
}

/** The index of the first byte that does not begin a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length;) {
    const b = bytes[k];
    if (b < 0x80) {
      k++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return k;
    let code = b & (0x3f >> need);
    for (let j = 1; j <= need; j++) {
      const c = bytes[k + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return k;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return k;
    k += need + 1;
  }
  return -1;
}

import type { PortRange } from '../types';
import type { TextRef } from '../messageFormat';
import { reason } from './texts';

// The port part of a service as text: a port, a range, or a comma list of those (`80,443`), where
// a number may carry thousands separators as Microsoft's Lync 2013 tables write them
// (`50,000-59,999`). Both use the comma, so a text is read as a list unless that reading has an
// item starting with 0 (`50,000` is no list of 50 and 0) or fails where the thousands reading
// holds: `80,443` stays two ports, `5,061` is 5061, `443,50,000-59,999` is 443 and a range.

export type PortTextParse = { ok: true; ports: PortRange[] } | { ok: false; reason: TextRef };

interface PortNumber {
  value: number;
  /** As written, separators and all, for messages. */
  text: string;
}

export function parsePortText(text: string): PortTextParse {
  const plain = plainPorts(text);
  if (plain) return plain;
  const list = readItems(text.split(','));
  const zeroLed = text
    .split(',')
    .slice(1)
    .some((item) => /^\d/.test(item) && item.startsWith('0'));
  if (list.ok && !zeroLed) return list;
  const pieces = groupedPieces(text);
  const grouped = readItems(pieces);
  if (grouped.ok) return grouped;
  // Which reading the writer meant, for the message: separators when a list item would start
  // with 0, or when both ends of a range carry one (12,345-67,890).
  const usesSeparators = zeroLed || pieces.some((piece) => /,\d{3}\s*-\s*\d{1,3},\d{3}/.test(piece));
  if (!usesSeparators) return list;
  const bad = badGroup(text);
  if (bad) {
    return { ok: false, reason: reason('port/badGroup', { text: bad }) };
  }
  return grouped;
}

/** The list items when a comma before exactly three digits joins a number, as in 50,000. */
function groupedPieces(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char !== ',') {
      current += char;
      continue;
    }
    const head = /(\d+(?:,\d{3})*)$/.exec(current)?.[1] ?? '';
    const group = /^\d+/.exec(text.slice(at + 1))?.[0] ?? '';
    const leading = head.split(',')[0];
    if (group.length === 3 && leading.length >= 1 && leading.length <= 3 && !leading.startsWith('0')) current += char;
    else {
      pieces.push(current);
      current = '';
    }
  }
  pieces.push(current);
  return pieces;
}

/** A comma between digits that cannot be a thousands separator: not three digits after it. */
function badGroup(text: string): string | undefined {
  for (const match of text.matchAll(/\d+(?:,\d+)+/g)) {
    const parts = match[0].split(',');
    for (let k = 1; k < parts.length; k++) {
      const before = parts[k - 1];
      const after = parts[k];
      const joinsAfterShortHead = k > 1 || before.length <= 2;
      if (after.length !== 3 && (after.startsWith('0') || joinsAfterShortHead)) {
        return `${before},${after}`;
      }
    }
  }
  return undefined;
}

function readItems(items: string[]): PortTextParse {
  const ports: PortRange[] = [];
  for (const item of items) {
    const match = /^\s*([\d,]+)\s*(?:-\s*([\d,]+)\s*)?$/.exec(item);
    const from = match && readNumber(match[1]);
    const to = match && (match[2] === undefined ? from : readNumber(match[2]));
    if (!from || !to) return { ok: false, reason: reason('port/notPort', { text: item.trim() }) };
    for (const end of [from, to]) {
      if (end.value < 1 || end.value > 65535) return { ok: false, reason: reason('port/outside', { port: end.text }) };
    }
    if (from.value > to.value) {
      return { ok: false, reason: reason('port/reversed', { from: from.text, to: to.text }) };
    }
    ports.push({ from: from.value, to: to.value });
  }
  return { ok: true, ports };
}

function readNumber(text: string): PortNumber | undefined {
  if (!/^\d+$/.test(text) && !/^[1-9]\d{0,2}(?:,\d{3})+$/.test(text)) return undefined;
  const value = Number(text.replace(/,/g, ''));
  return { value, text: text.includes(',') ? text : String(value) };
}

/**
 * `5061` or `50000-59999`, as nearly every port is written, when valid: what readItems gives
 * such a text, without its patterns. Anything else (and any error) is left to the full reading.
 */
function plainPorts(text: string): PortTextParse | undefined {
  let from = 0;
  let to = 0;
  let dash = -1;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 45 && dash < 0 && at > 0) dash = at;
    else if (code < 48 || code > 57) return undefined;
    else if (dash < 0) from = from * 10 + code - 48;
    else to = to * 10 + code - 48;
    // Longer numbers are read by readNumber, which keeps their exact value.
    if (at - (dash < 0 ? 0 : dash) > 6) return undefined;
  }
  if (dash < 0) to = from;
  else if (dash === text.length - 1) return undefined;
  if (from < 1 || to > 65535 || from > to) return undefined;
  return { ok: true, ports: [{ from, to }] };
}

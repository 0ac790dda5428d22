import type { Node } from 'yaml';
import { checkTopology, type CheckOptions, type CheckResult } from '../check';
import type { Diagnostic, SourceRange, TextEdit } from '../types';
import { setKeyEdit } from '../yaml/edits';
import { keyNodeAt, nodeAt, pairIn, parseTopology, positionAt, type ParsedTopology } from '../yaml/parse';
import type { MessageValue, TextRef } from '../messageFormat';
import type { AddressFamily, DumpLocation, DumpReading, DumpRule } from './dumpRule';
import { readerText, type ReaderTextId } from './readers/texts';
import { dumpRuleText } from './dumpRules';
import { edgeServerNamed, hostFindings, type HostList } from './hostVerify';

// `verify`: the dump's rules take the place of the firewall's `rules:` (and its policy of
// `default:`), the topology is checked as `check` checks it, and each finding is put back where
// its cause is: a dump rule's line, the dump's rule list for a flow it lacks, or the topology.

export interface DumpInput {
  /** The firewall's name under `firewalls`. */
  firewall: string;
  reading: DumpReading;
  /**
   * A host firewall's rules for what leaves the host, when the dump keeps them apart (Windows
   * Firewall's Outbound rules, iptables' OUTPUT chain, nft's output hook); then `reading` holds
   * those for what reaches it. Without it, `reading.direction` says which direction a host's one
   * list decides, or that it may decide both.
   */
  outbound?: DumpReading;
}

/** A finding of verify; `firewall` set means its range is in that firewall's dump. */
export interface VerifyFinding {
  firewall?: string;
  diagnostic: Diagnostic;
}

export interface VerifyResult {
  findings: VerifyFinding[];
  /** The check of the topology with the dumps in place (for the flow counts and the model). */
  check: CheckResult;
}

interface Splice {
  input: DumpInput;
  /** Where each dump rule's text lies in the spliced topology, in reading order. */
  items: [number, number][];
  /** The replaced `rules:` value and the `default:` edit, in the spliced text. */
  regions: [number, number][];
  /** The firewall's key and its `rules` key in the original text: a missing flow lies there. */
  keys: [number, number][];
}

interface Placed {
  edit: TextEdit;
  splice?: Splice;
  /** Where each dump rule's text starts within the edit's new text. */
  itemOffsets?: [number, number][];
}

/** A topology or a name verify cannot work with: the caller's one-line error, not a bug. */
export class VerifyError extends Error {}

/** The firewall names the topology has, for the error that names one it has not. */
export function firewallNames(text: string): string[] {
  const firewalls = parseTopology(text).value as { firewalls?: Record<string, unknown> } | undefined;
  return firewalls?.firewalls && typeof firewalls.firewalls === 'object' ? Object.keys(firewalls.firewalls) : [];
}

/** The Edge servers, whose host firewalls verify reads too. */
export function edgeServerNames(text: string): string[] {
  const value = parseTopology(text).value as { servers?: Record<string, { role?: unknown }> } | undefined;
  const servers = value?.servers && typeof value.servers === 'object' ? value.servers : {};
  return Object.entries(servers)
    .filter(([, server]) => server && typeof server === 'object' && server.role === 'edge')
    .map(([name]) => name);
}

/** The address families of an Edge server's interface addresses, as the topology text writes them. */
export function edgeServerFamilies(text: string, name: string): AddressFamily[] {
  const value = parseTopology(text).value as { servers?: Record<string, { interfaces?: unknown }> } | undefined;
  const interfaces = value?.servers?.[name]?.interfaces;
  const ips = interfaces && typeof interfaces === 'object' ? Object.values(interfaces as Record<string, unknown>) : [];
  const families = new Set<AddressFamily>();
  for (const item of ips) {
    const ip = item && typeof item === 'object' ? (item as { ip?: unknown }).ip : undefined;
    if (typeof ip === 'string') families.add(ip.includes(':') ? 'ipv6' : 'ipv4');
  }
  return [...families];
}

/**
 * Each input's name is a firewall's (its dump in place of the rules) or an Edge server's (its host
 * firewall, hostVerify.ts); a name that is neither is the caller's error.
 */
export function verifyTopology(text: string, inputs: readonly DumpInput[], options: CheckOptions = {}): VerifyResult {
  const names = firewallNames(text);
  const perimeter = inputs.filter((input) => names.includes(input.firewall));
  const hosts = inputs.filter((input) => !names.includes(input.firewall));
  const result = spliceAndCheck(text, perimeter, options);
  for (const input of hosts) {
    const server = edgeServerNamed(result.check.model, input.firewall);
    if (!server) throw new VerifyError(`the topology has no firewall or Edge server '${input.firewall}'`);
    if (names.length === 0)
      throw new VerifyError('the topology has no firewall, so no required flow to verify a host with');
    const lists: [DumpReading, HostList][] = input.outbound
      ? [
          [input.reading, 'inbound'],
          [input.outbound, 'outbound'],
        ]
      : [[input.reading, input.reading.direction ?? 'both']];
    for (const [reading, list] of lists) {
      // Any firewall carries the host's rules, to build them as the model builds rules; what the
      // host's check finds off the dump (the topology's own findings) is the perimeter pass's.
      const spliced = splice(text, [{ firewall: names[0], reading }]);
      const found = hostFindings(parseTopology(spliced.text), names[0], server, list, options);
      for (const { firewall, diagnostic } of spliced.place(found))
        if (firewall !== undefined) result.findings.push({ firewall: input.firewall, diagnostic });
    }
  }
  return result;
}

function spliceAndCheck(text: string, inputs: readonly DumpInput[], options: CheckOptions): VerifyResult {
  const spliced = splice(text, inputs);
  const check = checkTopology(spliced.text, options);
  return { findings: spliced.place(check.diagnostics), check };
}

/**
 * The text with each dump in place of its firewall's rules, and where the findings of a check of
 * that text lie: on a dump's lines, or back in the original text.
 */
function splice(
  text: string,
  inputs: readonly DumpInput[],
): { text: string; place: (diagnostics: readonly Diagnostic[]) => VerifyFinding[] } {
  const parsed = parseTopology(text);
  const placed: Placed[] = [];
  for (const input of inputs) placed.push(...spliceEdits(parsed, input));
  placed.sort((a, b) => a.edit.startOffset - b.edit.startOffset || a.edit.endOffset - b.edit.endOffset);
  // Where each edit lands in the new text, and the shift of the text after it.
  let out = '';
  let cursor = 0;
  const shifts: { origEnd: number; newStart: number; newEnd: number; origStart: number }[] = [];
  const splices = new Map<DumpInput, Splice>();
  for (const { edit, splice, itemOffsets } of placed) {
    out += text.slice(cursor, edit.startOffset);
    const newStart = out.length;
    out += edit.newText;
    cursor = edit.endOffset;
    shifts.push({ origStart: edit.startOffset, origEnd: edit.endOffset, newStart, newEnd: out.length });
    if (!splice) continue;
    const known = splices.get(splice.input) ?? splice;
    splices.set(splice.input, known);
    known.regions.push([newStart, out.length]);
    if (itemOffsets) known.items.push(...itemOffsets.map(([a, b]): [number, number] => [newStart + a, newStart + b]));
  }
  out += text.slice(cursor);
  // An offset of the spliced text in the original, or undefined inside an edit's new text; an end
  // offset at an edit's start is the original's offset there.
  const toOriginal = (offset: number, isEnd: boolean): number | undefined => {
    let delta = 0;
    for (const shift of shifts) {
      if (offset < shift.newStart || (isEnd && offset === shift.newStart)) break;
      if (offset < shift.newEnd) return undefined;
      delta = shift.origEnd - shift.newEnd;
    }
    return offset + delta;
  };
  const placeAll = (diagnostics: readonly Diagnostic[]): VerifyFinding[] => {
    const findings: VerifyFinding[] = [];
    for (const diagnostic of diagnostics) {
      const placedAt = place(diagnostic.range, diagnostic.code, [...splices.values()], toOriginal, parsed);
      if (!placedAt) continue;
      const related = diagnostic.related?.flatMap((item) => {
        const at = place(item.range, diagnostic.code, [...splices.values()], toOriginal, parsed);
        return at && at.firewall === placedAt.firewall ? [{ ...item, range: at.range }] : [];
      });
      const { fixes: _fixes, ...rest } = placedAt.rule ? withShortNames(diagnostic, placedAt.rule) : diagnostic;
      findings.push({
        ...(placedAt.firewall === undefined ? {} : { firewall: placedAt.firewall }),
        diagnostic: {
          ...rest,
          range: placedAt.range,
          ...(related && related.length > 0 ? { related } : { related: undefined }),
        },
      });
    }
    for (const finding of findings) if (finding.diagnostic.related === undefined) delete finding.diagnostic.related;
    return findings;
  };
  return { text: out, place: placeAll };
}

function place(
  range: SourceRange,
  code: Diagnostic['code'],
  splices: Splice[],
  toOriginal: (offset: number, isEnd: boolean) => number | undefined,
  parsed: ParsedTopology,
): { firewall?: string; range: SourceRange; rule?: DumpRule } | undefined {
  const offset = range.startOffset;
  for (const splice of splices) {
    const { reading, firewall } = splice.input;
    const item = splice.items.findIndex(([start, end]) => offset >= start && offset < end);
    if (item >= 0) return { firewall, range: dumpRange(reading.rules[item].location), rule: reading.rules[item] };
    if (splice.regions.some(([start, end]) => offset >= start && offset <= end))
      return { firewall, range: dumpRange(reading.listLocation) };
  }
  const start = toOriginal(offset, false);
  const end = toOriginal(range.endOffset, true);
  if (start === undefined || end === undefined) return undefined;
  for (const splice of splices) {
    // A flow no rule allows lies on the `rules` key, or on the firewall's name when it has none.
    const keys = code === 'missing-flow' ? splice.keys : splice.keys.slice(1);
    if (keys.some(([keyStart, keyEnd]) => start >= keyStart && end <= keyEnd))
      return { firewall: splice.input.firewall, range: dumpRange(splice.input.reading.listLocation) };
  }
  return {
    range: {
      ...range,
      start: positionAt(parsed, start),
      end: positionAt(parsed, end),
      startOffset: start,
      endOffset: end,
    },
  };
}

/**
 * The finding on a dump rule, its long address lists named as the reader says them short
 * (DumpRule.fromText): in the English words, and in the data a language writes its own from.
 */
function withShortNames(diagnostic: Diagnostic, rule: DumpRule): Diagnostic {
  const names: [string, TextRef][] = [];
  if (rule.fromText) names.push([rule.from.join(', '), rule.fromText]);
  if (rule.toText) names.push([rule.to.join(', '), rule.toText]);
  if (names.length === 0) return diagnostic;
  const english = (text: string) =>
    names.reduce((out, [long, ref]) => out.split(long).join(readerText(ref.id as ReaderTextId, ref.data)), text);
  const data =
    diagnostic.data &&
    Object.fromEntries(
      Object.entries(diagnostic.data).map(([key, value]): [string, MessageValue] => {
        if (typeof value !== 'string') return [key, value];
        const whole = names.find(([long]) => long === value);
        return [key, whole ? whole[1] : english(value)];
      }),
    );
  return {
    ...diagnostic,
    message: english(diagnostic.message),
    ...(diagnostic.detail === undefined ? {} : { detail: english(diagnostic.detail) }),
    ...(data ? { data } : {}),
  };
}

/** A dump location as a range; offsets are not known in the dump (-1): use the positions. */
function dumpRange(location: DumpLocation): SourceRange {
  return {
    start: { line: location.line - 1, character: location.column - 1 },
    end: { line: location.endLine - 1, character: location.endColumn - 1 },
    startOffset: -1,
    endOffset: -1,
  };
}

/** The edits that put the dump in place of the firewall's rules and default. */
function spliceEdits(parsed: ParsedTopology, input: DumpInput): Placed[] {
  const path = ['firewalls', input.firewall];
  const firewall = nodeAt(parsed.doc, path);
  const keyNode = keyNodeAt(parsed.doc, path);
  if (!firewall?.range || !keyNode?.range)
    throw new VerifyError(`the firewall '${input.firewall}' is empty: give it its between: first`);
  const pair = pairIn(parsed.doc, firewall, 'rules');
  const keys: [number, number][] = [[keyNode.range[0], keyNode.range[1]]];
  const rulesKey = pair?.key as Node | null | undefined;
  if (rulesKey?.range) keys.push([rulesKey.range[0], rulesKey.range[1]]);
  else keys.push([-1, -1]);
  const splice: Splice = { input, items: [], regions: [], keys };
  const itemOffsets: [number, number][] = [];
  let list = '[';
  input.reading.rules.forEach((rule, k) => {
    if (k > 0) list += ', ';
    const textOfRule = dumpRuleText(rule);
    itemOffsets.push([list.length, list.length + textOfRule.length]);
    list += textOfRule;
  });
  list += ']';
  const value = pair?.value as Node | null | undefined;
  const empty = value?.range && parsed.text.slice(value.range[0], value.range[1]).trim() === '';
  // A block list's range runs to the next line: the line break after it stays.
  let end = value?.range?.[1] ?? 0;
  while (value?.range && end > value.range[0] && /\s/.test(parsed.text[end - 1])) end--;
  const rulesEdit =
    value?.range && !empty
      ? { startOffset: value.range[0], endOffset: end, newText: list }
      : setKeyEdit(parsed, path, 'rules', list);
  const defaultEdit = setKeyEdit(parsed, path, 'default', input.reading.defaultAction);
  if (!rulesEdit || !defaultEdit)
    throw new VerifyError(`the firewall '${input.firewall}' cannot be read: check the topology first`);
  // An inserted `rules:` key: its items start after the key and its colon.
  const shift = rulesEdit.newText.indexOf('[');
  return [
    { edit: rulesEdit, splice, itemOffsets: itemOffsets.map(([a, b]) => [a + shift, b + shift]) },
    { edit: defaultEdit, splice },
  ];
}

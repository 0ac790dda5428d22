import type { AddressSet } from '../model/address';
import type { RuleModel } from '../model/model';
import type { PortRange } from '../types';

// What the standings compare of a rule before its box: the hull of each dimension as two
// doubles, every rule's side by side in one array, so most pairs are told apart by a few
// comparisons without touching a BigInt or allocating; and a hash of its identity, so repeats
// are found by one lookup and an exact comparison.

/** Per rule: sources, destinations, TCP ports, UDP ports, each lower then upper bound. */
export const STRIDE = 8;
export const SRC = 0;
export const DST = 2;
export const TCP = 4;
export const UDP = 6;

/** A double at most `value` (above 2^53 a double rounds, so it is moved down by more than the rounding). */
function below(value: bigint): number {
  const near = Number(value);
  return near <= Number.MAX_SAFE_INTEGER ? near : near * (1 - 1e-15);
}

function above(value: bigint): number {
  const near = Number(value);
  return near <= Number.MAX_SAFE_INTEGER ? near : near * (1 + 1e-15);
}

/** An empty set's hull: its lower bound above its upper, so it meets nothing. */
function writeAddresses(hulls: Float64Array, at: number, set: AddressSet): void {
  const intervals = set.intervals;
  if (intervals.length === 0) {
    hulls[at] = 1;
    hulls[at + 1] = 0;
  } else {
    // IPv4 (mapped below 2^49) and most IPv6 bounds are exact; the others are widened: a hull
    // may then meet more than the set, never less.
    hulls[at] = below(intervals[0][0]);
    hulls[at + 1] = above(intervals[intervals.length - 1][1]);
  }
}

function writePorts(hulls: Float64Array, at: number, ranges: readonly PortRange[]): void {
  if (ranges.length === 0) {
    hulls[at] = 1;
    hulls[at + 1] = 0;
  } else {
    hulls[at] = ranges[0].from;
    hulls[at + 1] = ranges[ranges.length - 1].to;
  }
}

/** Writes the rule's hulls at slot `k` of `hulls` (STRIDE numbers a rule). */
export function writeHulls(hulls: Float64Array, k: number, rule: RuleModel): void {
  const at = k * STRIDE;
  writeAddresses(hulls, at + SRC, rule.src);
  writeAddresses(hulls, at + DST, rule.dst);
  writePorts(hulls, at + TCP, rule.service.tcp);
  writePorts(hulls, at + UDP, rule.service.udp);
}

/** The hulls of `rules`, in their order. */
export function hullsOf(rules: readonly RuleModel[]): Float64Array {
  const hulls = new Float64Array(rules.length * STRIDE);
  for (let k = 0; k < rules.length; k++) writeHulls(hulls, k, rules[k]);
  return hulls;
}

function meetAt(a: Float64Array, x: number, b: Float64Array, y: number): boolean {
  const xlo = a[x];
  const xhi = a[x + 1];
  const ylo = b[y];
  const yhi = b[y + 1];
  return xlo <= xhi && ylo <= yhi && xlo <= yhi && ylo <= xhi;
}

/** Whether the hulls of rule `x` of `a` and rule `y` of `b` meet: sources, destinations, and TCP or UDP ports. */
export function hullsMeet(a: Float64Array, x: number, b: Float64Array, y: number): boolean {
  const i = x * STRIDE;
  const j = y * STRIDE;
  return (
    meetAt(a, i + SRC, b, j + SRC) &&
    meetAt(a, i + DST, b, j + DST) &&
    (meetAt(a, i + TCP, b, j + TCP) || meetAt(a, i + UDP, b, j + UDP))
  );
}

// The bits of a double, to mix into a hash.
const scratch = new Float64Array(1);
const scratchBits = new Int32Array(scratch.buffer);

function mix(hash: number, value: number): number {
  scratch[0] = value;
  hash = Math.imul(hash ^ scratchBits[0], 0x9e3779b1);
  hash = Math.imul(hash ^ scratchBits[1], 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

/**
 * A hash of what makes two rules the same rule (sameIdentity): equal for equal rules, as the
 * hulls of equal sets are equal; rarely equal otherwise, the exact comparison tells those apart.
 */
export function identityHash(hulls: Float64Array, k: number, rule: RuleModel): number {
  let hash = rule.action === 'allow' ? 1 : 2;
  for (let at = k * STRIDE, end = at + STRIDE; at < end; at++) hash = mix(hash, hulls[at]);
  hash = mix(hash, rule.src.intervals.length * 65536 + rule.dst.intervals.length);
  hash = mix(hash, rule.service.tcp.length * 65536 + rule.service.udp.length);
  const sourcePorts = rule.sourcePorts;
  if (sourcePorts) {
    hash = mix(hash, sourcePorts.length);
    if (sourcePorts.length > 0) hash = mix(hash, sourcePorts[0].from * 65536 + sourcePorts[sourcePorts.length - 1].to);
  }
  return hash | 0;
}

function sameAddresses(a: AddressSet, b: AddressSet): boolean {
  if (a === b) return true;
  const x = a.intervals;
  const y = b.intervals;
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k][0] !== y[k][0] || x[k][1] !== y[k][1]) return false;
  return true;
}

function samePorts(a: readonly PortRange[], b: readonly PortRange[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k].from !== b[k].from || a[k].to !== b[k].to) return false;
  return true;
}

/** The same action, addresses, service and source ports (absent source ports: any, unlike every list). */
export function sameIdentity(a: RuleModel, b: RuleModel): boolean {
  return (
    a.action === b.action &&
    samePorts(a.service.tcp, b.service.tcp) &&
    samePorts(a.service.udp, b.service.udp) &&
    sameAddresses(a.src, b.src) &&
    sameAddresses(a.dst, b.dst) &&
    (a.sourcePorts === undefined
      ? b.sourcePorts === undefined
      : b.sourcePorts !== undefined && samePorts(a.sourcePorts, b.sourcePorts))
  );
}

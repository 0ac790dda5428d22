import type { AddressSet } from '../model/address';
import type { RuleModel } from '../model/model';
import type { PortRange } from '../types';

// What the standings compare of a rule before its box: the intervals of each dimension as
// doubles (its pieces), and their hull, every rule's side by side in a few arrays, so most pairs
// are told apart by a few comparisons without touching a BigInt or allocating; and a hash of its
// identity, so repeats are found by one lookup and an exact comparison.

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

/**
 * The intervals of one dimension of every rule, as numbers: piece p is [bounds[2p], bounds[2p + 1]]
 * of rule owner[p], and the pieces of rule k are first[k] up to first[k + 1], ascending. IPv4
 * (mapped below 2^49) and most IPv6 bounds are exact; the others are widened, so pieces may
 * meet where the sets do not, never the other way round.
 */
export interface Pieces {
  bounds: Float64Array;
  owner: Int32Array;
  first: Int32Array;
}

/** What the standings compare of rules: their pieces in each dimension (sources, destinations, TCP, UDP), and hulls. */
export interface Geometry {
  pieces: readonly [Pieces, Pieces, Pieces, Pieces];
  hulls: Float64Array;
}

// The pieces are read by loops of their own per kind, not one loop calling reader functions:
// V8 drops such a loop's optimized code once a collection frees what it was specialized to.

/** The pieces of lists of sorted intervals, one list a rule, their owners set and their bounds still to be read. */
function emptyPieces(lists: readonly (readonly unknown[])[]): Pieces {
  const first = new Int32Array(lists.length + 1);
  for (let k = 0; k < lists.length; k++) first[k + 1] = first[k] + lists[k].length;
  const total = first[lists.length];
  const owner = new Int32Array(total);
  for (let k = 0; k < lists.length; k++) owner.fill(k, first[k], first[k + 1]);
  return { bounds: new Float64Array(total * 2), owner, first };
}

/** The pieces of the rules' address sets, one a rule. */
function addressPieces(sets: readonly AddressSet[]): Pieces {
  const lists = sets.map((set) => set.intervals);
  const pieces = emptyPieces(lists);
  const { bounds } = pieces;
  for (let k = 0, p = 0; k < lists.length; k++) {
    const list = lists[k];
    for (let m = 0; m < list.length; m++, p++) {
      bounds[2 * p] = below(list[m][0]);
      bounds[2 * p + 1] = above(list[m][1]);
    }
  }
  return pieces;
}

/** The pieces of the rules' port lists, one a rule. */
function portPieces(lists: readonly (readonly PortRange[])[]): Pieces {
  const pieces = emptyPieces(lists);
  const { bounds } = pieces;
  for (let k = 0, p = 0; k < lists.length; k++) {
    const list = lists[k];
    for (let m = 0; m < list.length; m++, p++) {
      bounds[2 * p] = list[m].from;
      bounds[2 * p + 1] = list[m].to;
    }
  }
  return pieces;
}

export function geometryOf(rules: readonly RuleModel[]): Geometry {
  const pieces = [
    addressPieces(rules.map((rule) => rule.src)),
    addressPieces(rules.map((rule) => rule.dst)),
    portPieces(rules.map((rule) => rule.service.tcp)),
    portPieces(rules.map((rule) => rule.service.udp)),
  ] as const;
  const hulls = new Float64Array(rules.length * STRIDE);
  for (let dimension = 0; dimension < pieces.length; dimension++) hullsIn(hulls, pieces[dimension], dimension);
  return { pieces, hulls };
}

/** Each rule's hull in one dimension, written into `hulls`. */
function hullsIn(hulls: Float64Array, { bounds, first }: Pieces, dimension: number): void {
  for (let k = 0, at = 2 * dimension; k < first.length - 1; k++, at += STRIDE) {
    // An empty set's hull: its lower bound above its upper, so it meets nothing.
    const empty = first[k] === first[k + 1];
    hulls[at] = empty ? 1 : bounds[2 * first[k]];
    hulls[at + 1] = empty ? 0 : bounds[2 * first[k + 1] - 1];
  }
}

/** The hulls of `rules`, in their order. */
export function hullsOf(rules: readonly RuleModel[]): Float64Array {
  return geometryOf(rules).hulls;
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

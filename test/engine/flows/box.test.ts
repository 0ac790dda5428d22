import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AddressSet,
  boxesMeet,
  type Box,
  intersectBox,
  isCovered,
  parseAddressOrCidr,
  parseServiceText,
  unionAddresses,
} from '../../../server/src/engine/index';
import { pick, random, type Rng } from '../../support/fuzz';

// The meet test every check asks of rule and flow boxes answers without building the
// intersection: it must say what intersectBox says, on random boxes of IPv4, IPv6 and any,
// single ports, ranges and lists on both transports.

const ADDRESSES = ['10.0.0.1', '10.0.0.0/30', '10.0.0.4/31', '10.0.1.0/24', '2001:db8::1', '2001:db8::/126', '::/0'];
const SERVICES = ['TCP/1', 'TCP/2-5', 'UDP/3', 'ANY/4', 'TCP/1,3,5', 'UDP/1-65535', 'TCP/6-9'];

function addresses(rng: Rng): AddressSet {
  const sets = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => {
    const parsed = parseAddressOrCidr(pick(rng, ADDRESSES));
    assert.ok(parsed.ok);
    return parsed.set;
  });
  return unionAddresses(...sets);
}

function box(rng: Rng): Box {
  const svc = { tcp: [] as { from: number; to: number }[], udp: [] as { from: number; to: number }[] };
  for (let k = 0; k < 1 + Math.floor(rng() * 2); k++) {
    const parsed = parseServiceText(pick(rng, SERVICES));
    assert.ok(parsed.ok);
    for (const transport of parsed.term.transports) svc[transport].push(...parsed.term.ports);
  }
  svc.tcp.sort((a, b) => a.from - b.from);
  svc.udp.sort((a, b) => a.from - b.from);
  return { src: addresses(rng), dst: addresses(rng), svc };
}

/** The definition, pair by pair: some address of each side and some port of one transport in common. */
function referenceMeet(a: Box, b: Box): boolean {
  const sets = (x: AddressSet, y: AddressSet) =>
    x.intervals.some(([lo, hi]) => y.intervals.some(([ylo, yhi]) => lo <= yhi && ylo <= hi));
  const ports = (x: Box['svc']['tcp'], y: Box['svc']['tcp']) =>
    x.some((r) => y.some((q) => r.from <= q.to && q.from <= r.to));
  return (ports(a.svc.tcp, b.svc.tcp) || ports(a.svc.udp, b.svc.udp)) && sets(a.src, b.src) && sets(a.dst, b.dst);
}

test('boxesMeet and intersectBox: a common part exactly when the boxes meet pair by pair', () => {
  const rng = random(77);
  let met = 0;
  for (let n = 0; n < 3000; n++) {
    const [a, b] = [box(rng), box(rng)];
    const expected = referenceMeet(a, b);
    const shown = JSON.stringify([a, b], (_, v) => (typeof v === 'bigint' ? `${v}` : v));
    assert.equal(boxesMeet(a, b), expected, shown);
    assert.equal(intersectBox(a, b) !== undefined, expected, shown);
    if (expected) met++;
  }
  assert.ok(met > 300 && met < 2700, `${met} of 3000 pairs meet`);
});

/** Coverage by the definition: what the cover's boxes, subtracted one by one, leave of the target. */
function referenceCovered(target: Box, cover: Box[]): boolean {
  const minus = (x: AddressSet, y: AddressSet): AddressSet => {
    let left = x.intervals.map(([lo, hi]) => [lo, hi] as [bigint, bigint]);
    for (const [ylo, yhi] of y.intervals)
      left = left.flatMap(([lo, hi]) => {
        if (yhi < lo || ylo > hi) return [[lo, hi] as [bigint, bigint]];
        const parts: [bigint, bigint][] = [];
        if (lo < ylo) parts.push([lo, ylo - 1n]);
        if (yhi < hi) parts.push([yhi + 1n, hi]);
        return parts;
      });
    return { intervals: left };
  };
  const portsMinus = (x: Box['svc']['tcp'], y: Box['svc']['tcp']) => {
    let left = x.map((r) => ({ ...r }));
    for (const cut of y)
      left = left.flatMap((r) => {
        if (cut.to < r.from || cut.from > r.to) return [r];
        const parts = [];
        if (r.from < cut.from) parts.push({ from: r.from, to: cut.from - 1 });
        if (cut.to < r.to) parts.push({ from: cut.to + 1, to: r.to });
        return parts;
      });
    return left;
  };
  const empty = (b: Box) =>
    b.src.intervals.length === 0 || b.dst.intervals.length === 0 || b.svc.tcp.length + b.svc.udp.length === 0;
  let pieces = [target];
  for (const cut of cover) {
    pieces = pieces.flatMap((piece) => {
      const common = intersectBox(piece, cut);
      if (!common) return [piece];
      return [
        { src: minus(piece.src, cut.src), dst: piece.dst, svc: piece.svc },
        { src: common.src, dst: minus(piece.dst, cut.dst), svc: piece.svc },
        {
          src: common.src,
          dst: common.dst,
          svc: { tcp: portsMinus(piece.svc.tcp, cut.svc.tcp), udp: portsMinus(piece.svc.udp, cut.svc.udp) },
        },
      ].filter((part) => !empty(part));
    });
  }
  return pieces.length === 0;
}

test('isCovered: covered exactly when the cover, subtracted box by box, leaves nothing of the target', () => {
  const rng = random(78);
  const seen = { covered: 0, within: 0, late: 0, empty: 0 };
  for (let n = 0; n < 3000; n++) {
    const target = box(rng);
    // Sometimes empty in a dimension: such a box is never covered, as no subtraction removes it.
    if (rng() < 0.03) target.svc = { tcp: [], udp: [] };
    const cover = Array.from({ length: Math.floor(rng() * 9) }, () => box(rng));
    // A wider box somewhere in the cover, often past the first six.
    if (rng() < 0.4) {
      const wide = box(rng);
      wide.src = unionAddresses(wide.src, target.src);
      wide.dst = unionAddresses(wide.dst, target.dst);
      wide.svc = { tcp: [{ from: 1, to: 65535 }], udp: [{ from: 1, to: 65535 }] };
      const at = Math.floor(rng() * (cover.length + 1));
      cover.splice(at, 0, wide);
      if (at > 5) seen.late++;
      seen.within++;
    }
    const expected = referenceCovered(target, cover);
    const shown = JSON.stringify([target, cover], (_, v) => (typeof v === 'bigint' ? `${v}` : v));
    assert.equal(isCovered(target, cover), expected, shown);
    if (expected) seen.covered++;
    if (target.svc.tcp.length + target.svc.udp.length === 0) seen.empty++;
  }
  assert.ok(seen.covered > 600 && seen.late > 50 && seen.empty > 30, JSON.stringify(seen));
});

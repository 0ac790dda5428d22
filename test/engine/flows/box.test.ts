import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AddressSet,
  boxesMeet,
  type Box,
  intersectBox,
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

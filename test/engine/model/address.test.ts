import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddressOrCidr } from '../../../server/src/engine/index';
import { pick, random, type Rng } from '../../support/fuzz';
import { referenceParse } from './addressReference';

// The fast IPv4 path and the cache answer as ipaddr.js did for every text: canonical dotted quads
// and CIDRs, and the near misses the library reads its own way (leading zeros as octal, hex,
// short forms, out-of-range octets and prefixes, white space), IPv6 and IPv4-mapped IPv6.

function octet(rng: Rng): string {
  if (rng() < 0.85) return String(Math.floor(rng() * 256));
  return pick(rng, [
    () => String(Math.floor(rng() * 256)),
    () => String(Math.floor(rng() * 10)),
    () => String(250 + Math.floor(rng() * 10)),
    () => `0${Math.floor(rng() * 8)}`,
    () => `0x${Math.floor(rng() * 256).toString(16)}`,
    () => String(256 + Math.floor(rng() * 1000)),
    () => '',
  ])();
}

function addressText(rng: Rng): string {
  const parts = 1 + Math.floor(rng() * 5);
  const v4 = () => Array.from({ length: rng() < 0.8 ? 4 : parts }, () => octet(rng)).join('.');
  const base = pick(rng, [
    v4,
    v4,
    v4,
    () => pick(rng, ['2001:db8::1', '::', '::1', 'fe80::1%eth0', '2001:db8:0:0:0:0:0:1', '2001:db8::g']),
    () => `::ffff:${v4()}`,
    () => pick(rng, ['any', 'edge01', '', ' ', '1.2.3.4.5', '1..2.3', '4294967295', '0x7f000001']),
  ])();
  const prefix = pick(rng, ['', '', `/${Math.floor(rng() * 40)}`, `/0${Math.floor(rng() * 4)}`, '/', '/-1', '/8/8']);
  const space = pick(rng, ['', '', '', ' ', '\t', '\u00a0', '\n']);
  return `${space}${base}${prefix}${rng() < 0.8 ? '' : space}`;
}

test('address parsing: the fast IPv4 path and the cache answer as ipaddr.js does', () => {
  const rng = random(3);
  let fast = 0;
  for (let n = 0; n < 20_000; n++) {
    const text = addressText(rng);
    const expected = referenceParse(text);
    assert.deepEqual(parseAddressOrCidr(text), expected, JSON.stringify(text));
    // Asked again: the cached answer, the same.
    assert.deepEqual(parseAddressOrCidr(text), expected, `again: ${JSON.stringify(text)}`);
    if (expected.ok && /^\s*\d+\.\d+\.\d+\.\d+(\/\d+)?\s*$/.test(text)) fast++;
  }
  assert.ok(fast > 2000, `${fast} canonical IPv4 texts`);
});

test('a cached parse cannot be changed by the caller it was handed to', () => {
  const parsed = parseAddressOrCidr('192.0.2.7');
  assert.ok(parsed.ok);
  assert.throws(() => ((parsed.set.intervals as [bigint, bigint][])[0][0] = 0n));
  assert.deepEqual(parseAddressOrCidr('192.0.2.7'), referenceParse('192.0.2.7'));
});

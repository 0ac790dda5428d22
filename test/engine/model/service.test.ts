import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceCovered, servicesMeet, subtractServices, type ServiceSet } from '../../../server/src/engine/index';
import { random } from '../../support/fuzz';

// The allocation-free questions of service.ts against the set arithmetic they stand for, on
// random port sets (merged or not, adjacent, nested, empty).

function ranges(next: () => number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const count = Math.floor(next() * 4);
  for (let k = 0; k < count; k++) {
    const from = 1 + Math.floor(next() * 40);
    out.push({ from, to: from + Math.floor(next() * 8) });
  }
  return out.sort((a, b) => a.from - b.from);
}

test('serviceCovered(a, b) is subtractServices(a, b) being empty; servicesMeet is a common port', () => {
  const next = random(11);
  for (let round = 0; round < 5000; round++) {
    const a: ServiceSet = { tcp: ranges(next), udp: ranges(next) };
    const b: ServiceSet = { tcp: ranges(next), udp: ranges(next) };
    const left = subtractServices(a, b);
    assert.equal(serviceCovered(a, b), left.tcp.length === 0 && left.udp.length === 0, JSON.stringify({ a, b }));
    const common = (x: ServiceSet['tcp'], y: ServiceSet['tcp']) =>
      x.some((p) => y.some((q) => Math.max(p.from, q.from) <= Math.min(p.to, q.to)));
    assert.equal(servicesMeet(a, b), common(a.tcp, b.tcp) || common(a.udp, b.udp));
  }
});

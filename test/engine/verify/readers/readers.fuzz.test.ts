import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ciscoAsaFormat, windowsFirewallFormat } from '../../../../server/src/engine/index';
import { random, type Rng } from '../../../support/fuzz';
import { fixture, type Location, type Reading } from './dumpText';

// A dump is whatever the administrator's tools wrote, cut short or edited by hand: a reader
// answers every text with a reading (problems, never an exception), and every location it gives
// lies inside the text. Seeded, so a failure replays.

const SAMPLES: [typeof ciscoAsaFormat, string[], string][] = [
  [ciscoAsaFormat, ['outside', 'DMZ-IN', ''], fixture('asa/perimeter.asa.txt')],
  [ciscoAsaFormat, [''], fixture('asa/broken.asa.txt')],
  [ciscoAsaFormat, ['', 'perimeter', 'global'], fixture('asa/interface-and-global.asa.txt')],
  [ciscoAsaFormat, ['', 'perimeter', 'outside'], fixture('asa/security-levels.asa.txt')],
  [windowsFirewallFormat, ['Inbound', 'Outbound'], fixture('windows/edge-features.json')],
  [windowsFirewallFormat, ['Inbound'], fixture('windows/contoso-edge01.json')],
];

function mutate(text: string, rng: Rng): string {
  const at = Math.floor(rng() * text.length);
  const words = text.split(/(\s+)/);
  switch (Math.floor(rng() * 5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * 20));
    case 2: {
      const k = Math.floor(rng() * words.length);
      words[k] = words[Math.floor(rng() * words.length)];
      return words.join('');
    }
    case 3:
      return (
        text.slice(0, at) +
        ['{', '}', '"', ',', ' any', ' object-group', '\n', ' eq'][Math.floor(rng() * 8)] +
        text.slice(at)
      );
    default: {
      const lines = text.split('\n');
      const k = Math.floor(rng() * lines.length);
      lines.splice(Math.floor(rng() * lines.length), 0, lines[k]);
      return lines.join('\n');
    }
  }
}

function assertInside(text: string, location: Location, what: string): void {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  assert.ok(location.line >= 1 && location.endLine <= lines.length && location.line <= location.endLine, what);
  assert.ok(location.column >= 1 && location.column <= lines[location.line - 1].length + 1, what);
  assert.ok(location.endColumn >= 1 && location.endColumn <= lines[location.endLine - 1].length + 1, what);
}

test('readers: mutated dumps give readings, never exceptions, with locations inside the text', () => {
  const rng = random(1313);
  for (let round = 0; round < 120; round++) {
    for (const [format, lists, sample] of SAMPLES) {
      let text = sample;
      for (let k = 1 + Math.floor(rng() * 3); k > 0; k--) text = mutate(text, rng);
      for (const list of lists) {
        let reading: Reading;
        const what = `round ${round}, ${format.id} ${list}`;
        assert.doesNotThrow(() => {
          reading = format.read(text, list ? { ruleList: list } : {});
        }, what);
        for (const rule of reading!.rules) assertInside(text, rule.location, what);
        for (const problem of reading!.problems) assertInside(text, problem.location, what);
        assertInside(text, reading!.listLocation, what);
      }
    }
  }
});

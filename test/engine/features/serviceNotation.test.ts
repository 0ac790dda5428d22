import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, checkTopology, completionsAt, hoverAt } from '../../../server/src/engine/index';
import { atCursor } from '../../support/cursor';
import { readExample } from '../../support/examples';

// Issue 10, item 4: hover and completion on Microsoft's notation, `A/V/RTP/TCP/50,000-59,999`,
// whose commas end the cursor's word.

const NAT = readExample('lync2013-single-edge-nat.topology.yaml');
const MEDIA = 'service: RTP/TCP/50000-59999';
const withService = (service: string) => {
  assert.ok(NAT.includes(MEDIA));
  return NAT.replace(MEDIA, `service: ${service}`);
};

function hoverOn(text: string, needle: string, into = 2) {
  const { parsed, model } = checkTopology(text);
  const hover = hoverAt(parsed, model, text.indexOf(needle) + into);
  assert.ok(hover, `a hover on ${needle}`);
  return { ...hover!, underlined: text.slice(hover!.range.startOffset, hover!.range.endOffset) };
}

describe('hover on a service in Microsoft notation', () => {
  for (const [where, into] of [
    ['on its label', 1],
    ['on the port after a separator', 'A/V/RTP/TCP/50,000-59,9'.length],
  ] as const) {
    test(`${where}: the whole value, what the firewall matches and the rows it is`, () => {
      const text = withService('A/V/RTP/TCP/50,000-59,999');
      const hover = hoverOn(text, 'A/V/RTP/TCP/50,000-59,999', into);
      assert.equal(hover.underlined, 'A/V/RTP/TCP/50,000-59,999');
      const [summary, ...rows] = hover.markdown.split('\n\n---\n\n');
      assert.match(
        summary,
        /^\*\*A\/V\/RTP\/TCP\/50,000-59,999\*\*: TCP ports 50000-59999 \(labelled A\/V\/RTP\), as catalog rows E09, E11, /,
      );
      assert.match(rows[0], /^\*\*RTP\/TCP\/50000-59999\*\* · audioVideo · catalog row E09/);
    });
  }

  test('quoted, in a list: the value inside its quotes', () => {
    const text = withService('[STUN/MSTURN/UDP/3478, "A/V/RTP/UDP/50,000-59,999"]');
    const hover = hoverOn(text, '59,999');
    assert.equal(hover.underlined, 'A/V/RTP/UDP/50,000-59,999');
    assert.match(hover.markdown, /^\*\*A\/V\/RTP\/UDP\/50,000-59,999\*\*: UDP ports 50000-59999 .*catalog rows E10/);
  });

  test('a misplaced separator: the message, over the whole value', () => {
    const hover = hoverOn(withService('A/V/RTP/TCP/50,000-5,9999'), '5,9999');
    assert.equal(hover.underlined, 'A/V/RTP/TCP/50,000-5,9999');
    assert.match(hover.markdown, /^'5,9999' is not a port: a thousands separator is followed by exactly three digits/);
  });

  test('written as the row writes it, the hover is the rows as before', () => {
    const hover = hoverOn(NAT, 'RTP/TCP/50000-59999');
    assert.match(hover.markdown, /^\*\*RTP\/TCP\/50000-59999\*\* · audioVideo · catalog row E09/);
  });
});

describe('completion in a service in Microsoft notation', () => {
  function serviceCompletions(marked: string) {
    const { text, offset } = atCursor(marked);
    const entries = completionsAt(checkTopology(text), offset).filter((entry) => entry.kind === 'service');
    assert.ok(entries.length > 0, 'services are offered');
    const entry = entries.find((candidate) => candidate.label === 'RTP/TCP/50000-59999')!;
    const result = applyEdits(text, [
      { startOffset: entry.replaceStart, endOffset: entry.replaceEnd, newText: entry.insertText },
    ]);
    return { text, entry, result, typed: text.slice(entry.replaceStart, offset) };
  }

  test('after a label of its own (A/V/): the service follows the label', () => {
    const { result, typed } = serviceCompletions(NAT.replace(MEDIA, 'service: A/V/‸'));
    assert.equal(typed, '', 'the client filters on nothing: every service shows');
    assert.ok(result.includes('        service: A/V/RTP/TCP/50000-59999\n'), result);
    const partly = serviceCompletions(NAT.replace(MEDIA, 'service: A/V/RT‸'));
    assert.equal(partly.typed, 'RT');
    assert.ok(partly.result.includes('        service: A/V/RTP/TCP/50000-59999\n'));
  });

  test('after a separated port: the whole value is replaced, not the digits after the comma', () => {
    const { result, entry, text } = serviceCompletions(NAT.replace(MEDIA, 'service: A/V/RTP/TCP/50,000-59,999‸'));
    assert.equal(text.slice(entry.replaceStart, entry.replaceEnd), 'A/V/RTP/TCP/50,000-59,999');
    assert.ok(result.includes('        service: RTP/TCP/50000-59999\n'), result);
  });

  test('in the middle of a separated port', () => {
    const { entry, text } = serviceCompletions(NAT.replace(MEDIA, 'service: RTP/TCP/50,0‸00-59,999'));
    assert.equal(text.slice(entry.replaceStart, entry.replaceEnd), 'RTP/TCP/50,000-59,999');
  });
});

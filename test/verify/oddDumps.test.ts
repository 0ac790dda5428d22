import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDump } from '../../server/src/engine/index';
import { readExample } from '../support/examples';

// A dump edited by hand may hold anything where nft writes a prefix, a range or a set: the rule is
// left out with a warning at its place, and nothing throws.

const rule = (right: unknown, field = 'saddr', protocol = 'ip') =>
  JSON.stringify({
    nftables: [
      { chain: { family: 'inet', table: 't', name: 'c', hook: 'forward', policy: 'drop' } },
      {
        rule: {
          family: 'inet',
          table: 't',
          chain: 'c',
          expr: [{ match: { op: '==', left: { payload: { protocol, field } }, right } }, { accept: null }],
        },
      },
    ],
  });

test('nft: a null prefix, a range that is no pair, a set that is no list: left out with a warning', () => {
  for (const text of [
    rule({ prefix: null }),
    rule({ range: 'x' }),
    rule({ set: 5 }),
    rule({ range: 'x' }, 'dport', 'tcp'),
    rule({ set: null }, 'dport', 'tcp'),
  ]) {
    const opened = openDump(readExample('contoso.topology.yaml'), { name: 'external', text });
    assert.ok(opened.ok, text);
    assert.deepEqual(opened.input.reading.rules, [], text);
    assert.deepEqual(
      opened.warnings.map((problem) => [problem.severity, problem.location.line, /left out/.test(problem.message)]),
      [['warning', 1, true]],
      text,
    );
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkTopology,
  createCheckSession,
  nodeAt,
  type ParsedTopology,
  rangeAtPath,
  rangeOfNode,
  rangeOfOffsets,
} from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES } from '../../support/fuzz';
import { CONTOSO, edit, EXTERNAL_RULES, fullRule, withExternal } from '../rules/fixtures';

type PathSegment = string | number;

// rangeAtPath reaches a rule (or a part of it) through its firewall's `rules` node, found once per
// parse (parse.ts ruleLists): the answer must be the walk from the top's, on every example, through
// aliases and merge keys, for paths that lead nowhere, and on a re-parse spliced from the last one.

/** rangeAtPath as the walk from the top of the document answers it. */
function reference(parsed: ParsedTopology, path: readonly PathSegment[]) {
  for (let length = path.length; length > 0; length--) {
    const range = rangeOfNode(parsed, nodeAt(parsed.doc, path.slice(0, length)));
    if (range) return range;
  }
  return rangeOfNode(parsed, parsed.doc.contents as never) ?? rangeOfOffsets(parsed, 0, 0);
}

const PARTS: PathSegment[][] = [[], ['from'], ['to'], ['from', 0], ['service'], ['service', 1], ['name'], ['nothing']];

function assertSameRanges(parsed: ParsedTopology, firewalls: string[], label: string): number {
  let asked = 0;
  for (const firewall of [...firewalls, 'no-such-firewall'])
    for (let index = -1; index < 8; index++)
      for (const part of PARTS) {
        const path: PathSegment[] = ['firewalls', firewall, 'rules', index, ...part];
        assert.deepEqual(rangeAtPath(parsed, path), reference(parsed, path), `${label}: ${path.join('.')}`);
        asked++;
      }
  return asked;
}

test('the range of every rule and rule part of every example is the walk from the top', () => {
  for (const { name, text } of FUZZ_EXAMPLES) {
    const result = checkTopology(text);
    assertSameRanges(
      result.parsed,
      result.model.firewalls.map((firewall) => firewall.name),
      name,
    );
  }
});

test('through anchors, aliases and merge keys', () => {
  const text = [
    'base: &base',
    '  rules: &shared',
    '    - { name: a, service: TCP/443, from: any, to: x }',
    '    - &second { name: b, service: [TCP/80, UDP/53], from: [any, y], to: x }',
    'firewalls:',
    '  one:',
    '    <<: *base',
    '  two:',
    '    rules: *shared',
    '  three:',
    '    rules:',
    '      - *second',
    '      - name: c',
    '  four: *base',
    '  five:',
    '    rules: not a list',
    '',
  ].join('\n');
  const parsed = checkTopology(text).parsed;
  assert.ok(assertSameRanges(parsed, ['one', 'two', 'three', 'four', 'five'], 'aliases') > 0);
});

test('a re-parse spliced from the last one reads the rules node of its own parse', () => {
  const session = createCheckSession();
  const extra = fullRule('RDP', 'RDP/TCP/3389', 'any', 'edge01.accessEdge');
  const first = session.update(withExternal(extra));
  const firewalls = first.model.firewalls.map((firewall) => firewall.name);
  assertSameRanges(first.parsed, firewalls, 'first version');
  const second = session.update(edit(withExternal(extra), 'RDP/TCP/3389', 'RDP/TCP/3390'));
  assert.notEqual(second.parsed, first.parsed);
  assertSameRanges(second.parsed, firewalls, 'spliced version');
  const third = session.update(edit(CONTOSO, EXTERNAL_RULES, ''));
  assertSameRanges(third.parsed, firewalls, 'rules removed');
});

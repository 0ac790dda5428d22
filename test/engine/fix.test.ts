import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits, checkTopology, fixAll } from '../../server/src/engine/index';
import { EXAMPLES, readExample } from '../support/examples';

const BROKEN = join(EXAMPLES, 'broken');
// Files whose every problem has a fix; the others need a decision only the user can make.
const NEEDS_A_DECISION = new Set([
  'sfb2019-xmpp.topology.yaml',
  'edge-network.topology.yaml',
  'unneeded-rules.topology.yaml',
]);

function commentsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.match(/#.*$/)?.[0])
    .filter((comment): comment is string => comment !== undefined);
}

/** `comment` is a whole line right above a rule `name` that the fixed text no longer has. */
function removedRuleComment(text: string, fixed: string, comment: string): boolean {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.trim() === comment.trim());
  const name = lines
    .slice(at + 1)
    .find((line) => !line.trim().startsWith('#'))
    ?.match(/^\s*- name: (.*)$/)?.[1];
  return at >= 0 && name !== undefined && !fixed.includes(`name: ${name}`);
}

describe('fix round trip on the broken examples', () => {
  const files = readdirSync(BROKEN).filter((name) => name.endsWith('.topology.yaml') && !NEEDS_A_DECISION.has(name));
  test('there are broken examples to fix', () => assert.ok(files.length >= 3));
  for (const name of files) {
    test(`${name}: has errors, and after every fix checks clean with its comments kept`, () => {
      const text = readFileSync(join(BROKEN, name), 'utf8');
      assert.ok(
        checkTopology(text).diagnostics.some((d) => d.severity === 'error'),
        'the example should start broken',
      );
      const result = fixAll(text);
      assert.equal(result.changed, true);
      assert.deepEqual(
        result.remaining.filter((d) => d.severity !== 'info').map((d) => `${d.code}: ${d.message}`),
        [],
      );
      // A rule's own comment lines (right above its dash) go where it goes, also out with it.
      for (const comment of commentsOf(text))
        assert.ok(
          result.text.includes(comment.trim()) || removedRuleComment(text, result.text, comment),
          `comment lost: ${comment}`,
        );
      // Lines the fixes had no reason to touch are byte for byte the same.
      const untouched = text.split('\n').slice(0, 12);
      assert.deepEqual(result.text.split('\n').slice(0, 12), untouched);
    });
  }
  test('sfb2019-xmpp: nothing safe to do, and the file is returned unchanged', () => {
    const text = readFileSync(join(BROKEN, 'sfb2019-xmpp.topology.yaml'), 'utf8');
    const result = fixAll(text);
    assert.equal(result.text, text);
    assert.ok(result.remaining.some((d) => d.code === 'feature-unsupported'));
  });
  test("unneeded-rules: removing access is the user's call, so fix leaves the file as it is", () => {
    const text = readFileSync(join(BROKEN, 'unneeded-rules.topology.yaml'), 'utf8');
    const result = fixAll(text);
    assert.equal(result.text, text);
    assert.deepEqual(
      result.remaining.map((d) => d.code),
      ['unneeded-rule', 'unneeded-rule', 'unneeded-rule'],
    );
  });
});

describe('each kind of fix, applied alone', () => {
  const contoso = readExample('contoso.topology.yaml');
  function onlyFix(text: string, code: string): string {
    const diagnostic = checkTopology(text).diagnostics.find((d) => d.code === code);
    assert.ok(diagnostic?.fixes?.length, `expected a ${code} with a fix`);
    return applyEdits(text, diagnostic!.fixes![0].edits);
  }

  // Each case breaks the example one way; its one fix must give text that shows the repair and checks clean.
  const CASES: { title: string; broken: string; code: string; shows: RegExp | string }[] = [
    {
      title: 'insert a missing rule with the indentation of its neighbours',
      broken: contoso.replace(/ {6}- name: XMPP to federated partners\n( {8}.*\n){3}/, ''),
      code: 'missing-flow',
      shows:
        /\n {6}- name: XMPP to federated partners\n {8}service: XMPP\/TCP\/5269\n {8}from: edge01.accessEdge\n {8}to: any\n {2}internal:/,
    },
    {
      title: 'insert into an empty flow-style list',
      broken: contoso.replace(/ {4}rules:\n {6}- name: XMPP gateway to Edge\n( {8}.*\n){3}/, '    rules: []\n'),
      code: 'missing-flow',
      shows:
        / {4}rules:\n {6}- name: XMPP gateway to Edge\n {8}service: XMPP\/MTLS\/23456\n {8}from: fe01\n {8}to: edge01.internal\n/,
    },
    {
      title: 'insert into a firewall written as a flow mapping',
      broken: contoso.replace(
        / {2}internal:\n {4}between: \[corp, perimeter\]\n {4}rules:\n(.*\n)*/,
        '  internal: { between: [corp, perimeter] }\n',
      ),
      code: 'missing-flow',
      shows:
        /internal: \{ between: \[corp, perimeter\], rules: \[\{ name: XMPP gateway to Edge, service: XMPP\/MTLS\/23456, from: fe01, to: edge01.internal \}\] \}/,
    },
    {
      title: 'names YAML 1.1 would read as booleans are quoted',
      broken: contoso
        .replace('  fe01:', '  "no":')
        .replace(/ {4}rules:\n {6}- name: XMPP gateway to Edge\n( {8}.*\n){3}/, '    rules: []\n'),
      code: 'missing-flow',
      shows: /from: "no"\n/,
    },
    {
      title: 'fix a transport in the object form',
      broken: contoso.replace('service: XMPP/MTLS/23456', 'service: { protocol: XMPP, transport: UDP, port: 23456 }'),
      code: 'wrong-transport',
      shows: 'service: { protocol: XMPP, transport: MTLS, port: 23456 }',
    },
    {
      title: 'swap a reversed rule',
      broken: contoso.replace(
        '        from: any\n        to: edge01.internal',
        '        from: edge01.internal\n        to: [fe01]',
      ),
      code: 'reversed-flow',
      shows: '        from: [fe01]\n        to: edge01.internal',
    },
  ];
  for (const { title, broken, code, shows } of CASES) {
    test(title, () => {
      const fixed = onlyFix(broken, code);
      if (typeof shows === 'string') assert.ok(fixed.includes(shows), fixed);
      else assert.match(fixed, shows);
      assert.deepEqual(checkTopology(fixed).diagnostics, []);
    });
  }

  test('fix a port inside a string keeps protocol and transport', () => {
    const fixed = onlyFix(
      contoso.replace('service: XMPP/TCP/5269\n        from: any', 'service: XMPP/TCP/5296\n        from: any'),
      'wrong-port',
    );
    assert.equal(fixed, contoso);
  });

  test('move a rule to the right firewall, with its comment', () => {
    const rule =
      '      # the gateway\n      - name: XMPP gateway to Edge\n        service: XMPP/MTLS/23456\n        from: any\n' +
      '        to: edge01.internal\n';
    const broken = contoso
      .replace(
        '    rules:\n      - name: XMPP gateway to Edge\n        service: XMPP/MTLS/23456\n        from: any\n' +
          '        to: edge01.internal\n',
        '    rules:\n      - name: SQL\n        reason: Edge monitoring database\n        service: TCP/1433\n' +
          '        from: fe01\n        to: edge01.internal\n',
      )
      .replace(
        '        from: edge01.accessEdge\n        to: any\n',
        `        from: edge01.accessEdge\n        to: any\n${rule}`,
      );
    const fixed = onlyFix(broken, 'wrong-firewall');
    assert.ok(fixed.endsWith(`        to: edge01.internal\n${rule}`), fixed);
    assert.deepEqual(checkTopology(fixed).diagnostics, []);
  });
});

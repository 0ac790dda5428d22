import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, fixAll, parseTopology } from '../../../server/src/engine/index';
import { CONTOSO, edit, PUBLIC, withExternal } from './fixtures';
import { assertDiagnostics, findingsOf, ruleItem, ruleTester, span, spanWithin } from './ruleTester';

const DENY_XMPP =
  '      - name: no XMPP\n        service: TCP/5269\n        from: any\n        to: edge01\n        action: deny\n';
const shadowed = findingsOf('shadowed-rule', 'warning');
const blocked = findingsOf('blocked-flow', 'error');
/** The contoso example with `rules` written first on the external firewall. */
const before = (rules: string) =>
  edit(CONTOSO, '    rules:\n      - name: XMPP from', `    rules:\n${rules}      - name: XMPP from`);

ruleTester('blocked-flow', {
  valid: [
    {
      name: 'a block list before the allow rule',
      text: before(
        '      - name: block list\n        service: any\n        from: 198.51.100.0/24\n        to: any\n' +
          '        action: deny\n',
      ),
    },
    {
      name: 'a deny-all at the end',
      text: withExternal(
        '      - name: deny all\n        service: any\n        from: any\n        to: any\n        action: deny\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a deny above the allow rules',
      text: before(DENY_XMPP),
      errors: (text, finding) => [
        finding(ruleItem(text, 'no XMPP', 'action: deny'), 'moveAllowAbove', {
          rowId: 'X1',
          rule: "'no XMPP'",
          allowRule: "'XMPP from federated partners'",
        }),
        shadowed(ruleItem(text, 'XMPP from federated partners', 'to: edge01.accessEdge'), 'shadowedByOne'),
      ],
      fixesClean: true,
    },
  ],
});

// ---- a broad deny above the allow rules (the contract's blocked-flow row) ----

const BLOCK = '      - {name: Block, service: SIP/TLS/TCP/443, from: any, to: any, action: deny}\n';
const EXTERNAL_HEAD = '  external:\n    between: [internet, dmz-external]\n    rules:\n';
/** The four allow rules of the public-IP example that the 443 deny stops, as written, in their order. */
const ALLOWS_443 = [
  ['Remote users to Access Edge', 'E05'],
  ['Web conferencing to Web Conferencing Edge', 'E08'],
  ['"TURN to A/V Edge (TCP)"', 'E15'],
  ['"A/V Edge TURN to Internet (TCP)"', 'E16'],
] as const;
const blockAbove = (text: string) => edit(text, EXTERNAL_HEAD, EXTERNAL_HEAD + BLOCK);
/** A rule item of the example, its four lines. */
function ruleLines(text: string, name: string): string {
  const start = text.indexOf(`      - name: ${name}\n`);
  assert.ok(start >= 0, `test setup: no rule ${name}`);
  let end = start;
  for (let line = 0; line < 4; line++) end = text.indexOf('\n', end) + 1;
  return text.slice(start, end);
}

describe('blocked-flow: a deny of everyone above the allow rules', () => {
  test('each flow it stops is blocked there (not missing), with a move of its allow rule above it', () => {
    const text = blockAbove(PUBLIC);
    const at = span(text, BLOCK.trim().slice(2));
    const shadowedAt = (name: string) => {
      const first = span(text, `- name: ${name}`);
      const last = ruleLines(text, name).trimEnd().split('\n')[3].trim();
      const end = spanWithin(text, `- name: ${name}\n`, last);
      return { line: first.line, start: first.start + 2, endLine: end.endLine, end: end.end };
    };
    assertDiagnostics(text, [
      ...ALLOWS_443.map(([name, rowId]) =>
        blocked(at, 'moveAllowAbove', { rowId, rule: "'Block'", allowRule: `'${name.replace(/"/g, '')}'` }),
      ),
      ...ALLOWS_443.slice(0, 3).map(([name]) => shadowed(shadowedAt(name), 'shadowedByOne', { covering: "'Block'" })),
      shadowed(shadowedAt(ALLOWS_443[3][0]), 'shadowedBySeveral'),
    ]);
  });

  test('fix-all moves the allow rules above the deny, in their order, and a second run changes nothing', () => {
    const text = blockAbove(PUBLIC);
    const moved = ALLOWS_443.map(([name]) => ruleLines(text, name));
    let expected = text;
    for (const rule of moved) expected = edit(expected, rule, '');
    expected = edit(expected, BLOCK, moved.join('') + BLOCK);
    const result = fixAll(text);
    assert.equal(result.text, expected);
    assert.deepEqual(
      result.applied,
      ALLOWS_443.map(([name]) => `Move rule '${name.replace(/"/g, '')}' above 'Block'`),
    );
    assert.deepEqual(result.remaining, []);
    assert.equal(parseTopology(result.text).doc.errors.length, 0);
    assert.equal(fixAll(result.text).changed, false);
  });

  test('a flow it stops with no allow below: blocked, and the rule is inserted above the deny', () => {
    const text = blockAbove(edit(PUBLIC, ruleLines(PUBLIC, 'Remote users to Access Edge'), ''));
    const finding = checkTopology(text).diagnostics.find((d) => d.code === 'blocked-flow' && d.catalogRowId === 'E05');
    assert.equal(finding?.messageId, 'allowAbove');
    const result = fixAll(text);
    const block = result.text.indexOf(BLOCK);
    const rule = '      - name: Remote users to Access Edge\n        service: SIP/TLS/TCP/443\n';
    const inserted = result.text.indexOf(rule);
    assert.ok(inserted >= 0 && inserted < block, result.text);
    assert.equal(result.text.split('service: SIP/TLS/TCP/443').length - 1, 2, 'the deny and one allow');
    assert.deepEqual(result.remaining, []);
    assert.equal(fixAll(result.text).changed, false);
  });

  test('the same deny closing the list is the default written out: the flows are missing, inserted above it', () => {
    const text = edit(
      edit(PUBLIC, ruleLines(PUBLIC, 'Remote users to Access Edge'), ''),
      '  internal:\n    between',
      `${BLOCK}  internal:\n    between`,
    );
    const finding = checkTopology(text).diagnostics.find((d) => d.catalogRowId === 'E05');
    assert.equal(finding?.code, 'missing-flow');
    const result = fixAll(text);
    assert.ok(result.text.includes(`        to: edge01.accessEdge\n${BLOCK}  internal:`), result.text);
    assert.deepEqual(result.remaining, []);
  });
});

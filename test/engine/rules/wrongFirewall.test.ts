import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, fixAll, fixIdentity, parseTopology } from '../../../server/src/engine/index';
import { CONTOSO, edit, example, INTERNAL_RULE, withExternal } from './fixtures';
import { findingsOf, ruleItem, ruleTester, span, spanWithin } from './ruleTester';

const missing = findingsOf('missing-flow', 'error');
const blocked = findingsOf('blocked-flow', 'error');
const WRONG = { rowId: 'X3', target: 'internal', firewall: 'external', between: 'internet/perimeter' };
const MISPLACED = { rowId: 'X3', firewall: 'internal', rule: "'XMPP gateway to Edge'", elsewhere: 'external' };
/** Contoso with its one internal rule on the external firewall, and `internal` as the internal rules. */
const misplaced = (internal = '    rules: []\n') =>
  withExternal(INTERNAL_RULE, edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, internal));
const DENY_XMPP = '      - { name: no XMPP, service: TCP/23456, from: any, to: any, action: deny }\n';
const SQL = '      - { name: SQL, service: TCP/1433, from: fe01, to: edge01.internal, reason: monitoring }\n';

ruleTester('wrong-firewall', {
  invalid: [
    {
      // The firewall the flow crosses lacks it: that is a missing-flow there too (the contract's missing-flow row).
      name: '23456 on the external firewall: the internal firewall reports the flow missing',
      text: misplaced(),
      errors: (text, finding) => [
        finding(ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'wrongFirewall', WRONG),
        missing(spanWithin(text, '  internal:\n    between', 'rules'), 'misplaced', MISPLACED),
      ],
      fixesClean: true,
    },
    {
      name: 'a deny of the port for everyone, with a rule after it, on the right firewall: blocked there',
      text: misplaced(`    rules:\n${DENY_XMPP}${SQL}`),
      errors: (text, finding) => [
        finding(ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'wrongFirewall', WRONG),
        blocked(span(text, '{ name: no XMPP, service: TCP/23456, from: any, to: any, action: deny }'), 'allowAbove', {
          rowId: 'X3',
          rule: "'no XMPP'",
        }),
      ],
      fixesClean: true,
    },
  ],
});

describe('wrong-firewall: the move resolves both findings', () => {
  test('the missing-flow of the right firewall prefers the very move the wrong-firewall finding offers', () => {
    const { diagnostics } = checkTopology(misplaced());
    const wrong = diagnostics.find((d) => d.code === 'wrong-firewall')!;
    const absent = diagnostics.find((d) => d.code === 'missing-flow')!;
    assert.deepEqual(
      absent.fixes?.map((fix) => [fix.kind, fix.preferred, fix.title]),
      [
        ['move-rule', true, "Move rule 'XMPP gateway to Edge' to firewall 'internal'"],
        ['insert-rule', false, "Insert rule 'XMPP gateway to Edge' (XMPP/MTLS/23456) in firewall 'internal'"],
      ],
    );
    assert.equal(fixIdentity(absent.fixes![0]), fixIdentity(wrong.fixes![0]));
  });

  for (const [name, internal, expected] of [
    ['an empty rules list', '    rules: []\n', `    rules:\n${INTERNAL_RULE}`],
    [
      'a deny of the port above another rule',
      `    rules:\n${DENY_XMPP}${SQL}`,
      `    rules:\n${INTERNAL_RULE}${DENY_XMPP}${SQL}`,
    ],
  ] as const) {
    test(`fix-all moves the rule once, into ${name}: one rule on the right firewall, none on the wrong one`, () => {
      const result = fixAll(misplaced(internal));
      assert.equal(result.text, edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, expected));
      assert.deepEqual(result.applied, ["Move rule 'XMPP gateway to Edge' to firewall 'internal'"]);
      assert.deepEqual(result.remaining, []);
      assert.equal(parseTopology(result.text).doc.errors.length, 0);
      assert.equal(fixAll(result.text).changed, false);
    });
  }

  test('broken/wrong-firewall: the reversed rule is repaired first, then the misplaced rule is removed', () => {
    // The right firewall has its own near miss (a reversed rule): swapping it lets the flow through,
    // and the rule on the wrong firewall is then not needed there. Moving it as well would leave two.
    const text = example('broken/wrong-firewall.topology.yaml');
    const result = fixAll(text);
    assert.deepEqual(result.applied, [
      "Swap from and to of rule 'Edge replies to the gateway'",
      "Remove rule 'XMPP gateway to Edge' from firewall 'external' ('internal' already allows the flow)",
    ]);
    const internal = result.text.slice(result.text.indexOf('\n  internal:\n'));
    assert.equal(
      internal,
      '\n  internal:\n    between: [corp, perimeter]\n    rules:\n' +
        '      - name: Edge replies to the gateway   # reversed: the Front End opens the connection\n' +
        '        service: XMPP/MTLS/23456\n        from: fe01\n        to: edge01.internal\n',
    );
    assert.equal(result.text.split('XMPP/MTLS/23456').length - 1, 1);
    // The example derives one external IP, which Microsoft advises against: an info, nothing to fix.
    assert.deepEqual(
      result.remaining.filter((finding) => finding.severity !== 'info'),
      [],
    );
    assert.equal(fixAll(result.text).changed, false);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, checkTopology, missingRulesOf, parseTopology } from '../../../server/src/engine/index';
import { CONTOSO, edit, example, INTERNAL_RULE, withExternal } from '../rules/fixtures';

// Insert All Missing Rules on a flow whose rule sits on another firewall: the rule moves, as the
// flow's preferred fix and fix-all move it; a copy would leave the wrong firewall open.

const REVERSED = `    rules:
      - name: Edge replies to the gateway   # reversed: the Front End opens the connection
        service: XMPP/MTLS/23456
        from: edge01.internal
        to: fe01
`;
/** broken/wrong-firewall without its reversed rule: the right firewall has no near miss of its own. */
const WRONG_FIREWALL = edit(example('broken/wrong-firewall.topology.yaml'), REVERSED, '    rules: []\n');
const MOVED_WITH_COMMENT = `      # Requested by the Lync team
      - name: XMPP gateway to Edge
        service: XMPP/MTLS/23456
        from: any
        to: edge01.internal
`;

function insertAll(text: string, firewall = 'internal') {
  const missing = missingRulesOf(checkTopology(text), firewall);
  return { missing, text: missing ? applyEdits(text, missing.edits) : text };
}

describe('Insert All Missing Rules: a rule on the wrong firewall is moved, not copied', () => {
  const misplaced = (internal: string) =>
    withExternal(INTERNAL_RULE, edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, internal));
  for (const [name, input, expected] of [
    [
      'broken/wrong-firewall with no rule on the right firewall (the comment above the rule goes with it)',
      WRONG_FIREWALL,
      edit(
        edit(example('broken/wrong-firewall.topology.yaml'), MOVED_WITH_COMMENT, ''),
        REVERSED,
        '    rules:\n' + MOVED_WITH_COMMENT,
      ),
    ],
    ['contoso, an empty rules list', misplaced('    rules: []\n'), CONTOSO],
  ] as const) {
    test(name, () => {
      const { missing, text } = insertAll(input);
      assert.deepEqual(missing?.rules, []);
      assert.deepEqual(
        missing?.moved.map((rule) => rule.name),
        ['XMPP gateway to Edge'],
      );
      assert.equal(text, expected);
      assert.equal(parseTopology(text).doc.errors.length, 0);
      const after = checkTopology(text).diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
      assert.deepEqual(
        after.map((diagnostic) => diagnostic.code),
        [],
      );
      assert.equal(insertAll(text).missing, undefined, 'running it again changes nothing');
      assert.equal(insertAll(text, 'external').missing, undefined);
    });
  }

  test('a flow with no rule anywhere is still inserted fresh', () => {
    const { missing, text } = insertAll(edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, '    rules: []\n'));
    assert.deepEqual(missing?.moved, []);
    assert.deepEqual(missing?.rules, [
      { name: 'XMPP gateway to Edge', service: 'XMPP/MTLS/23456', from: ['fe01'], to: ['edge01.internal'] },
    ]);
    assert.equal(parseTopology(text).doc.errors.length, 0);
    assert.equal(insertAll(text).missing, undefined);
  });
});

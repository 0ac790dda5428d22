import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { fullRule, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

/**
 * The contoso example with HTTPS rules to the Web Conferencing Edge appended, one per [name, ports, from]; no feature
 * of it needs them, so each says why it is there (else each would be unneeded-rule too).
 */
function webRules(...rules: [name: string, ports: string, from?: string][]): string {
  const web = (name: string, ports: string, from = 'any') =>
    fullRule(name, `HTTPS/TCP/${ports}`, from, 'edge01.webConferencingEdge').replace(
      '\n',
      '\n        reason: partner extranet\n',
    );
  return withExternal(rules.map((rule) => web(...rule)).join(''));
}

/** The rule item of the `occurrence`-th web rule. */
const webItem = (text: string, name: string, occurrence: number) =>
  ruleItem(text, name, 'to: edge01.webConferencingEdge', occurrence);

ruleTester('shadowed-rule', {
  valid: [{ name: 'two rules that overlap only in part', text: webRules(['web A', '443-444'], ['web B', '444-445']) }],
  invalid: [
    {
      name: 'a narrower rule after a wider one',
      text: webRules(['web', '443-444'], ['web 443', '443', '203.0.113.0/24']),
      errors: (text, finding) => [
        finding(webItem(text, 'web 443', 2), 'shadowedByOne', {
          rule: "'web 443'",
          covering: "'web'",
          firewall: 'external',
        }),
      ],
    },
    {
      name: 'a rule that two earlier rules cover together',
      text: webRules(['web A', '443'], ['web B', '444'], ['web both', '443-444']),
      errors: (text, finding) => [
        finding(webItem(text, 'web both', 3), 'shadowedBySeveral', { covering: "'web A', 'web B'" }),
      ],
    },
  ],
});

test('the message agrees in number with the earlier rules', () => {
  const messages = (text: string) =>
    checkTopology(text)
      .diagnostics.filter((finding) => finding.code === 'shadowed-rule')
      .map((finding) => finding.message);
  assert.deepEqual(messages(webRules(['web', '443-444'], ['web 443', '443', '203.0.113.0/24'])), [
    "Rule 'web 443' of firewall 'external' can never match: rule 'web' comes first.",
  ]);
  assert.deepEqual(messages(webRules(['web A', '443'], ['web B', '444'], ['web both', '443-444'])), [
    "Rule 'web both' of firewall 'external' can never match: rules 'web A', 'web B' come first.",
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { DNSLB, edit, example, NAT } from '../rules/fixtures';
import { findingsOf, ruleItem, ruleTester, spanWithin } from '../rules/ruleTester';

// DNS load balancing with NAT (S-ENV): "Your Edge Servers need to be able to communicate with one
// another from their public A/V Edge IP addresses. Your firewall needs to allow this traffic."
// Row E17: each A/V Edge to the pool's public A/V addresses, a hairpin through the external firewall.

const RULE =
  '      - name: A/V Edge to A/V Edge public addresses\n' +
  '        service: RTP/UDP/50000-59999\n' +
  '        from: [10.45.16.30, 10.45.16.31]\n' +
  '        to: [131.107.155.30, 131.107.155.31]\n';
const unneeded = findingsOf('unneeded-rule', 'warning');
const externalRules = (text: string) => spanWithin(text, 'between: [internet, dmz]', 'rules');

ruleTester('missing-flow', {
  valid: [
    { name: 'the DNS load-balanced NAT example allows E17', text: DNSLB },
    {
      name: 'the rule may name the A/V Edge interfaces',
      text: edit(
        DNSLB,
        RULE,
        RULE.replace('[10.45.16.30, 10.45.16.31]', '[edge01.avEdge, edge02.avEdge]').replace(
          '[131.107.155.30, 131.107.155.31]',
          '[edge01.avEdge, edge02.avEdge]',
        ),
      ),
    },
  ],
  invalid: [
    {
      name: 'without the rule the external firewall misses the hairpin between the public A/V addresses',
      text: edit(DNSLB, RULE, ''),
      errors: (text, finding) => [
        finding(externalRules(text), 'missing', {
          rowId: 'E17',
          service: 'RTP/UDP/50000-59999',
          firewall: 'external',
          from: 'edge01.avEdge, edge02.avEdge',
          to: 'edge01.avEdge, edge02.avEdge',
          page: 'Edge Server environmental requirements in Skype for Business Server',
        }),
      ],
      fixesClean: true,
    },
    {
      name: "a rule to the Edges' private addresses does not reach their public ones",
      text: edit(DNSLB, '        to: [131.107.155.30, 131.107.155.31]\n', '        to: [10.45.16.30, 10.45.16.31]\n'),
      errors: (text, finding) => [
        finding(externalRules(text), 'missing', { rowId: 'E17' }),
        // The rule to the private addresses serves no flow: the Edges meet at their public ones.
        unneeded(ruleItem(text, 'A/V Edge to A/V Edge public addresses', 'to: [10.45.16.30, 10.45.16.31]'), 'reaches'),
      ],
    },
  ],
});

test('E17 needs DNS load balancing and NAT: not for one Edge, not for public addresses', () => {
  const e17 = (text: string) => checkTopology(text).analysis.flows.filter((flow) => flow.row.id === 'E17');
  assert.equal(e17(DNSLB).length, 1);
  assert.deepEqual(
    e17(DNSLB)[0].firewalls.map((firewall) => firewall.name),
    ['external'],
  );
  assert.deepEqual(e17(NAT), []);
  assert.deepEqual(e17(example('sfb2019-dnslb-public.topology.yaml')), []);
});

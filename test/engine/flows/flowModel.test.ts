import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

test('the flow model of the clean example: every required flow allowed, named after its rule', () => {
  const { flowModel } = checkTopology(readExample('contoso.topology.yaml'));
  assert.deepEqual(flowModel.summary, { required: 3, allowed: 3 });
  assert.deepEqual(
    flowModel.flows.map((flow) => [flow.catalogRowId, flow.firewall, flow.from, flow.to, flow.status, flow.ruleNames]),
    [
      ['X1', 'external', 'internet', 'edge01.accessEdge', 'allowed', ['XMPP from federated partners']],
      ['X2', 'external', 'edge01.accessEdge', 'internet', 'allowed', ['XMPP to federated partners']],
      ['X3', 'internal', 'fe01', 'edge01.internal', 'allowed', ['XMPP gateway to Edge']],
    ],
  );
  assert.deepEqual(flowModel.extraRules, []);
});

test('a misconfigured flow names the rule at fault, which is not also listed as an extra rule', () => {
  const { flowModel } = checkTopology(readExample('broken/typos.topology.yaml'));
  const broken = flowModel.flows.filter((flow) => flow.status !== 'allowed');
  assert.deepEqual(
    broken.map((flow) => [flow.catalogRowId, flow.status, flow.code, flow.ruleNames]),
    [
      ['X1', 'misconfigured', 'wrong-port', ['XMPP from federated partners']],
      ['X3', 'misconfigured', 'wrong-transport', ['XMPP gateway to Edge']],
    ],
  );
  assert.deepEqual(flowModel.extraRules, []);
  assert.deepEqual(flowModel.summary, { required: 3, allowed: 1 });
});

test('a missing flow points at the firewall rules key; a rule no flow needs is an extra', () => {
  const text = readExample('broken/missing-rules.topology.yaml').replace(
    '      # Everything else',
    '      - { name: Admin RDP, service: RDP/TCP/3389, from: 203.0.113.0/24, to: edge01.accessEdge }\n' +
      '      # Everything else',
  );
  const { flowModel, parsed } = checkTopology(text);
  const missing = flowModel.flows.filter((flow) => flow.status === 'missing');
  assert.deepEqual(
    missing.map((flow) => flow.catalogRowId),
    ['X2', 'X3'],
  );
  assert.equal(parsed.text.slice(missing[0].ranges[0].startOffset, missing[0].ranges[0].endOffset), 'rules');
  // The final deny-all decides the required flows too, so it is drawn with them, not as an extra.
  assert.deepEqual(
    flowModel.extraRules.map((rule) => [rule.firewall, rule.name, rule.service, rule.action]),
    [['edge-outside', 'Admin RDP', 'RDP/TCP/3389', 'allow']],
  );
});

test('a flow the internal-vip finding explains names the VIP rule, not the rule an earlier finding named', () => {
  const xmpp =
    '      - name: XMPP gateway to Edge\n        service: XMPP/MTLS/23456\n        from: pool01.fabrikam.net\n' +
    '        to: [edge01.internal, edge02.internal]\n';
  const toVip =
    '      - name: XMPP to the VIP\n        service: XMPP/MTLS/23456\n        from: pool01.fabrikam.net\n' +
    '        to: vip.internal\n';
  const hlb = readExample('sfb2015-hlb.topology.yaml');
  assert.ok(hlb.includes(xmpp));
  for (const [name, rules] of [
    // wrong-port explains X3 first (with its rule), internal-vip explains it again (with its own).
    ['a wrong port', xmpp.replace('23456', '23457') + toVip],
    // A deny stops X3; internal-vip explains it, so the deny is not the rule drawn with that finding.
    ['a deny', xmpp.replace('        to: [', '        action: deny\n        to: [') + toVip],
  ]) {
    const { flowModel } = checkTopology(hlb.replace(xmpp, rules));
    const x3 = flowModel.flows.filter((flow) => flow.catalogRowId === 'X3');
    assert.equal(x3.length, 4, name); // fe01, fe02 to edge01, edge02
    for (const flow of x3) assert.deepEqual([flow.code, flow.ruleNames], ['internal-vip', ['XMPP to the VIP']], name);
  }
});

test('a flow whose rule sits on the wrong firewall is missing on the right one, drawn with that rule', () => {
  const contoso = readExample('contoso.topology.yaml');
  const rule =
    '      - name: XMPP gateway to Edge\n        service: XMPP/MTLS/23456\n        from: any\n' +
    '        to: edge01.internal\n';
  const text = contoso
    .replace(`    rules:\n${rule}`, '    rules: []\n')
    .replace(
      '        from: edge01.accessEdge\n        to: any\n',
      `        from: edge01.accessEdge\n        to: any\n${rule}`,
    );
  assert.notEqual(text, contoso);
  const { flowModel } = checkTopology(text);
  const x3 = flowModel.flows.find((flow) => flow.catalogRowId === 'X3')!;
  assert.deepEqual(
    [x3.firewall, x3.status, x3.code, x3.ruleNames],
    ['internal', 'missing', 'missing-flow', ['XMPP gateway to Edge']],
  );
  assert.deepEqual(flowModel.extraRules, []);
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { assertFixedClean, codes, edit, HLB, only } from './fixtures';
import { assertDiagnostics, findingsOf, spanWithin } from './ruleTester';

const internalVip = findingsOf('internal-vip', 'error');

const XMPP_RULE_HLB = `      - name: XMPP gateway to Edge
        service: XMPP/MTLS/23456
        from: pool01.fabrikam.net
        to: [edge01.internal, edge02.internal]`;

describe('internal-vip', () => {
  for (const [name, target] of [
    ['vip.internal', 'vip.internal'],
    ['the VIP address', '172.25.33.10'],
    ['the VIP in a list with another endpoint', '[vip.internal, edge01.internal]'],
  ] as const) {
    test(`XMPP 23456 to ${name} is an error on the VIP, with a fix that checks clean`, () => {
      const text = edit(HLB, XMPP_RULE_HLB, XMPP_RULE_HLB.replace('[edge01.internal, edge02.internal]', target));
      const onVip = spanWithin(text, `to: ${target}`, target.startsWith('[') ? 'vip.internal' : target);
      // The VIP finding explains the flow: no separate missing-flow for X3.
      const [diagnostic] = assertDiagnostics(text, [
        internalVip(onVip, 'pointAtServers', {
          rowId: 'X3',
          service: 'TCP/23456',
          nodes: 'edge01.internal, edge02.internal',
        }),
      ]);
      assert.equal(diagnostic.catalogRowId, 'X3');
      assert.equal(diagnostic.fixes?.[0].safe, true);
      assertFixedClean(text);
    });
  }

  test('PSOM 8057, CMS 4443 and CLS to the internal VIP are errors too', () => {
    for (const service of ['PSOM/MTLS/TCP/8057', 'HTTPS/TCP/4443']) {
      const rule =
        `        service: ${service}\n        from: pool01.fabrikam.net\n` +
        '        to: [edge01.internal, edge02.internal]';
      const text = edit(HLB, rule, rule.replace('[edge01.internal, edge02.internal]', 'vip.internal'));
      assert.equal(only(text, 'internal-vip').catalogRowId, service.startsWith('PSOM') ? 'I04' : 'I08');
      assertFixedClean(text);
    }
  });

  test('a rule to the VIP that is not needed (the servers are allowed) gets a removal fix', () => {
    const text = edit(
      HLB,
      XMPP_RULE_HLB,
      `${XMPP_RULE_HLB}\n      - name: XMPP to the VIP\n        service: XMPP/MTLS/23456\n` +
        '        from: pool01.fabrikam.net\n        to: vip.internal',
    );
    const diagnostic = only(text, 'internal-vip');
    assert.match(diagnostic.fixes![0].title, /Remove rule/);
    assertFixedClean(text);
  });

  test('SIP 5061 and 5062 to the internal VIP are right (L-HLB internal VIP table)', () => {
    assert.deepEqual(codes(HLB), []);
    assert.match(HLB, /service: SIP\/MTLS\/TCP\/5062\n\s+from: pool01.fabrikam.net\n\s+to: vip.internal/);
  });

  test('A/V STUN must reach the VIP and each Edge server', () => {
    const rule =
      '        service: STUN/MSTURN/UDP/3478\n        from: any\n' +
      '        to: [vip.avEdge, edge01.avEdge, edge02.avEdge]';
    const text = edit(HLB, rule, rule.replace('[vip.avEdge, edge01.avEdge, edge02.avEdge]', 'vip.avEdge'));
    const diagnostic = only(text, 'missing-flow');
    assert.equal(diagnostic.catalogRowId, 'E14');
    assertFixedClean(text);
  });
});

describe('internal-vip: one rule, several per-server flows', () => {
  const CLS = [50001, 50002, 50003].map(
    (port) =>
      `      - name: Centralized Logging to Edge\n        service: MTLS/TCP/${port}\n        from: any\n` +
      '        to: [edge01.internal, edge02.internal]\n',
  );
  const onVip = (service: string) =>
    `      - name: Centralized Logging to Edge\n        service: ${service}\n        from: any\n` +
    '        to: vip.internal\n';
  const text = edit(HLB, CLS.join(''), onVip('MTLS/TCP/50001-50003'));
  const CLS_DATA = {
    rule: "'Centralized Logging to Edge'",
    service: 'TCP/50001-50003',
    ruleName: 'Centralized Logging to Edge',
    vip: '172.25.33.10',
    rowId: 'I09',
    page: 'Edge Server environmental requirements in Skype for Business Server',
    nodes: 'edge01.internal, edge02.internal',
  };

  test('the finding names every per-server port the rule sends to the VIP, not just the first flow', () => {
    const diagnostic = only(text, 'internal-vip');
    assert.equal(diagnostic.messageId, 'pointAtServers');
    assert.deepEqual(diagnostic.data, CLS_DATA);
    assert.match(diagnostic.message, /^Rule 'Centralized Logging to Edge' sends TCP\/50001-50003 \(/);
  });

  test('a rule with a load-balanced port too is split: the rule to write carries all three CLS ports', () => {
    const diagnostic = only(edit(HLB, CLS.join(''), onVip('TCP/5061,50001-50003')), 'internal-vip');
    assert.equal(diagnostic.messageId, 'splitRule');
    assert.deepEqual(diagnostic.data, { ...CLS_DATA, flowService: 'TCP/50001-50003' });
    assert.match(diagnostic.detail ?? '', /write a rule for TCP\/50001-50003 to edge01.internal, edge02.internal\.$/);
  });

  test('a port range to the VIP is one finding that explains every flow it carries (no missing-flow)', () => {
    const at = spanWithin(text, 'service: MTLS/TCP/50001-50003', 'vip.internal');
    assertDiagnostics(text, [
      internalVip(at, 'pointAtServers', { rowId: 'I09', service: 'TCP/50001-50003', nodes: CLS_DATA.nodes }),
    ]);
    const { analysis, flowModel, diagnostics } = checkTopology(text);
    const diagnostic = diagnostics.find((d) => d.code === 'internal-vip');
    const cls = analysis.evaluations.filter((item) => ['I09', 'I10', 'I11'].includes(item.flow.row.id));
    assert.equal(cls.length, 3);
    for (const item of cls)
      assert.equal(analysis.ledger.explanationOf(item.flow, item.firewall), diagnostic, item.flow.id);
    // The diagram links each of the three flows to the rule and its finding.
    const edges = flowModel.flows.filter((flow) => ['I09', 'I10', 'I11'].includes(flow.catalogRowId));
    assert.deepEqual(
      [...new Set(edges.map((flow) => JSON.stringify([flow.status, flow.code, flow.ruleNames])))],
      [JSON.stringify(['misconfigured', 'internal-vip', ['Centralized Logging to Edge']])],
    );
    assertFixedClean(text);
  });
});

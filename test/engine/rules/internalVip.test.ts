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
        internalVip(onVip, 'pointAtServers', { rowId: 'X3', nodes: 'edge01.internal, edge02.internal' }),
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
  const onVip =
    '      - name: Centralized Logging to Edge\n        service: MTLS/TCP/50001-50003\n        from: any\n' +
    '        to: vip.internal\n';
  const text = edit(HLB, CLS.join(''), onVip);

  test('a port range to the VIP is one finding that explains every flow it carries (no missing-flow)', () => {
    const at = spanWithin(text, 'service: MTLS/TCP/50001-50003', 'vip.internal');
    assertDiagnostics(text, [
      internalVip(at, 'pointAtServers', { rowId: 'I09', nodes: 'edge01.internal, edge02.internal' }),
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

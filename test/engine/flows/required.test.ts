import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, fixAll } from '../../../server/src/engine/index';
import { DNSLB, edit, example, HLB, NAT } from '../rules/fixtures';
import { assertDiagnostics, findingsOf, ruleItem, span, spanWithin } from '../rules/ruleTester';

// How catalog rows bind to a topology's servers: a Director next hop and the Front End pool
// (L-DIR1), the Director pool's load balancer VIP (L-DIRHLB), the Edge internal VIP on Skype for
// Business Server (S-ENV) and on Lync Server 2013 (L-HLB), and the internal clients of an
// inserted rule.

const missing = findingsOf('missing-flow', 'error');
const info = findingsOf('nat-topology', 'info');
const unneeded = findingsOf('unneeded-rule', 'warning');
/** A block rule's lines, from its name to the first `last` after it. */
const ruleLines = (text: string, name: string, last: string) => {
  const before = text.slice(0, text.indexOf(`- name: ${name}\n`));
  return ruleItem(text, name, last, before.split(last).length);
};
const NO_HLB_VIP = example('sfb2015-hlb-no-internal-vip.topology.yaml');

/** The rules key of the file's internal firewall, where missing-flow reports. */
const internalRules = (text: string) => spanWithin(text, '  internal:\n    between', 'rules');
/** The DNS-load-balanced example's own info finding. */
const dnsInfo = (text: string) => info(span(text, 'dns', 2), 'dnsFailover');

/** Drops a block rule, from `- name: <name>` to the end of its `to:` line; the setup fails when it is not there. */
function withoutRule(text: string, name: string, to: string): string {
  const block = `      - name: ${name}\n        service: SIP/MTLS/TCP/5061\n`;
  const start = text.indexOf(block);
  assert.ok(start >= 0, `test setup: rule '${name}' not in the text`);
  const end = text.indexOf(`        to: ${to}\n`, start) + `        to: ${to}\n`.length;
  return text.slice(0, start) + text.slice(end);
}

const FE_SIP_IN = 'SIP from Front Ends to Edge';
const FE_SIP_OUT = 'SIP from Edge to Front Ends';
const EDGE_INTERNALS = '[edge01.internal, edge02.internal]';
const withoutFrontEndSip = (text: string) =>
  withoutRule(withoutRule(text, FE_SIP_IN, EDGE_INTERNALS), FE_SIP_OUT, 'pool01.contoso.net');

describe('a Director next hop: SIP 5061 with the Directors and with the Front End pool (L-DIR1)', () => {
  test('without the Front End rules, I02 and I03 are missing for the Front End pool', () => {
    const text = withoutFrontEndSip(DNSLB);
    assertDiagnostics(text, [
      missing(internalRules(text), 'missing', {
        rowId: 'I02',
        from: 'pool01.contoso.net',
        to: EDGE_INTERNALS.slice(1, -1),
      }),
      missing(internalRules(text), 'missing', {
        rowId: 'I03',
        from: EDGE_INTERNALS.slice(1, -1),
        to: 'pool01.contoso.net',
      }),
      dnsInfo(text),
    ]);
  });
  test('each group is a flow of its own', () => {
    const flows = checkTopology(DNSLB).analysis.flows.filter((flow) => ['I02', 'I03'].includes(flow.row.id));
    assert.deepEqual(
      flows.map((flow) => `${flow.id}: ${flow.src.endpoints.join(',')} > ${flow.dst.endpoints.join(',')}`),
      [
        'I02#1: dirpool.contoso.net > edge01.internal,edge02.internal',
        'I02#2: pool01.contoso.net > edge01.internal,edge02.internal',
        'I03#1: edge01.internal,edge02.internal > dirpool.contoso.net',
        'I03#2: edge01.internal,edge02.internal > pool01.contoso.net',
      ],
    );
  });
  test('without edge.nextHop the Directors are the next hop, and the Front Ends are required too', () => {
    const text = withoutFrontEndSip(edit(DNSLB, '  nextHop: dirpool.contoso.net\n', ''));
    const rows = checkTopology(text)
      .diagnostics.filter((d) => d.code === 'missing-flow')
      .map((d) => d.catalogRowId);
    assert.deepEqual(rows, ['I02', 'I03']);
  });
  test('edge.nextHop naming the Front End pool: the Directors are not the Edge next hop', () => {
    let text = edit(DNSLB, 'nextHop: dirpool.contoso.net', 'nextHop: pool01.contoso.net');
    text = withoutRule(
      withoutRule(text, 'SIP from next hop to Edge', EDGE_INTERNALS),
      'SIP from Edge to next hop',
      'dirpool.contoso.net',
    );
    assertDiagnostics(text, [dnsInfo(text)]);
  });
  test('fix inserts the Front End rules, and the file checks clean', () => {
    const fixed = fixAll(withoutFrontEndSip(DNSLB));
    assert.deepEqual(
      fixed.remaining.map((d) => d.messageId),
      ['dnsFailover'],
    );
    assert.match(fixed.text, /from: pool01\.contoso\.net\n\s+to: \[edge01\.internal, edge02\.internal\]/);
  });
});

const DIRECTOR_VIP = 'director:\n  vip: { ip: 192.168.10.49, network: corp }\n';
const withDirectorVip = (text: string) =>
  edit(text, 'edge:\n  loadBalancing: dns', `${DIRECTOR_VIP}edge:\n  loadBalancing: dns`);

describe('a Director pool behind a hardware load balancer: director.vip (L-DIRHLB)', () => {
  test("the Edge's SIP 5061 and the reverse proxy's 4443 and 8080 go to the Director VIP", () => {
    const text = withDirectorVip(DNSLB);
    assertDiagnostics(text, [
      missing(internalRules(text), 'missing', {
        rowId: 'I03',
        from: 'edge01.internal, edge02.internal',
        to: 'vip.director',
      }),
      missing(internalRules(text), 'missing', { rowId: 'D01', from: 'rp01.internal', to: 'vip.director' }),
      missing(internalRules(text), 'missing', { rowId: 'D02', from: 'rp01.internal', to: 'vip.director' }),
      dnsInfo(text),
      // The rules to the Director servers themselves now serve nothing: the traffic goes to the VIP.
      unneeded(ruleLines(text, 'SIP from Edge to next hop', 'to: dirpool.contoso.net'), 'reaches'),
      unneeded(ruleLines(text, 'Reverse proxy HTTPS to Directors', 'to: dirpool.contoso.net'), 'reaches'),
      unneeded(ruleLines(text, 'Reverse proxy HTTP to Directors', 'to: dirpool.contoso.net'), 'reaches'),
    ]);
  });
  test('rules to vip.director serve them; SIP from the Directors to the Edge still comes from each Director', () => {
    const text = withDirectorVip(DNSLB).replace(/to: dirpool\.contoso\.net/g, 'to: vip.director');
    assertDiagnostics(text, [dnsInfo(text)]);
  });
  test('fix writes vip.director', () => {
    const fixed = fixAll(withDirectorVip(DNSLB));
    // Removing the old rules to the Director servers is the user's call: fix-all leaves them reported.
    assert.deepEqual(
      fixed.remaining.map((d) => d.messageId),
      ['dnsFailover', 'reaches', 'reaches', 'reaches'],
    );
    assert.equal(fixed.text.match(/to: vip\.director\n/g)?.length, 3);
  });
});

/** The HLB example with every internal rule naming each Edge server's own address instead of the VIP. */
const toEachEdge = (text: string) =>
  text
    .replace(/to: vip\.internal\n/g, `to: ${EDGE_INTERNALS}\n`)
    .replace(/from: vip\.internal\n/g, `from: ${EDGE_INTERNALS}\n`)
    .replace(/\[vip\.internal, edge01\.internal, edge02\.internal\]/g, EDGE_INTERNALS);

describe('the Edge internal VIP with hardware load balancers', () => {
  test('Skype for Business Server: rules to each Edge server serve the VIP rows (S-ENV)', () => {
    assertDiagnostics(toEachEdge(HLB), []);
  });
  test('Skype for Business Server: the example without an internal VIP checks clean', () => {
    assertDiagnostics(NO_HLB_VIP, []);
  });
  test('edge.internalVipRouting: true requires the VIP for SIP 5061/5062 and STUN', () => {
    const text = edit(
      toEachEdge(HLB),
      'loadBalancing: hardware',
      'loadBalancing: hardware\n  internalVipRouting: true',
    );
    const to = 'vip.internal';
    assertDiagnostics(text, [
      missing(internalRules(text), 'missing', { rowId: 'I02', from: 'pool01.fabrikam.net', to }),
      missing(internalRules(text), 'missing', { rowId: 'I05', from: 'pool01.fabrikam.net', to }),
      missing(internalRules(text), 'missing', { rowId: 'I06', to: 'vip.internal, edge01.internal, edge02.internal' }),
      missing(internalRules(text), 'missing', { rowId: 'I07', to: 'vip.internal, edge01.internal, edge02.internal' }),
      // SIP to each Edge server serves nothing once it must go through the VIP.
      unneeded(ruleLines(text, 'SIP from next hop to Edge', `to: ${EDGE_INTERNALS}`), 'reaches'),
      unneeded(ruleLines(text, 'A/V authentication from Front Ends to Edge', `to: ${EDGE_INTERNALS}`), 'reaches'),
    ]);
  });
  test('edge.internalVipRouting: true without an internal VIP is nat-topology', () => {
    const text = edit(NO_HLB_VIP, 'internalVipRouting: false', 'internalVipRouting: true');
    const found = checkTopology(text).diagnostics.map((d) => `${d.code}/${d.messageId}`);
    assert.deepEqual(found, ['nat-topology/missingVips']);
  });
  test('Skype for Business Server: STUN keeps to each Edge server (the per-server table lists it)', () => {
    const text = toEachEdge(HLB).replace(
      `service: STUN/MSTURN/UDP/3478\n        from: any\n        to: ${EDGE_INTERNALS}`,
      'service: STUN/MSTURN/UDP/3478\n        from: any\n        to: vip.internal',
    );
    // The rule to the VIP alone serves no flow, so it is unneeded as well.
    const rows = checkTopology(text).diagnostics.map((d) => d.catalogRowId ?? d.code);
    assert.deepEqual(rows, ['I06', 'unneeded-rule']);
  });
});

/** The HLB example as Lync Server 2013, whose XMPP certificate carries the domain itself. */
const LYNC_HLB = edit(
  edit(
    edit(HLB, 'product: sfb2015', 'product: lync2013'),
    'san: [sip.fabrikam.com,',
    'san: [fabrikam.com, sip.fabrikam.com,',
  ),
  // Lync Server 2013 needs outbound UDP media only for OCS 2007 federation (E10), which is off here.
  '      - name: "A/V Edge media to Internet (UDP)"\n        service: RTP/UDP/50000-59999\n' +
    '        from: [edge01.avEdge, edge02.avEdge]\n        to: any\n',
  '',
);

describe('Lync Server 2013 with hardware load balancers (L-HLB)', () => {
  test('the internal VIP sends STUN/MSTURN/TCP/443 to internal clients (I12)', () => {
    assertDiagnostics(LYNC_HLB, [
      missing(internalRules(LYNC_HLB), 'missing', { rowId: 'I12', from: 'vip.internal', to: 'corp' }),
    ]);
  });
  test('rules to each Edge server do not serve the VIP rows', () => {
    const rows = checkTopology(toEachEdge(LYNC_HLB))
      .diagnostics.map((d) => `${d.code}:${d.catalogRowId ?? d.messageId}`)
      .sort();
    // The SIP 5061/5062 rules to each Edge server serve nothing on Lync Server 2013: unneeded.
    assert.deepEqual(rows, [
      'missing-flow:I02',
      'missing-flow:I05',
      'missing-flow:I06',
      'missing-flow:I07',
      'missing-flow:I12',
      'unneeded-rule:reaches',
      'unneeded-rule:reaches',
    ]);
  });
});

describe("an inserted rule for internal clients names the file's internal networks", () => {
  const withoutStun = (text: string) =>
    edit(
      text,
      '      - name: "TURN from internal clients to Edge (TCP)"\n        service: STUN/MSTURN/TCP/443\n' +
        '        from: corp\n        to: edge01.internal\n',
      '',
    );
  test('I07 from the internal network, not any', () => {
    const text = withoutStun(NAT);
    assertDiagnostics(text, [
      missing(internalRules(text), 'missing', { rowId: 'I07', from: 'corp', to: 'edge01.internal' }),
    ]);
    assert.match(fixAll(text).text, /service: STUN\/MSTURN\/TCP\/443\n\s+from: corp\n/);
  });
  test('several internal networks: all of them', () => {
    const text = withoutStun(
      edit(
        NAT,
        '  corp:      { zone: internal, subnets: [192.168.10.0/24] }\n',
        '  corp:      { zone: internal, subnets: [192.168.10.0/24] }\n' +
          '  branch: { zone: internal, subnets: [10.20.0.0/16] }\n',
      ),
    );
    const found = checkTopology(text).diagnostics.find((d) => d.catalogRowId === 'I07');
    assert.equal(found?.data?.from, 'corp, branch');
  });
  test('an internal network without subnets: any', () => {
    const text = withoutStun(
      edit(NAT, '  corp:      { zone: internal, subnets: [192.168.10.0/24] }', '  corp:      { zone: internal }'),
    );
    const found = checkTopology(text).diagnostics.find((d) => d.catalogRowId === 'I07');
    assert.equal(found?.data?.from, 'any');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, requiredRows } from '../../../server/src/engine/index';
import { countRowReads } from '../../support/catalogReads';
import { assertFixedClean, codes, DNSLB, edit, HLB, NAT, ONE_IP, only, PUBLIC } from '../rules/fixtures';

// Which catalog rows apply: the product and the settings (one IP, A/V policy, OCS 2007
// federation, Centralized Logging, HTTP publishing, the next hop).

function rowIds(text: string): string[] {
  return requiredRows(checkTopology(text).model)
    .map((row) => row.id)
    .sort();
}

describe('the rows of one model', () => {
  test('are worked out once: asking again reads no feature, and each caller gets a list of its own', () => {
    const { model } = checkTopology(NAT);
    const first = requiredRows(model);
    const { result: again, reads } = countRowReads(() => requiredRows(model));
    assert.equal(reads, 0);
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
    again.length = 0;
    assert.deepEqual(requiredRows(model), first);
  });
  test('a model of other settings has its own rows', () => {
    assert.ok(rowIds(NAT).includes('E11'));
    assert.ok(!rowIds(edit(NAT, 'ocs2007Federation: true', 'ocs2007Federation: false')).includes('E11'));
  });
});

describe('product and setting differences', () => {
  test('outbound RTP/UDP 50000-59999 (E10): always in SfB, only with OCS 2007 federation in Lync 2013', () => {
    assert.ok(rowIds(PUBLIC).includes('E10'));
    assert.ok(rowIds(NAT).includes('E10'));
    assert.ok(!rowIds(edit(NAT, 'ocs2007Federation: true', 'ocs2007Federation: false')).includes('E10'));
  });
  test('inbound RTP 50000-59999 (E11, E12): Lync 2013 with OCS 2007 federation only', () => {
    assert.ok(rowIds(NAT).includes('E11') && rowIds(NAT).includes('E12'));
    assert.ok(!rowIds(edit(NAT, 'ocs2007Federation: true', 'ocs2007Federation: false')).includes('E11'));
    assert.ok(!rowIds(edit(PUBLIC, 'edge:\n', 'edge:\n  ocs2007Federation: true\n')).includes('E11'));
  });
  test('one external IP: Access Edge 5061, Web Conferencing 444, A/V 443', () => {
    const services = requiredRows(checkTopology(ONE_IP).model).map((row) => `${row.id}:${row.service}`);
    assert.ok(services.includes('E05:SIP/TLS/TCP/5061'));
    assert.ok(services.includes('E08:PSOM/TLS/TCP/444'));
    assert.ok(services.includes('E15:STUN/MSTURN/TCP/443'));
  });
  test('one external IP is derived when the three interfaces share an address', () => {
    const text = edit(
      ONE_IP,
      '      accessEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n',
      '      accessEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n' +
        '      webConferencingEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n' +
        '      avEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n',
    ).replace('  externalIps: one\n', '');
    // Only Microsoft's word on the shape: one IP is not recommended.
    assert.deepEqual(codes(text), ['nat-topology/info']);
  });
  test('source-and-destination A/V policy: no destination range 50000-59999, and source ports must fit', () => {
    assert.ok(!rowIds(ONE_IP).includes('E09'));
    assert.ok(
      rowIds(edit(ONE_IP, 'avFirewallPolicy: sourceAndDestination', 'avFirewallPolicy: destinationOnly')).includes(
        'E09',
      ),
    );
    const text = edit(ONE_IP, 'sourcePort: 50000-59999', 'sourcePort: 3478');
    const diagnostic = only(text, 'missing-flow');
    assert.equal(diagnostic.catalogRowId, 'E16');
    assertFixedClean(text);
  });
  test('Centralized Logging and HTTP publishing are settings', () => {
    assert.ok(rowIds(NAT).includes('I09'));
    assert.ok(!rowIds(edit(NAT, 'edge:\n', 'edge:\n  centralizedLogging: false\n')).includes('I09'));
    // L-RP: 80 is "Optional", 8080 "not needed" with the SAN entries: HTTP is opt-in.
    const withoutSetting = NAT.replace(/\n *# The optional HTTP rows.*\n *publishHttp: true/, '');
    assert.notEqual(withoutSetting, NAT, 'test setup: the example sets publishHttp');
    const byDefault = rowIds(withoutSetting);
    assert.ok(!byDefault.includes('R01') && !byDefault.includes('R03') && byDefault.includes('R02'));
    assert.ok(rowIds(NAT).includes('R01') && rowIds(NAT).includes('R03'));
  });
  test('the next hop is the Director pool when there is one', () => {
    const flows = checkTopology(DNSLB).analysis.flows;
    assert.deepEqual(flows.find((flow) => flow.row.id === 'I02')?.src.endpoints, ['dirpool.contoso.net']);
  });
  test('SIP federation and public IM connectivity share their flows', () => {
    const flows = checkTopology(NAT).analysis.flows.filter((flow) => flow.row.service === 'SIP/MTLS/TCP/5061');
    assert.deepEqual(flows.map((flow) => flow.id).sort(), ['E06', 'E07', 'I02', 'I03']);
  });
});

describe('the page a row cites first', () => {
  const firstKey = (text: string, id: string) =>
    requiredRows(checkTopology(text).model).find((row) => row.id === id)?.sources[0].key;
  test('X2 on Skype for Business without hardware load balancers: the XMPP port summary, not S-ENV', () => {
    // S-ENV lists the outbound 5269 row only in its hardware-load-balancer VIP table.
    assert.equal(firstKey(PUBLIC, 'X2'), 'L-XMPP-PORT');
    assert.equal(firstKey(HLB, 'X2'), 'S-ENV');
    assert.equal(firstKey(PUBLIC, 'X1'), 'S-ENV');
    assert.equal(firstKey(DNSLB, 'X2'), 'L-DNSLB-NAT');
  });
});

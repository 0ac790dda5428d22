// "New Topology File" (client/src/commands/topologyTemplate.ts): every combination of the
// wizard's answers gives a file that the engine checks clean except for the rules still to write.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { checkTopology } from '../../server/src/engine/index';
import {
  addressingsFor,
  featuresFor,
  internalIpProblem,
  ipv4Problem,
  isTopologyChoices,
  type LoadBalancing,
  suggestedFileName,
  type TopologyChoices,
  topologyText,
  type WizardProduct,
} from '../../client/src/commands/topologyTemplate';

const PRODUCTS: WizardProduct[] = ['lync2013', 'sfb2015', 'sfb2019'];
const BALANCING: LoadBalancing[] = ['single', 'dns', 'hardware'];
/** DNS load balancing with these loses failover: Microsoft supports it, the checker says so as info. */
const DNS_FAILOVER = ['xmppFederation', 'publicImConnectivity'];

function* everyChoice(): Generator<TopologyChoices> {
  for (const product of PRODUCTS)
    for (const loadBalancing of BALANCING)
      for (const addressing of addressingsFor(loadBalancing)) {
        const names = featuresFor(product).map((feature) => feature.name);
        for (let mask = 0; mask < 1 << names.length; mask++)
          yield {
            name: 'Contoso edge',
            product,
            addressing,
            loadBalancing,
            features: names.filter((_, index) => mask & (1 << index)),
            externalIp: addressing === 'nat' ? '10.45.16.10' : '131.107.155.10',
            internalIp: '172.25.33.10',
            publicIp: addressing === 'nat' ? '131.107.155.10' : undefined,
          };
      }
}

describe('New Topology File', () => {
  test('every combination of the picks checks clean except for the missing rules', () => {
    let combinations = 0;
    let requiredSomewhere = 0;
    for (const choices of everyChoice()) {
      combinations++;
      const text = topologyText(choices);
      const { diagnostics, flowModel } = checkTopology(text);
      const label = `${choices.product} ${choices.loadBalancing} ${choices.addressing} [${choices.features.join(',')}]`;
      const others = diagnostics.filter((diagnostic) => diagnostic.code !== 'missing-flow');
      const failover =
        choices.loadBalancing === 'dns' && choices.features.some((name) => DNS_FAILOVER.includes(name)) ? 1 : 0;
      assert.deepEqual(
        others.map((diagnostic) => `${diagnostic.code}/${diagnostic.severity}`),
        failover ? ['nat-topology/info'] : [],
        `${label}: ${others.map((diagnostic) => diagnostic.message).join(' | ')}`,
      );
      // Nothing is allowed yet: every required flow is reported missing, to be inserted.
      assert.equal(flowModel.summary.allowed, 0, label);
      assert.equal(diagnostics.length > others.length, flowModel.summary.required > 0, label);
      assert.ok(
        flowModel.flows.every((flow) => flow.status === 'missing'),
        label,
      );
      requiredSomewhere += flowModel.summary.required > 0 ? 1 : 0;
      assert.equal(flowModel.product, choices.product, label);
    }
    // 3 products × (single public/NAT, DNS public/NAT, hardware public) × the feature subsets.
    assert.equal(combinations, 5 * (1024 + 1024 + 512));
    assert.ok(requiredSomewhere > combinations * 0.9);
  });

  test('the file holds the answers, and no comment that could go stale', () => {
    const text = topologyText({
      name: 'Fabrikam: edge #2',
      product: 'sfb2015',
      addressing: 'nat',
      loadBalancing: 'dns',
      features: ['sipFederation', 'audioVideo'],
      externalIp: '10.45.16.10',
      internalIp: '172.25.33.10',
      publicIp: '131.107.155.10',
    });
    const document = parseDocument(text);
    assert.deepEqual(document.errors, []);
    const data = document.toJS();
    assert.equal(data.topology.name, 'Fabrikam: edge #2');
    assert.equal(data.topology.product, 'sfb2015');
    assert.deepEqual(data.features, { sipFederation: true, audioVideo: true });
    assert.equal(data.edge.loadBalancing, 'dns');
    assert.deepEqual(data.servers.edge02.interfaces.avEdge, {
      ip: '10.45.16.31',
      publicIp: '131.107.155.31',
      network: 'dmz-external',
    });
    assert.deepEqual(data.servers.edge01.interfaces.internal, { ip: '172.25.33.10', network: 'dmz-internal' });
    // The name is quoted, so its '#' is no comment; there is no other '#' at all.
    assert.match(text, /^ {2}name: "Fabrikam: edge #2"$/m);
    assert.doesNotMatch(text.replace('"Fabrikam: edge #2"', ''), /#/);
    assert.deepEqual(data.firewalls.external.rules, []);
  });

  test('hardware load balancers get VIPs and public addresses only (NAT is not offered)', () => {
    assert.deepEqual(addressingsFor('hardware'), ['public']);
    assert.deepEqual(addressingsFor('single'), ['public', 'nat']);
    const data = parseDocument(
      topologyText({
        name: 'x',
        product: 'sfb2019',
        addressing: 'nat',
        loadBalancing: 'hardware',
        features: ['xmppFederation', 'webConferencing'],
        externalIp: '131.107.155.10',
        internalIp: '172.25.33.10',
      }),
    ).toJS();
    assert.deepEqual(data.edge.vips.accessEdge, { ip: '131.107.155.10', network: 'dmz-external' });
    assert.equal(data.servers.edge01.interfaces.accessEdge.ip, '131.107.155.11');
    assert.equal(data.servers.edge01.interfaces.accessEdge.publicIp, undefined);
    // XMPP is not offered for 2019 (feature-unsupported), so it is not written either.
    assert.deepEqual(data.features, { webConferencing: true });
  });

  test('the untitled file proposes <name>.topology.yaml', () => {
    assert.equal(suggestedFileName('Contoso edge'), 'contoso-edge.topology.yaml');
    assert.equal(suggestedFileName('  Fabrikam SfB 2015 / DMZ  '), 'fabrikam-sfb-2015-dmz.topology.yaml');
    assert.equal(suggestedFileName('Пограничный'), 'edge.topology.yaml');
    assert.equal(suggestedFileName('Café'), 'cafe.topology.yaml');
  });

  test('the address boxes accept IPv4 only, with room for the next addresses', () => {
    assert.equal(ipv4Problem('131.107.155.10'), undefined);
    assert.equal(ipv4Problem(' 10.0.0.1 '), undefined);
    for (const bad of ['', '131.107.155', '131.107.155.256', '2001:db8::1', '1.2.3.4/24', '01.2.3.4x', 'edge'])
      assert.equal(ipv4Problem(bad), 'not-ipv4', bad);
    assert.equal(ipv4Problem('131.107.155.0'), 'no-room');
    assert.equal(ipv4Problem('131.107.155.225'), 'no-room');
    assert.equal(ipv4Problem('131.107.155.224'), undefined);
    assert.equal(internalIpProblem('131.107.155.50', '131.107.155.10'), 'same-subnet');
    assert.equal(internalIpProblem('172.25.33.10', '131.107.155.10'), undefined);
    assert.equal(internalIpProblem('172.25.33', '131.107.155.10'), 'not-ipv4');
  });

  test('a command argument is taken as answers only when complete', () => {
    const choices = everyChoice().next().value as TopologyChoices;
    assert.equal(isTopologyChoices(choices), true);
    assert.equal(isTopologyChoices({ ...choices, product: 'ocs2007' }), false);
    assert.equal(isTopologyChoices({ ...choices, externalIp: undefined }), false);
    assert.equal(isTopologyChoices('lync2013'), false);
    assert.equal(isTopologyChoices(undefined), false);
  });
});

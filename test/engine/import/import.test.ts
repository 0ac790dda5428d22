import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { checkTopology, fixAll, importTopologyXml } from '../../../server/src/engine/index';

// The import of our own fixtures (written from the documented topology schema): the exact
// servers, addresses, features and Edge settings, a file that checks with nothing but the missing
// rules, and "Insert All Missing Rules" (fix all) that leaves it clean.

const FIXTURES = join(__dirname, '../../../../test/fixtures/import');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const imported = (name: string) => importTopologyXml(read(name), { source: name });

interface Written {
  topology: { name: string; product: string };
  features: Record<string, boolean>;
  domains: { sip: string[]; xmpp?: string[] };
  networks: Record<string, { zone: string; subnets?: string[] }>;
  servers: Record<
    string,
    {
      role: string;
      pool: string;
      services?: string[];
      interfaces: Record<string, { ip: string; network: string; publicIp?: string }>;
    }
  >;
  edge: { loadBalancing: string; nextHop?: string; vips?: Record<string, { ip: string; network: string }> };
  firewalls: Record<string, { between: string[]; rules: unknown[] }>;
}

function written(name: string): Written {
  return parse(imported(name).yaml) as Written;
}

/** What the check says about an imported file and about the file after fix all. */
function verdicts(yaml: string) {
  const before = checkTopology(yaml).diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
  const fixed = fixAll(yaml);
  return {
    codes: [...new Set(before.map((diagnostic) => diagnostic.code))],
    missing: before.length,
    fixed,
    after: checkTopology(fixed.text).diagnostics.filter((diagnostic) => diagnostic.severity !== 'info'),
  };
}

describe('import: Skype for Business Server 2015, consolidated Edge behind NAT, DNS-LB Front End pool', () => {
  const file = written('sfb2015-nat-edge.xml');

  test('product, name, SIP domains (default first) and the features the Edge pool offers', () => {
    assert.deepEqual(file.topology, { name: 'Fabrikam Redmond', product: 'sfb2015' });
    assert.deepEqual(file.domains, { sip: ['fabrikam.com', 'fabrikam.co.uk'], xmpp: ['fabrikam.com'] });
    assert.deepEqual(file.features, {
      xmppFederation: true,
      sipFederation: true,
      remoteUserAccess: true,
      webConferencing: true,
      audioVideo: true,
      edgeInternal: true,
      dnsAndCrl: true,
    });
  });

  test('the Front End pool with the XMPP gateway and the CMS; the Edge with its NAT addresses; no SQL server', () => {
    assert.deepEqual(Object.keys(file.servers), ['fe01', 'fe02', 'fe03', 'edge01']);
    for (const [name, ip] of [
      ['fe01', '192.168.10.90'],
      ['fe02', '192.168.10.91'],
      ['fe03', '192.168.10.92'],
    ])
      assert.deepEqual(file.servers[name], {
        role: 'frontEnd',
        pool: 'pool01.fabrikam.net',
        services: ['centralManagementStore', 'xmppGateway'],
        interfaces: { primary: { ip, network: 'corp' } },
      });
    assert.deepEqual(file.servers.edge01, {
      role: 'edge',
      pool: 'sfbedge.fabrikam.net',
      interfaces: {
        accessEdge: { ip: '10.45.16.10', publicIp: '131.107.155.10', network: 'dmz-external' },
        webConferencingEdge: { ip: '10.45.16.20', publicIp: '131.107.155.20', network: 'dmz-external' },
        avEdge: { ip: '10.45.16.30', publicIp: '131.107.155.30', network: 'dmz-external' },
        internal: { ip: '172.25.33.10', network: 'dmz-internal' },
      },
    });
    assert.deepEqual(file.edge, { loadBalancing: 'none', nextHop: 'pool01.fabrikam.net' });
  });

  test('networks proposed around the addresses (marked to confirm), firewalls with empty rule lists', () => {
    assert.deepEqual(file.networks, {
      internet: { zone: 'external' },
      'dmz-external': { zone: 'perimeter', subnets: ['10.45.16.0/24'] },
      'dmz-internal': { zone: 'perimeter', subnets: ['172.25.33.0/24'] },
      corp: { zone: 'internal', subnets: ['192.168.10.0/24'] },
    });
    assert.match(
      imported('sfb2015-nat-edge.xml').yaml,
      /\n# Proposed from .*confirm the subnets and zones\.\nnetworks:\n/,
    );
    assert.deepEqual(file.firewalls, {
      external: { between: ['internet', 'dmz-external'], rules: [] },
      internal: { between: ['corp', 'dmz-internal'], rules: [] },
    });
  });

  test('checks with only missing flows; Insert All Missing Rules makes it clean', () => {
    const { codes, missing, fixed, after } = verdicts(imported('sfb2015-nat-edge.xml').yaml);
    assert.deepEqual(codes, ['missing-flow']);
    assert.equal(fixed.applied.length, missing);
    assert.deepEqual(fixed.dropped, []);
    assert.deepEqual(after, []);
  });

  test('the .tbxml (the topology in TopologyBuilder/NewTopology/PartialTopology) gives the same file', () => {
    const xml = importTopologyXml(read('sfb2015-nat-edge.xml')).yaml;
    assert.equal(importTopologyXml(read('sfb2015-nat-edge.tbxml')).yaml, xml);
  });
});

describe('import: Lync Server 2013, Director pool as next hop, Edge pool behind hardware load balancers', () => {
  const file = written('lync2013-director-hlb-edge.xml');

  test('the Directors as a pool of their own, the Edge servers with public addresses and the VIPs', () => {
    assert.equal(file.topology.product, 'lync2013');
    assert.equal(file.features.director, true);
    assert.deepEqual(
      Object.entries(file.servers).map(([name, server]) => [name, server.role, server.pool]),
      [
        ['fe01', 'frontEnd', 'pool01.contoso.net'],
        ['fe02', 'frontEnd', 'pool01.contoso.net'],
        ['dir01', 'director', 'dirpool.contoso.net'],
        ['dir02', 'director', 'dirpool.contoso.net'],
        ['edge01', 'edge', 'edgepool.contoso.net'],
        ['edge02', 'edge', 'edgepool.contoso.net'],
      ],
    );
    assert.equal(file.servers.dir01.services, undefined);
    assert.deepEqual(file.servers.edge02.interfaces, {
      accessEdge: { ip: '131.107.155.12', network: 'dmz-external' },
      webConferencingEdge: { ip: '131.107.155.22', network: 'dmz-external' },
      avEdge: { ip: '131.107.155.32', network: 'dmz-external' },
      internal: { ip: '172.25.33.12', network: 'dmz-internal' },
    });
    assert.deepEqual(file.edge, {
      loadBalancing: 'hardware',
      nextHop: 'dirpool.contoso.net',
      vips: {
        internal: { ip: '172.25.33.100', network: 'dmz-internal' },
        accessEdge: { ip: '131.107.155.10', network: 'dmz-external' },
        webConferencingEdge: { ip: '131.107.155.20', network: 'dmz-external' },
        avEdge: { ip: '131.107.155.30', network: 'dmz-external' },
      },
    });
  });

  test('checks with only missing flows; Insert All Missing Rules makes it clean', () => {
    const { codes, fixed, after } = verdicts(imported('lync2013-director-hlb-edge.xml').yaml);
    assert.deepEqual(codes, ['missing-flow']);
    assert.deepEqual(fixed.dropped, []);
    assert.deepEqual(after, []);
  });
});

describe('import: what the topology leaves open is said in the file', () => {
  const base = read('sfb2015-nat-edge.xml');

  test('only the A/V Edge public address (all Topology Builder asks for): a note, and nat-topology then', () => {
    const xml = base.replace(/ PublicIPAddress="131\.107\.155\.(10|20)"/g, '');
    const { yaml, description } = importTopologyXml(xml);
    assert.deepEqual(description.notes, [
      'Edge server edge01 is behind NAT: add the publicIp of accessEdge and webConferencingEdge.',
    ]);
    assert.match(
      yaml,
      /\n# Edge server edge01 is behind NAT: add the publicIp of accessEdge and webConferencingEdge\.\n/,
    );
    assert.ok(checkTopology(yaml).diagnostics.some((diagnostic) => diagnostic.code === 'nat-topology'));
  });

  test('ServiceVersion decides the product; an unknown one is lync2013 with a note', () => {
    assert.equal(
      importTopologyXml(base.replaceAll('ServiceVersion="7"', 'ServiceVersion="8"')).description.product,
      'sfb2019',
    );
    const old = importTopologyXml(base.replaceAll('ServiceVersion="7"', 'ServiceVersion="5"')).description;
    assert.equal(old.product, 'lync2013');
    assert.match(old.notes[0], /^ServiceVersion 5 is none of Lync Server 2013 \(6\)/);
  });

  test('Skype for Business Server 2019 has no XMPP: neither the feature nor the gateway service', () => {
    const { description } = importTopologyXml(base.replaceAll('ServiceVersion="7"', 'ServiceVersion="8"'));
    assert.ok(!description.features.includes('xmppFederation'));
    assert.deepEqual(description.servers[0].services, ['centralManagementStore']);
  });

  test('"use all addresses" (0.0.0.0) is no address: the server gets a note instead', () => {
    const xml = base.replace('IPAddress="192.168.10.92"', 'IPAddress="0.0.0.0"');
    const { description } = importTopologyXml(xml);
    assert.deepEqual(description.servers[2].interfaces, []);
    assert.ok(
      description.notes.includes(
        'Server fe03 (fe03.fabrikam.net) has no usable IP address in the topology: add its interfaces.',
      ),
    );
  });
});

describe('import: the Topology Builder shape, clusters under their site and named by UniqueId', () => {
  test('clusters under CentralSites/CentralSite, services naming their role and cluster in attributes', () => {
    const xml = [
      '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008">',
      '<NewTopology><PartialTopology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.WritableTopology.2008">',
      '<CentralSites><CentralSite SiteId="1"><Name>Site</Name><Clusters>',
      '<Cluster UniqueId="AAAA-1" Fqdn="se01.contoso.net"><Machines>',
      '<Machine Fqdn="se01.contoso.net">',
      '<NetInterface InterfaceSide="Primary" InterfaceNumber="1" IPAddress="10.1.1.5"/>',
      '</Machine></Machines></Cluster></Clusters></CentralSite></CentralSites>',
      '<Services><Service RoleName="Registrar" InstalledOn="aaaa-1" ServiceVersion="7"/></Services>',
      '</PartialTopology></NewTopology></TopologyBuilder>',
    ].join('');
    const { description } = importTopologyXml(xml);
    assert.equal(description.name, 'Site');
    assert.equal(description.product, 'sfb2015');
    assert.deepEqual(description.servers, [
      {
        name: 'se01',
        fqdn: 'se01.contoso.net',
        role: 'frontEnd',
        pool: 'se01.contoso.net',
        services: [],
        interfaces: [{ name: 'primary', ip: '10.1.1.5' }],
      },
    ]);
  });
});

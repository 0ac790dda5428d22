import { SOURCES } from '../catalog/sources';
import { yamlScalar, appendItemsEdit, setKeyEdit } from '../yaml/edits';
import { edgePools, federationRoute, routeServers } from '../flows/federationRoute';
import { edgeInterfaceOf, vipFor } from '../flows/required';
import type { TopologyModel } from '../model/model';
import { isSeq } from '../yaml/nodeTypes';
import { keyRangeAtPath, nodeAt, PathSegment, rangeAtPath } from '../yaml/parse';
import type { Diagnostic, SourceRange } from '../types';
import { isFeatureActive as enabled, usesAccessEdge } from './activeFeatures';
import { report, safeFix, type Rule, type RuleContext } from './rule';
import type { DnsRecord } from '../model/settings';
import { fixTitle } from './fixTitles';

// DNS records (code dns-record), checked when the file has a `dns` section (without one the
// records are derived: `lync-ports export --format markdown` lists them). Every federated domain
// needs its SRV record pointing at the Access Edge on the right port (PORT-CATALOG §3.4, §5.1):
//   _xmpp-server._tcp.<domain>      5269  XMPP federation (L-XMPP-DNS, S-ENV)
//   _sipfederationtls._tcp.<domain> 5061  SIP federation / public IM connectivity (L-FED-DNS, S-ENV)
//   _sip._tls.<domain>              443   remote user access (S-ENV; the Access Edge client port)
// and the Edge FQDNs (edge.fqdns) need A records with the public (NAT) addresses. With several Edge
// pools only the federation route (edge.federationRoute) carries federation and XMPP: the SRV
// records and edge.fqdns are its pool's, and a file that does not name the route is told to, with
// or without a `dns` section (L-XMPP-SETUP, L-XMPP-FAILOVER).

const ENV = `"${SOURCES['S-ENV'].title}"`;
const SRV_TARGET = 'SRV record {{name}} points at {{target}}, which is not the Access Edge.';
const SRV_QUOTE = '"The SRV record will resolve to the access edge FQDN of the Edge server" ({{source}}).';
const WRONG_ADDRESS = '{{location}} A record {{name}} holds {{address}}, not {{expected}}.';
const WRONG_ADDRESS_WHY = 'It must hold {{what}} ({{expected}}){{natNote}} (' + ENV + ').';
const ROUTE_PAGES = `"${SOURCES['L-XMPP-SETUP'].title}", "${SOURCES['L-XMPP-FAILOVER'].title}"`;
const NO_ADDRESS = 'dns.{{location}} has no A record {{records}}.';
const NO_ADDRESS_WHY =
  'The Edge FQDNs of edge.fqdns must resolve to the Edge addresses (' +
  ENV +
  '; with DNS load balancing one record per Edge server).';

const meta = {
  code: 'dns-record',
  severity: 'error',
  summary: 'A DNS record the enabled features need is missing or points elsewhere.',
  docs:
    'With a `dns` section: an SRV record the enabled features need is missing or points elsewhere ' +
    '(`_xmpp-server._tcp.<domain>` → Access Edge FQDN on 5269, `_sipfederationtls._tcp` on 5061, ' +
    '`_sip._tls` on the client port), or an Edge A record holds the wrong address. With several Edge pools and ' +
    'federation (with or without `dns`): `edge.federationRoute` must name the Edge pool that carries it, and the ' +
    'SRV records point at that pool.',
  fixKinds: ['other'],
  messages: {
    srvPort: 'SRV record {{name}} uses port {{written}}, not {{port}}.',
    srvTarget: SRV_TARGET,
    srvTargetWithoutFqdn: SRV_TARGET,
    srvMissing: 'dns.external has no SRV record {{names}}.',
    srvMissingWithoutFqdn: 'dns.external has no SRV record {{names}}.',
    wrongAddress: WRONG_ADDRESS,
    wrongAddressWithoutReplacement: WRONG_ADDRESS,
    addressMissing: NO_ADDRESS,
    addressesMissing: NO_ADDRESS,
    routeUnnamed: 'This topology has {{count}} Edge pools but does not name its federation route.',
    routeUnknown: 'edge.federationRoute names {{name}}, which is no Edge pool.',
  },
  details: {
    srvPort: '{{why}} needs port {{port}} on the Access Edge ({{source}}). Change the port to {{port}}.',
    srvTarget: `${SRV_QUOTE} Point it at {{fqdn}}{{addresses}}.`,
    srvTargetWithoutFqdn:
      `${SRV_QUOTE} Set edge.fqdns.accessEdge, or add an A record for the target with the Access Edge ` +
      'public address{{addresses}}.',
    srvMissing:
      'Missing: {{records}}. Each must point at the Access Edge FQDN {{fqdn}} ({{sources}}). Add the records.',
    srvMissingWithoutFqdn:
      'Missing: {{records}}. Each must point at the Access Edge FQDN ({{sources}}). ' +
      'Set edge.fqdns.accessEdge and add the records.',
    // natNote: the clause that explains a private address behind NAT, or nothing.
    wrongAddress: `${WRONG_ADDRESS_WHY} Change it to {{replacement}}.`,
    wrongAddressWithoutReplacement: `${WRONG_ADDRESS_WHY} Remove the record.`,
    addressMissing: `${NO_ADDRESS_WHY} Add the record.`,
    addressesMissing: `${NO_ADDRESS_WHY} Add the records.`,
    routeUnnamed:
      'The pools are {{pools}}, but one Edge pool carries SIP federation and XMPP: the ' +
      "site's federation route, which the SRV records point at (" +
      ROUTE_PAGES +
      '). Name it with edge.federationRoute: <Edge pool FQDN>.',
    routeUnknown: 'Use one of: {{pools}}.',
  },
} as const satisfies Rule['meta'];

interface RequiredSrv {
  name: string;
  port: number;
  why: string;
  source: string;
}

/**
 * The public addresses of an Edge interface: the HLB VIP, else each server's public (NAT) or own address (of the
 * federation route's pool when the file names one of several).
 */
export function publicAddresses(model: TopologyModel, interfaceName: string): string[] {
  const edge = model.settings.edge;
  if (edge.loadBalancing === 'hardware') {
    const vip = vipFor(model, interfaceName);
    if (vip?.ip) return [vip.ip];
  }
  const out: string[] = [];
  for (const server of routeServers(model) ?? model.servers.filter((candidate) => candidate.role === 'edge')) {
    const item = edgeInterfaceOf(server, interfaceName, model);
    const address = interfaceName === 'internal' ? item?.ip : (item?.publicIp ?? item?.ip);
    if (address && !out.includes(address)) out.push(address);
  }
  return out;
}

/** The Access Edge's external FQDN: edge.fqdns.accessEdge, else the name of an A record holding its address. */
export function accessEdgeFqdn(model: TopologyModel): string | undefined {
  const settings = model.settings;
  if (settings.edge.fqdns.accessEdge) return settings.edge.fqdns.accessEdge;
  const addresses = publicAddresses(model, 'accessEdge');
  return settings.dns.external.find(
    (record) =>
      (record.type === 'A' || record.type === 'AAAA') &&
      record.address !== undefined &&
      addresses.includes(record.address),
  )?.name;
}

/** SRV records the enabled features need, per domain. */
export function requiredSrvRecords(model: TopologyModel): RequiredSrv[] {
  const out: RequiredSrv[] = [];
  const edge = model.settings.edge;
  if (enabled(model, 'xmppFederation')) {
    const domains = model.xmppDomains.length > 0 ? model.xmppDomains : model.sipDomains;
    for (const domain of domains)
      out.push({
        name: `_xmpp-server._tcp.${domain}`,
        port: 5269,
        why: 'XMPP federation',
        source: `"${SOURCES['L-XMPP-DNS'].title}"`,
      });
  }
  if (enabled(model, 'sipFederation') || enabled(model, 'publicImConnectivity')) {
    for (const domain of model.sipDomains)
      out.push({
        name: `_sipfederationtls._tcp.${domain}`,
        port: 5061,
        why: 'SIP federation',
        source: `"${SOURCES['L-FED-DNS'].title}"`,
      });
  }
  if (enabled(model, 'remoteUserAccess')) {
    for (const domain of model.sipDomains)
      out.push({
        name: `_sip._tls.${domain}`,
        port: edge.ports.accessEdge,
        why: 'remote user sign-in',
        source: `"${SOURCES['S-ENV'].title}"`,
      });
  }
  return out.map((record) => ({ ...record, name: record.name.toLowerCase() }));
}

/** A records the Edge FQDNs need: name → the addresses it must resolve to. */
export function requiredAddressRecords(
  model: TopologyModel,
): { location: 'external' | 'internal'; name: string; addresses: string[]; interfaceName: string }[] {
  const fqdns = model.settings.edge.fqdns;
  const uses: [string, boolean][] = [
    ['accessEdge', usesAccessEdge(model)],
    ['webConferencingEdge', enabled(model, 'webConferencing')],
    ['avEdge', enabled(model, 'audioVideo')],
    ['internal', model.servers.some((server) => server.role === 'edge')],
  ];
  const out: { location: 'external' | 'internal'; name: string; addresses: string[]; interfaceName: string }[] = [];
  for (const [interfaceName, used] of uses) {
    const name = fqdns[interfaceName as keyof typeof fqdns];
    if (!used || !name) continue;
    const addresses = publicAddresses(model, interfaceName);
    if (addresses.length === 0) continue;
    // One FQDN and IP for the three services: one A record.
    if (out.some((record) => record.name === name)) continue;
    out.push({ location: interfaceName === 'internal' ? 'internal' : 'external', name, addresses, interfaceName });
  }
  return out;
}

/** Several Edge pools with federation: the file must name the route, and name an Edge pool. */
function checkRoute(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const route = federationRoute(model);
  if (route.kind === 'unknown') {
    const data = { name: route.name, pools: route.pools.join(', ') };
    return [report(meta, 'routeUnknown', data, { range: rangeAtPath(parsed, ['edge', 'federationRoute']) })];
  }
  const federates = ['xmppFederation', 'sipFederation', 'publicImConnectivity'].some((name) => enabled(model, name));
  if (route.kind !== 'unnamed' || !federates) return [];
  // On the edge section, else where the second pool first appears.
  const second = edgePools(model).get(route.pools[1])?.[0];
  const range = nodeAt(parsed.doc, ['edge'])
    ? keyRangeAtPath(parsed, ['edge'])
    : second?.pool
      ? rangeAtPath(parsed, [...second.path, 'pool'])
      : keyRangeAtPath(parsed, second?.path ?? ['servers']);
  return [report(meta, 'routeUnnamed', { count: route.pools.length, pools: route.pools.join(', ') }, { range })];
}

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const settings = model.settings;
  const routeFindings = checkRoute(context);
  if (!settings.dns.present) return routeFindings;
  const out: Diagnostic[] = [...routeFindings];
  const records = settings.dns.external;
  const fqdn = accessEdgeFqdn(model);
  const accessAddresses = publicAddresses(model, 'accessEdge');
  const listRange = (location: 'external' | 'internal'): SourceRange =>
    keyRangeAtPath(parsed, ['dns', location]).startOffset !== keyRangeAtPath(parsed, ['dns']).startOffset
      ? keyRangeAtPath(parsed, ['dns', location])
      : keyRangeAtPath(parsed, ['dns']);

  const resolvesToAccess = (name: string | undefined, depth = 0): boolean => {
    if (!name || depth > 8) return false;
    if (name === fqdn) return true;
    return records.some(
      (record) =>
        record.name === name &&
        (((record.type === 'A' || record.type === 'AAAA') &&
          record.address !== undefined &&
          accessAddresses.includes(record.address)) ||
          (record.type === 'CNAME' && resolvesToAccess(record.target, depth + 1))),
    );
  };

  const missing: RequiredSrv[] = [];
  for (const required of requiredSrvRecords(model)) {
    const found = records.filter((record) => record.type === 'SRV' && record.name === required.name);
    if (found.length === 0) {
      missing.push(required);
      continue;
    }
    if (found.some((record) => record.port === required.port && resolvesToAccess(record.target))) continue;
    const record = found[0];
    if (record.port !== required.port) {
      const edit = setKeyEdit(parsed, record.path, 'port', String(required.port));
      const data = {
        name: required.name,
        written: record.port ?? '(none)',
        why: required.why,
        port: required.port,
        source: required.source,
      };
      const title = fixTitle('fix/srvPort', { name: required.name, port: required.port });
      out.push(
        report(meta, 'srvPort', data, {
          range: rangeAtPath(parsed, record.port === undefined ? record.path : [...record.path, 'port']),
          fixes: safeFix(title, 'other', edit),
        }),
      );
    }
    if (!resolvesToAccess(record.target)) {
      const edit = fqdn ? setKeyEdit(parsed, record.path, 'target', yamlScalar(fqdn)) : undefined;
      const addresses = accessAddresses.length > 0 ? ` (${accessAddresses.join(', ')})` : '';
      const data = {
        name: required.name,
        target: record.target ?? '(no target)',
        source: required.source,
        addresses,
        ...(fqdn ? { fqdn } : {}),
      };
      out.push(
        report(meta, fqdn ? 'srvTarget' : 'srvTargetWithoutFqdn', data, {
          range: rangeAtPath(parsed, record.target === undefined ? record.path : [...record.path, 'target']),
          fixes: safeFix(fixTitle('fix/srvTarget', { name: required.name, fqdn: fqdn ?? '' }), 'other', edit),
        }),
      );
    }
  }
  if (missing.length > 0) {
    const items = fqdn
      ? missing.map(
          (required) =>
            `{ name: ${yamlScalar(required.name)}, type: SRV, target: ${yamlScalar(fqdn)}, port: ${required.port} }`,
        )
      : [];
    const edit = fqdn ? appendItemsEdit(parsed, ['dns'], 'external', items) : undefined;
    const added = missing.length === 1 ? `SRV record ${missing[0].name}` : `${missing.length} SRV records`;
    const data = {
      records: missing
        .map((required) => `SRV record ${required.name} (port ${required.port}, ${required.why})`)
        .join(', '),
      names: missing.map((required) => required.name).join(', '),
      sources: [...new Set(missing.map((required) => required.source))].join('; '),
      ...(fqdn ? { fqdn } : {}),
    };
    out.push(
      report(meta, fqdn ? 'srvMissing' : 'srvMissingWithoutFqdn', data, {
        range: listRange('external'),
        fixes: safeFix(fixTitle('fix/addSrv', { records: added }), 'other', edit),
      }),
    );
  }
  // A list that does not exist yet is created by one fix per round; the next round adds the rest.
  const creating = new Set<'external' | 'internal'>();
  if (missing.length > 0 && fqdn && !isSeq(nodeAt(parsed.doc, ['dns', 'external']))) creating.add('external');
  out.push(...checkAddressRecords(context, creating));
  return out;
}

function checkAddressRecords(context: RuleContext, creating: Set<'external' | 'internal'>): Diagnostic[] {
  const { parsed, model } = context;
  const settings = model.settings;
  const out: Diagnostic[] = [];
  const inserts: { location: 'external' | 'internal'; items: string[]; names: string[] }[] = [];
  for (const required of requiredAddressRecords(model)) {
    const list = required.location === 'external' ? settings.dns.external : settings.dns.internal;
    const found = list.filter(
      (record) => record.name === required.name && (record.type === 'A' || record.type === 'AAAA'),
    );
    const cname = list.find((record) => record.name === required.name && record.type === 'CNAME');
    if (cname) continue; // an alias: its target is checked where it is defined
    const what =
      required.location === 'external'
        ? `the public ${required.interfaceName} address${required.addresses.length > 1 ? 'es' : ''}`
        : 'the Edge internal address';
    for (const record of found) {
      if (record.address !== undefined && required.addresses.includes(record.address)) continue;
      const wrongIsPrivate = model.servers.some((server) =>
        server.interfaces.some((item) => item.ip === record.address && item.publicIp !== undefined),
      );
      const replacement = required.addresses.find((address) => !found.some((other) => other.address === address));
      const edit = replacement ? setKeyEdit(parsed, record.path, 'address', yamlScalar(replacement)) : undefined;
      const data = {
        location: required.location === 'external' ? 'External' : 'Internal',
        name: record.name,
        address: record.address ?? '(no address)',
        what,
        expected: required.addresses.join(', '),
        natNote: wrongIsPrivate
          ? ': behind NAT, external DNS publishes the public address (publicIp), not the private one'
          : '',
        ...(replacement ? { replacement } : {}),
      };
      out.push(
        report(meta, replacement ? 'wrongAddress' : 'wrongAddressWithoutReplacement', data, {
          range: rangeAtPath(parsed, record.address === undefined ? record.path : [...record.path, 'address']),
          fixes: safeFix(
            fixTitle('fix/setRecord', { name: record.name, replacement: replacement ?? '' }),
            'other',
            edit,
          ),
        }),
      );
    }
    const absent = required.addresses.filter((address) => !found.some((record) => record.address === address));
    const wrongCount = found.filter(
      (record) => record.address === undefined || !required.addresses.includes(record.address),
    ).length;
    const toAdd = absent.slice(wrongCount);
    if (toAdd.length > 0) {
      let entry = inserts.find((insert) => insert.location === required.location);
      if (!entry) inserts.push((entry = { location: required.location, items: [], names: [] }));
      for (const address of toAdd) {
        const type = address.includes(':') ? 'AAAA' : 'A';
        entry.items.push(`{ name: ${yamlScalar(required.name)}, type: ${type}, address: ${yamlScalar(address)} }`);
        entry.names.push(`${required.name} → ${address}`);
      }
    }
  }
  for (const insert of inserts) {
    const edit = creating.has(insert.location)
      ? undefined
      : appendItemsEdit(parsed, ['dns'], insert.location, insert.items);
    const path: PathSegment[] = ['dns', insert.location];
    const range =
      keyRangeAtPath(parsed, path).startOffset !== keyRangeAtPath(parsed, ['dns']).startOffset
        ? keyRangeAtPath(parsed, path)
        : keyRangeAtPath(parsed, ['dns']);
    const plural = insert.items.length > 1;
    const title = plural
      ? fixTitle('fix/addARecords', { count: insert.items.length, location: insert.location })
      : fixTitle('fix/addARecord', { location: insert.location });
    out.push(
      report(
        meta,
        plural ? 'addressesMissing' : 'addressMissing',
        { location: insert.location, records: insert.names.join(', ') },
        {
          range,
          fixes: safeFix(title, 'other', edit),
        },
      ),
    );
  }
  return out;
}

export const dnsRecord: Rule<typeof meta> = { meta, check };

export type { DnsRecord };

import { findFeature } from '../catalog';
import { SOURCES } from '../catalog/sources';
import { yamlScalar } from '../yaml/edits';
import { edgeInterfaceOf, enabledFeatures, settingsOf, vipFor } from '../flows/required';
import type { TopologyModel } from '../model/model';
import { isSeq } from 'yaml';
import { keyRangeAtPath, nodeAt, PathSegment, rangeAtPath } from '../yaml/parse';
import type { Diagnostic, Fix, SourceRange } from '../types';
import type { CheckContext } from './featureChecks';
import type { DnsRecord } from '../model/settings';
import { appendItemsEdit, setKeyEdit } from '../yaml/edits';

// DNS records (code dns-record), checked when the file has a `dns` section (without one the
// records are derived: `lync-ports export --format markdown` lists them). Every federated domain
// needs its SRV record pointing at the Access Edge on the right port (PORT-CATALOG §3.4, §5.1):
//   _xmpp-server._tcp.<domain>      5269  XMPP federation (L-XMPP-DNS, S-ENV)
//   _sipfederationtls._tcp.<domain> 5061  SIP federation / public IM connectivity (L-FED-DNS, S-ENV)
//   _sip._tls.<domain>              443   remote user access (S-ENV; the Access Edge client port)
// and the Edge FQDNs (edge.fqdns) need A records with the public (NAT) addresses.

interface RequiredSrv {
  name: string;
  port: number;
  why: string;
  source: string;
}

/** The public addresses of an Edge interface: the HLB VIP, else each server's public (NAT) or own address. */
export function publicAddresses(model: TopologyModel, interfaceName: string): string[] {
  const edge = settingsOf(model).edge;
  if (edge.loadBalancing === 'hardware') {
    const vip = vipFor(model, interfaceName);
    if (vip?.ip) return [vip.ip];
  }
  const out: string[] = [];
  for (const server of model.servers.filter((candidate) => candidate.role === 'edge')) {
    const item = edgeInterfaceOf(server, interfaceName, model);
    const address = interfaceName === 'internal' ? item?.ip : item?.publicIp ?? item?.ip;
    if (address && !out.includes(address)) out.push(address);
  }
  return out;
}

/** The Access Edge's external FQDN: edge.fqdns.accessEdge, else the name of an A record holding its address. */
export function accessEdgeFqdn(model: TopologyModel): string | undefined {
  const settings = settingsOf(model);
  if (settings.edge.fqdns.accessEdge) return settings.edge.fqdns.accessEdge;
  const addresses = publicAddresses(model, 'accessEdge');
  return settings.dns.external.find((record) => (record.type === 'A' || record.type === 'AAAA') && record.address !== undefined && addresses.includes(record.address))?.name;
}

function enabled(model: TopologyModel, feature: string): boolean {
  return enabledFeatures(model).includes(feature) && !findFeature(feature)?.unsupported?.[model.product];
}

/** SRV records the enabled features need, per domain. */
export function requiredSrvRecords(model: TopologyModel): RequiredSrv[] {
  const out: RequiredSrv[] = [];
  const edge = settingsOf(model).edge;
  if (enabled(model, 'xmppFederation')) {
    const domains = model.xmppDomains.length > 0 ? model.xmppDomains : model.sipDomains;
    for (const domain of domains) out.push({ name: `_xmpp-server._tcp.${domain}`, port: 5269, why: 'XMPP federation', source: `"${SOURCES['L-XMPP-DNS'].title}"` });
  }
  if (enabled(model, 'sipFederation') || enabled(model, 'publicImConnectivity')) {
    for (const domain of model.sipDomains) out.push({ name: `_sipfederationtls._tcp.${domain}`, port: 5061, why: 'SIP federation', source: `"${SOURCES['L-FED-DNS'].title}"` });
  }
  if (enabled(model, 'remoteUserAccess')) {
    for (const domain of model.sipDomains) out.push({ name: `_sip._tls.${domain}`, port: edge.ports.accessEdge, why: 'remote user sign-in', source: `"${SOURCES['S-ENV'].title}"` });
  }
  return out.map((record) => ({ ...record, name: record.name.toLowerCase() }));
}

/** A records the Edge FQDNs need: name → the addresses it must resolve to. */
export function requiredAddressRecords(model: TopologyModel): { location: 'external' | 'internal'; name: string; addresses: string[]; interfaceName: string }[] {
  const fqdns = settingsOf(model).edge.fqdns;
  const uses: [string, boolean][] = [
    ['accessEdge', ['xmppFederation', 'sipFederation', 'publicImConnectivity', 'remoteUserAccess'].some((feature) => enabled(model, feature))],
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

export function checkDns(context: CheckContext): Diagnostic[] {
  const { parsed, model } = context;
  const settings = settingsOf(model);
  if (!settings.dns.present) return [];
  const out: Diagnostic[] = [];
  const records = settings.dns.external;
  const fqdn = accessEdgeFqdn(model);
  const accessAddresses = publicAddresses(model, 'accessEdge');
  const listRange = (location: 'external' | 'internal'): SourceRange =>
    keyRangeAtPath(parsed, ['dns', location]).startOffset !== keyRangeAtPath(parsed, ['dns']).startOffset ? keyRangeAtPath(parsed, ['dns', location]) : keyRangeAtPath(parsed, ['dns']);

  const resolvesToAccess = (name: string | undefined, depth = 0): boolean => {
    if (!name || depth > 8) return false;
    if (name === fqdn) return true;
    return records.some(
      (record) =>
        record.name === name &&
        (((record.type === 'A' || record.type === 'AAAA') && record.address !== undefined && accessAddresses.includes(record.address)) ||
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
      out.push({
        code: 'dns-record',
        severity: 'error',
        message: `SRV record ${required.name} uses port ${record.port ?? '(none)'}, but ${required.why} needs port ${required.port} on the Access Edge (${required.source}). Change the port to ${required.port}.`,
        range: rangeAtPath(parsed, record.port === undefined ? record.path : [...record.path, 'port']),
        fixes: edit ? [{ title: `Set the port of ${required.name} to ${required.port}`, kind: 'other', preferred: true, safe: true, edits: [edit] }] : undefined,
      });
    }
    if (!resolvesToAccess(record.target)) {
      const edit = fqdn ? setKeyEdit(parsed, record.path, 'target', yamlScalar(fqdn)) : undefined;
      out.push({
        code: 'dns-record',
        severity: 'error',
        message: `SRV record ${required.name} points at ${record.target ?? '(no target)'}, which is not the Access Edge${fqdn ? ` (${fqdn})` : ''}: "The SRV record will resolve to the access edge FQDN of the Edge server" (${required.source}). ${fqdn ? `Point it at ${fqdn}` : 'Set edge.fqdns.accessEdge, or add an A record for the target with the Access Edge public address'}${accessAddresses.length > 0 ? ` (${accessAddresses.join(', ')})` : ''}.`,
        range: rangeAtPath(parsed, record.target === undefined ? record.path : [...record.path, 'target']),
        fixes: edit ? [{ title: `Point ${required.name} at ${fqdn}`, kind: 'other', preferred: true, safe: true, edits: [edit] }] : undefined,
      });
    }
  }
  if (missing.length > 0) {
    const items = fqdn ? missing.map((required) => `{ name: ${yamlScalar(required.name)}, type: SRV, target: ${yamlScalar(fqdn)}, port: ${required.port} }`) : [];
    const edit = fqdn ? appendItemsEdit(parsed, ['dns'], 'external', items) : undefined;
    const fix: Fix | undefined = edit ? { title: `Add ${missing.length === 1 ? `SRV record ${missing[0].name}` : `${missing.length} SRV records`} to dns.external`, kind: 'other', preferred: true, safe: true, edits: [edit] } : undefined;
    out.push({
      code: 'dns-record',
      severity: 'error',
      message: `dns.external has no ${missing.map((required) => `SRV record ${required.name} (port ${required.port}, ${required.why})`).join(', ')}. Each must point at the Access Edge FQDN${fqdn ? ` ${fqdn}` : ''} (${[...new Set(missing.map((required) => required.source))].join('; ')}). ${fqdn ? 'Add the records.' : 'Set edge.fqdns.accessEdge and add the records.'}`,
      range: listRange('external'),
      fixes: fix ? [fix] : undefined,
    });
  }
  // A list that does not exist yet is created by one fix per round; the next round adds the rest.
  const creating = new Set<'external' | 'internal'>();
  if (missing.length > 0 && fqdn && !isSeq(nodeAt(parsed.doc, ['dns', 'external']))) creating.add('external');
  out.push(...checkAddressRecords(context, creating));
  return out;
}

function checkAddressRecords(context: CheckContext, creating: Set<'external' | 'internal'>): Diagnostic[] {
  const { parsed, model } = context;
  const settings = settingsOf(model);
  const out: Diagnostic[] = [];
  const inserts: { location: 'external' | 'internal'; items: string[]; names: string[] }[] = [];
  for (const required of requiredAddressRecords(model)) {
    const list = required.location === 'external' ? settings.dns.external : settings.dns.internal;
    const found = list.filter((record) => record.name === required.name && (record.type === 'A' || record.type === 'AAAA'));
    const cname = list.find((record) => record.name === required.name && record.type === 'CNAME');
    if (cname) continue; // an alias: its target is checked where it is defined
    const what = required.location === 'external' ? `the public ${required.interfaceName} address${required.addresses.length > 1 ? 'es' : ''}` : 'the Edge internal address';
    for (const record of found) {
      if (record.address !== undefined && required.addresses.includes(record.address)) continue;
      const wrongIsPrivate = model.servers.some((server) => server.interfaces.some((item) => item.ip === record.address && item.publicIp !== undefined));
      const replacement = required.addresses.find((address) => !found.some((other) => other.address === address));
      const edit = replacement ? setKeyEdit(parsed, record.path, 'address', yamlScalar(replacement)) : undefined;
      out.push({
        code: 'dns-record',
        severity: 'error',
        message: `${required.location === 'external' ? 'External' : 'Internal'} A record ${record.name} holds ${record.address ?? '(no address)'}, but must hold ${what} (${required.addresses.join(', ')})${wrongIsPrivate ? ': behind NAT, external DNS publishes the public address (publicIp), not the private one' : ''} ("${SOURCES['S-ENV'].title}"). ${replacement ? `Change it to ${replacement}.` : 'Remove the record.'}`,
        range: rangeAtPath(parsed, record.address === undefined ? record.path : [...record.path, 'address']),
        fixes: edit ? [{ title: `Set ${record.name} to ${replacement}`, kind: 'other', preferred: true, safe: true, edits: [edit] }] : undefined,
      });
    }
    const absent = required.addresses.filter((address) => !found.some((record) => record.address === address));
    const wrongCount = found.filter((record) => record.address === undefined || !required.addresses.includes(record.address)).length;
    const toAdd = absent.slice(wrongCount);
    if (toAdd.length > 0) {
      let entry = inserts.find((insert) => insert.location === required.location);
      if (!entry) inserts.push((entry = { location: required.location, items: [], names: [] }));
      for (const address of toAdd) {
        entry.items.push(`{ name: ${yamlScalar(required.name)}, type: ${address.includes(':') ? 'AAAA' : 'A'}, address: ${yamlScalar(address)} }`);
        entry.names.push(`${required.name} → ${address}`);
      }
    }
  }
  for (const insert of inserts) {
    const edit = creating.has(insert.location) ? undefined : appendItemsEdit(parsed, ['dns'], insert.location, insert.items);
    const path: PathSegment[] = ['dns', insert.location];
    const range = keyRangeAtPath(parsed, path).startOffset !== keyRangeAtPath(parsed, ['dns']).startOffset ? keyRangeAtPath(parsed, path) : keyRangeAtPath(parsed, ['dns']);
    out.push({
      code: 'dns-record',
      severity: 'error',
      message: `dns.${insert.location} has no A record ${insert.names.join(', ')}: the Edge FQDNs of edge.fqdns must resolve to the Edge addresses ("${SOURCES['S-ENV'].title}"; with DNS load balancing one record per Edge server). Add the record${insert.items.length > 1 ? 's' : ''}.`,
      range,
      fixes: edit ? [{ title: `Add ${insert.items.length} A record${insert.items.length > 1 ? 's' : ''} to dns.${insert.location}`, kind: 'other', preferred: true, safe: true, edits: [edit] }] : undefined,
    });
  }
  return out;
}

export type { DnsRecord };

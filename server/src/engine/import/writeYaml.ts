import type { ImportedServer, TopologyDescription } from './description';
import type { NetworkProposal } from './networks';

// The topology file, written the way the examples are: one flow mapping per interface, the
// proposed networks marked for the user to confirm, every firewall with an empty rule list for
// "Insert All Missing Rules" to fill.

export interface WriteOptions {
  /** The XML file's name, for the header comment. */
  source?: string;
}

export function writeTopologyYaml(
  description: TopologyDescription,
  proposal: NetworkProposal,
  options: WriteOptions = {},
): string {
  const lines: string[] = [];
  const from = options.source ? ` from ${comment(options.source)}` : '';
  lines.push(`# Imported${from} by lync-ports import (the Topology Builder / Get-CsTopology -AsXml topology).`);
  lines.push('# The firewalls have no rules yet: "Insert All Missing Rules" (or lync-ports fix) writes them.');
  for (const note of description.notes) lines.push(`# ${comment(note)}`);
  lines.push('topology:', `  name: ${scalar(description.name)}`, `  product: ${description.product}`);
  if (description.features.length > 0) {
    lines.push('features:');
    for (const feature of description.features) lines.push(`  ${feature}: true`);
  }
  if (description.sipDomains.length > 0) {
    lines.push('domains:', `  sip: [${description.sipDomains.map(scalar).join(', ')}]`);
    if (description.features.includes('xmppFederation')) lines.push(`  xmpp: [${scalar(description.sipDomains[0])}]`);
  }
  if (proposal.networks.length > 0) {
    lines.push("# Proposed from the servers' addresses (the /24 around each): confirm the subnets and zones.");
    lines.push('networks:');
    for (const network of proposal.networks) {
      const subnets = network.subnets.length > 0 ? `, subnets: [${network.subnets.map(scalar).join(', ')}]` : '';
      lines.push(`  ${network.name}: { zone: ${network.zone}${subnets} }`);
    }
  }
  if (description.servers.length > 0) lines.push('servers:');
  for (const server of description.servers) lines.push(...serverLines(server, proposal));
  lines.push(...edgeLines(description, proposal));
  if (description.directorVip) {
    const network = proposal.networkOf('primary', 'director');
    lines.push('director:', `  vip: { ip: ${scalar(description.directorVip)}, network: ${network} }`);
  }
  if (proposal.firewalls.length > 0) {
    lines.push('firewalls:');
    for (const firewall of proposal.firewalls)
      lines.push(`  ${firewall.name}:`, `    between: [${firewall.between.join(', ')}]`, '    rules: []');
  }
  return `${lines.join('\n')}\n`;
}

function serverLines(server: ImportedServer, proposal: NetworkProposal): string[] {
  const lines = [`  ${server.name}:`, `    role: ${server.role}`];
  if (server.pool !== '') lines.push(`    pool: ${scalar(server.pool)}`);
  if (server.services.length > 0) lines.push(`    services: [${server.services.join(', ')}]`);
  if (server.interfaces.length === 0) return [...lines, '    interfaces: {}'];
  lines.push('    interfaces:');
  for (const item of server.interfaces) {
    const publicIp = item.publicIp ? `, publicIp: ${scalar(item.publicIp)}` : '';
    const network = proposal.networkOf(item.name, server.role);
    lines.push(`      ${item.name}: { ip: ${scalar(item.ip)}${publicIp}, network: ${network} }`);
  }
  return lines;
}

function edgeLines(description: TopologyDescription, proposal: NetworkProposal): string[] {
  const edge = description.edge;
  if (!edge) return [];
  const lines = ['edge:', `  loadBalancing: ${edge.loadBalancing}`];
  if (edge.externalIps === 'one') {
    lines.push('  externalIps: one');
    const ports = Object.entries(edge.ports);
    if (ports.length > 0) lines.push(`  ports: { ${ports.map(([name, port]) => `${name}: ${port}`).join(', ')} }`);
  }
  if (edge.nextHop) lines.push(`  nextHop: ${scalar(edge.nextHop)}`);
  const vips = Object.entries(edge.vips);
  if (vips.length > 0) {
    lines.push('  vips:');
    for (const [name, ip] of vips)
      lines.push(`    ${name}: { ip: ${scalar(ip as string)}, network: ${proposal.networkOf(name, 'edge')} }`);
  }
  return lines;
}

/** A plain scalar when it reads back as the same string, else a double-quoted one (JSON's escapes are YAML's). */
export function scalar(value: string): string {
  const plain =
    /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i.test(
      value,
    );
  return plain ? value : JSON.stringify(value);
}

/** Text for a comment: one line, no control characters. */
function comment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

// The text "New Topology File" writes from the wizard's answers. Pure (no vscode, no engine: the
// extension's bundle stays small), so test/client checks every combination of answers with the
// engine: each file must check clean except for the rules still to write (`missing-flow`).
export type WizardProduct = 'lync2013' | 'sfb2015' | 'sfb2019';
/** Public addresses on the Edge's external interfaces, or private ones behind NAT. */
export type Addressing = 'public' | 'nat';
/** One Edge Server, or a pool of two behind DNS or hardware load balancing. */
export type LoadBalancing = 'single' | 'dns' | 'hardware';

export interface WizardFeature {
  name: string;
  /** The products that offer it (feature-unsupported otherwise). */
  products: readonly WizardProduct[];
}

const ALL: readonly WizardProduct[] = ['lync2013', 'sfb2015', 'sfb2019'];

/** The features the wizard offers, in the order of Microsoft's port summary. */
export const WIZARD_FEATURES: readonly WizardFeature[] = [
  { name: 'sipFederation', products: ALL },
  { name: 'xmppFederation', products: ['lync2013', 'sfb2015'] },
  { name: 'publicImConnectivity', products: ALL },
  { name: 'remoteUserAccess', products: ALL },
  { name: 'webConferencing', products: ALL },
  { name: 'audioVideo', products: ALL },
  { name: 'edgeInternal', products: ALL },
  { name: 'dnsAndCrl', products: ALL },
  { name: 'reverseProxy', products: ALL },
  { name: 'director', products: ALL },
];

export interface TopologyChoices {
  /** The deployment's name (topology.name); also the proposed file name. */
  name: string;
  product: WizardProduct;
  addressing: Addressing;
  loadBalancing: LoadBalancing;
  features: readonly string[];
  /** The first external address of the Edge (the Access Edge, or the pool's Access Edge VIP). */
  externalIp: string;
  /** The first address of the Edge's internal interface. */
  internalIp: string;
  /** With NAT: the public address the Access Edge is published on. */
  publicIp?: string;
}

export function featuresFor(product: WizardProduct): WizardFeature[] {
  return WIZARD_FEATURES.filter((feature) => feature.products.includes(product));
}

/** Microsoft supports NAT with a single Edge and with DNS load balancing, not with hardware load balancers. */
export function addressingsFor(loadBalancing: LoadBalancing): Addressing[] {
  return loadBalancing === 'hardware' ? ['public'] : ['public', 'nat'];
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** Interfaces are 10 apart (.10 .20 .30) and pool members follow the first: the last octet needs room. */
export const ADDRESS_ROOM = 30;

/** Why an address typed in an input box cannot be used; undefined when it can. */
export function ipv4Problem(text: string): string | undefined {
  const value = text.trim();
  if (!IPV4.test(value)) return 'not-ipv4';
  const last = Number(value.split('.')[3]);
  if (last === 0 || last + ADDRESS_ROOM > 254) return 'no-room';
  return undefined;
}

/** Why the internal address cannot go with the external one (Microsoft: separate networks). */
export function internalIpProblem(internalIp: string, externalIp: string): string | undefined {
  return ipv4Problem(internalIp) ?? (subnet24(internalIp) === subnet24(externalIp) ? 'same-subnet' : undefined);
}

export function suggestedFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'edge'}.topology.yaml`;
}

const EDGE_INTERFACES = ['accessEdge', 'webConferencingEdge', 'avEdge'] as const;

export function topologyText(choices: TopologyChoices): string {
  const enabled = new Set(choices.features);
  const features = featuresFor(choices.product).filter((feature) => enabled.has(feature.name));
  const nat = choices.addressing === 'nat' && choices.loadBalancing !== 'hardware';
  const edgeCount = choices.loadBalancing === 'single' ? 1 : 2;
  // With hardware load balancing the first addresses are the VIPs and the servers follow them.
  const firstServer = choices.loadBalancing === 'hardware' ? 1 : 0;
  const external = choices.externalIp.trim();
  const internal = choices.internalIp.trim();
  const publicIp = (choices.publicIp ?? '').trim();
  const perimeterSubnets = [subnet24(external), subnet24(internal)];
  const lines: string[] = [
    'topology:',
    `  name: ${quoted(choices.name.trim() || 'Edge')}`,
    `  product: ${choices.product}`,
  ];
  lines.push(features.length > 0 ? 'features:' : 'features: {}');
  for (const feature of features) lines.push(`  ${feature.name}: true`);
  lines.push(
    'networks:',
    '  internet: { zone: external }',
    `  dmz-external: { zone: perimeter, subnets: [${perimeterSubnets[0]}] }`,
    `  dmz-internal: { zone: perimeter, subnets: [${perimeterSubnets[1]}] }`,
    '  corp: { zone: internal, subnets: [192.168.10.0/24] }',
    'servers:',
  );
  for (let index = 0; index < edgeCount; index++) {
    const offset = firstServer + index;
    lines.push(
      `  edge0${index + 1}:`,
      '    role: edge',
      '    pool: edgepool.contoso.net',
      '    interfaces:',
      ...EDGE_INTERFACES.map((name, position) => {
        const ip = addTo(external, position * 10 + offset);
        const published = nat ? `, publicIp: ${addTo(publicIp, position * 10 + offset)}` : '';
        return `      ${name}: { ip: ${ip}${published}, network: dmz-external }`;
      }),
      `      internal: { ip: ${addTo(internal, offset)}, network: dmz-internal }`,
    );
  }
  if (enabled.has('director'))
    lines.push(
      '  dir01:',
      '    role: director',
      '    pool: dirpool.contoso.net',
      '    interfaces:',
      '      primary: { ip: 192.168.10.50, network: corp }',
    );
  const services = ['xmppGateway', 'centralManagementStore'];
  lines.push(
    '  fe01:',
    '    role: frontEnd',
    '    pool: pool01.contoso.net',
    `    services: [${services.join(', ')}]`,
    '    interfaces:',
    '      primary: { ip: 192.168.10.90, network: corp }',
  );
  if (enabled.has('reverseProxy'))
    lines.push(
      '  rp01:',
      '    role: reverseProxy',
      '    interfaces:',
      `      external: { ip: ${addTo(external, 30)}${nat ? `, publicIp: ${addTo(publicIp, 30)}` : ''}, ` +
        'network: dmz-external }',
      `      internal: { ip: ${addTo(internal, 30)}, network: dmz-internal }`,
    );
  if (choices.loadBalancing !== 'single') {
    lines.push('edge:', `  loadBalancing: ${choices.loadBalancing}`);
    if (enabled.has('director')) lines.push('  nextHop: dirpool.contoso.net');
    if (choices.loadBalancing === 'hardware') {
      lines.push('  vips:');
      EDGE_INTERFACES.forEach((name, position) =>
        lines.push(`    ${name}: { ip: ${addTo(external, position * 10)}, network: dmz-external }`),
      );
      lines.push(`    internal: { ip: ${internal}, network: dmz-internal }`);
    }
  } else if (enabled.has('director')) {
    lines.push('edge:', '  nextHop: dirpool.contoso.net');
  }
  lines.push(
    'firewalls:',
    '  external:',
    '    between: [internet, dmz-external]',
    '    rules: []',
    '  internal:',
    '    between: [corp, dmz-internal]',
    '    rules: []',
  );
  return `${lines.join('\n')}\n`;
}

function subnet24(ip: string): string {
  return `${ip.trim().split('.').slice(0, 3).join('.')}.0/24`;
}

function addTo(ip: string, step: number): string {
  const parts = ip.split('.').map(Number);
  parts[3] += step;
  return parts.join('.');
}

/** A YAML plain scalar when the name is one, else a double-quoted string. */
function quoted(text: string): string {
  return /^[A-Za-z0-9][\w .()-]*$/.test(text) && !/\s$/.test(text) && !/ #/.test(text) ? text : JSON.stringify(text);
}

/** Whether a command argument is a complete set of answers (tests pass them instead of the pickers). */
export function isTopologyChoices(value: unknown): value is TopologyChoices {
  if (typeof value !== 'object' || value === null) return false;
  const choices = value as Record<string, unknown>;
  return (
    typeof choices.name === 'string' &&
    ['lync2013', 'sfb2015', 'sfb2019'].includes(String(choices.product)) &&
    ['public', 'nat'].includes(String(choices.addressing)) &&
    ['single', 'dns', 'hardware'].includes(String(choices.loadBalancing)) &&
    Array.isArray(choices.features) &&
    typeof choices.externalIp === 'string' &&
    typeof choices.internalIp === 'string'
  );
}

import type { Product } from '../types';
import type {
  EdgeInterfaceName,
  ImportedEdge,
  ImportedFeature,
  ImportedInterface,
  ImportedRole,
  ImportedServer,
  TopologyDescription,
} from './description';
import { edgeServiceOf, type EdgeService } from './edgeService';
import {
  clustersOf,
  dependenciesOf,
  netInterfacesOf,
  servicesOf,
  siteNameOf,
  sipDomainsOf,
  type Cluster,
  type NetInterface,
  type Service,
} from './topologyXml';
import type { XmlElement } from './xmlTree';

// The topology element as this checker sees it: the Front End, Director and Edge pools with
// their machines' addresses, the Edge pool's features and shape. Other roles (SQL stores, file
// shares, Mediation, Office Web Apps, PSTN gateways) cross no Edge firewall and are left out.

/** ServiceVersion by product (Lync Server 2013 is 6, Skype for Business Server 2015 7, 2019 8). */
const PRODUCT_OF_VERSION: Record<number, Product> = { 6: 'lync2013', 7: 'sfb2015', 8: 'sfb2019' };

export function describeTopology(topology: XmlElement): TopologyDescription {
  const clusters = clustersOf(topology);
  const services = servicesOf(topology);
  const notes: string[] = [];
  const clusterOf = (service: Service) =>
    clusters.find((cluster) => cluster.keys.some((key) => service.installedOn.includes(key)));

  const edgeServices = services.filter((service) => service.role === 'EdgeServer');
  const registrars = services.filter((service) => service.role === 'Registrar');
  const product = productOf(edgeServices[0] ?? registrars[0], services, notes);

  const roles = new Map<Cluster, { role: ImportedRole; services: Set<'xmppGateway' | 'centralManagementStore'> }>();
  const assign = (cluster: Cluster | undefined, role: ImportedRole) => {
    if (cluster && !roles.has(cluster)) roles.set(cluster, { role, services: new Set() });
  };
  for (const service of registrars) {
    const cluster = clusterOf(service);
    const director = /^true$/i.test(childAttribute(service.element, 'RegistrarService', 'IsDirector'));
    assign(cluster, director ? 'director' : 'frontEnd');
    const gateway = service.ports.some((port) => /^XmppFederation$/i.test(port.owner));
    if (cluster && gateway && !director && product !== 'sfb2019') roles.get(cluster)?.services.add('xmppGateway');
  }
  for (const service of services.filter((item) => item.role === 'UserServices')) assign(clusterOf(service), 'frontEnd');
  const edgeService = edgeServices[0] && edgeServiceOf(edgeServices[0]);
  for (const service of edgeServices) assign(clusterOf(service), 'edge');
  for (const service of services.filter((item) => /^CentralMgmt$/i.test(item.role))) {
    const cluster = clusterOf(service);
    const entry = cluster && roles.get(cluster);
    if (entry?.role === 'frontEnd') entry.services.add('centralManagementStore');
  }
  if (edgeServices.length > 1) {
    notes.push(
      `The topology has ${edgeServices.length} Edge pools; the Edge settings come from the first. ` +
        'Set edge.federationRoute to the pool that carries federation.',
    );
  }

  const servers: ImportedServer[] = [];
  const taken = new Set<string>();
  for (const [cluster, { role, services: running }] of roles) {
    for (const machine of cluster.machines) {
      const fqdn = (machine.attributes.get('Fqdn') ?? cluster.fqdn).trim().toLowerCase();
      const name = uniqueName(fqdn, taken);
      const addresses = netInterfacesOf(machine);
      const interfaces =
        role === 'edge' && edgeService ? edgeInterfaces(addresses, edgeService) : primaryInterface(addresses);
      if (interfaces.length === 0)
        notes.push(`Server ${name} (${fqdn}) has no usable IP address in the topology: add its interfaces.`);
      servers.push({ name, fqdn, role, pool: cluster.fqdn, services: [...running].sort(), interfaces });
    }
  }

  const edgeCluster = edgeServices[0] && clusterOf(edgeServices[0]);
  const edge =
    edgeService && edgeCluster ? edgeOf(edgeService, edgeCluster, servers, registrars, clusterOf) : undefined;
  if (edge) notes.push(...natNotes(servers));
  const directorCluster = [...roles].find(([, entry]) => entry.role === 'director')?.[0];
  const directorVip =
    directorCluster && netInterfacesOf(directorCluster.element).find((item) => item.side === 'Primary');

  return {
    name: siteNameOf(topology) ?? 'Imported topology',
    product,
    sipDomains: sipDomainsOf(topology),
    servers,
    features: featuresOf(edgeService, servers, product),
    edge,
    directorVip: directorVip?.ip,
    notes,
  };
}

function productOf(main: Service | undefined, services: Service[], notes: string[]): Product {
  const version = main?.version ?? Math.max(0, ...services.map((service) => service.version ?? 0));
  const product = PRODUCT_OF_VERSION[version];
  if (product) return product;
  notes.push(
    version === 0
      ? 'The topology names no ServiceVersion: the product lync2013 is assumed; correct topology.product.'
      : `ServiceVersion ${version} is none of Lync Server 2013 (6), Skype for Business Server 2015 (7) or 2019 (8): ` +
          'the product lync2013 is assumed; correct topology.product.',
  );
  return 'lync2013';
}

function childAttribute(element: XmlElement, child: string, attribute: string): string {
  return element.children.find((item) => item.name === child)?.attributes.get(attribute) ?? '';
}

/** The computer name from the FQDN, fitted to the server-name pattern and unique in the file. */
function uniqueName(fqdn: string, taken: Set<string>): string {
  const label = fqdn.split('.')[0].replace(/[^A-Za-z0-9_-]/g, '-') || 'server';
  const base = /^[A-Za-z_]/.test(label) ? label : `_${label}`;
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
  taken.add(name);
  return name;
}

/** 0.0.0.0 is Topology Builder's "use all configured IP addresses": no address a rule could name. */
function usable(address: NetInterface): boolean {
  return address.ip !== '' && address.ip !== '0.0.0.0' && address.ip !== '::';
}

function primaryInterface(addresses: NetInterface[]): ImportedInterface[] {
  const primary = addresses.find((item) => item.side === 'Primary' && usable(item));
  return primary ? [{ name: 'primary', ip: primary.ip }] : [];
}

function edgeInterfaces(addresses: NetInterface[], edge: EdgeService): ImportedInterface[] {
  const out: ImportedInterface[] = [];
  for (const name of ['accessEdge', 'webConferencingEdge', 'avEdge'] as const) {
    const address = addresses.find((item) => item.side === 'External' && item.number === edge.numbers[name]);
    if (address && usable(address)) out.push({ name, ip: address.ip, publicIp: address.publicIp });
  }
  const internal = addresses.find((item) => item.side === 'Primary' && usable(item));
  if (internal) out.push({ name: 'internal', ip: internal.ip });
  return out;
}

function edgeOf(
  service: EdgeService,
  cluster: Cluster,
  servers: ImportedServer[],
  registrars: Service[],
  clusterOf: (service: Service) => Cluster | undefined,
): ImportedEdge {
  const vips: Partial<Record<EdgeInterfaceName, string>> = {};
  for (const vip of netInterfacesOf(cluster.element).filter(usable)) {
    if (vip.side === 'Primary') vips.internal = vip.ip;
    for (const name of ['accessEdge', 'webConferencingEdge', 'avEdge'] as const)
      if (vip.side === 'External' && vip.number === service.numbers[name]) vips[name] = vip.ip;
  }
  const edgeCount = servers.filter((server) => server.role === 'edge').length;
  const loadBalancing = Object.keys(vips).length > 0 ? 'hardware' : edgeCount > 1 ? 'dns' : 'none';
  const dependencies = dependenciesOf(service.service);
  const nextHopService = registrars.find((registrar) => dependencies.includes(registrar.key));
  const nextHop = nextHopService && clusterOf(nextHopService)?.fqdn;
  return {
    pool: cluster.fqdn,
    loadBalancing,
    externalIps: service.singleAddress ? 'one' : 'three',
    ports: service.singleAddress ? service.ports : {},
    vips,
    nextHop: nextHop && servers.some((server) => server.pool === nextHop) ? nextHop : undefined,
  };
}

/** Topology Builder asks only for the A/V Edge's public address; NAT needs all three translated. */
function natNotes(servers: ImportedServer[]): string[] {
  const notes: string[] = [];
  for (const server of servers.filter((item) => item.role === 'edge')) {
    const external = server.interfaces.filter((item) => item.name !== 'internal');
    const plain = external.filter((item) => item.publicIp === undefined).map((item) => item.name);
    if (plain.length > 0 && plain.length < external.length)
      notes.push(`Edge server ${server.name} is behind NAT: add the publicIp of ${plain.join(' and ')}.`);
  }
  return notes;
}

function featuresOf(edge: EdgeService | undefined, servers: ImportedServer[], product: Product): ImportedFeature[] {
  const features: ImportedFeature[] = [];
  if (edge) {
    if (edge.xmppFederation && product !== 'sfb2019') features.push('xmppFederation');
    if (edge.sipFederation) features.push('sipFederation');
    if (edge.remoteAccess) features.push('remoteUserAccess');
    if (edge.webConferencing) features.push('webConferencing');
    if (edge.audioVideo) features.push('audioVideo');
    features.push('edgeInternal', 'dnsAndCrl');
  }
  if (servers.some((server) => server.role === 'director')) features.push('director');
  return features;
}

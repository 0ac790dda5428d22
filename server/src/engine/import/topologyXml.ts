import { ImportError } from './importError';
import { childNamed, childrenNamed, descendantsAt, type XmlElement } from './xmlTree';

// The topology document's own vocabulary: where its pools, machines and services are, whichever
// of the two shapes holds them (Get-CsTopology -AsXml writes Clusters/Cluster with ClusterId; the
// Topology Builder file may group clusters under CentralSites and name them by UniqueId).

export const TOPOLOGY_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008';
export const BUILDER_NS = 'urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008';

/** The Topology element: the root itself, or the one a Topology Builder file wraps. */
export function topologyElement(root: XmlElement): XmlElement {
  if (root.name === 'Topology' && root.uri === TOPOLOGY_NS) return root;
  if (root.name === 'TopologyBuilder' && root.uri === BUILDER_NS) {
    const partial =
      descendantsAt(root, ['NewTopology', 'PartialTopology'])[0] ??
      descendantsAt(root, ['OriginalTopology', 'PartialTopology'])[0];
    if (partial) return partial;
    throw new ImportError(
      'incomplete',
      'this Topology Builder file holds no NewTopology/PartialTopology element',
      root.line,
      root.column,
    );
  }
  const where = root.uri === '' ? 'no namespace' : `namespace ${root.uri}`;
  throw new ImportError(
    'foreign',
    `the root element is <${root.name}> in ${where}: not a topology (Topology in ${TOPOLOGY_NS}, ` +
      'from Get-CsTopology -AsXml, or a Topology Builder .tbxml)',
    root.line,
    root.column,
  );
}

export interface Cluster {
  element: XmlElement;
  /** `site:number` from ClusterId, and the UniqueId when there is one: how services name it. */
  keys: string[];
  fqdn: string;
  machines: XmlElement[];
}

export function clustersOf(topology: XmlElement): Cluster[] {
  const elements = [
    ...descendantsAt(topology, ['Clusters', 'Cluster']),
    ...descendantsAt(topology, ['CentralSites', 'CentralSite', 'Clusters', 'Cluster']),
  ];
  return elements.map((element) => {
    const keys = [clusterIdKey(childNamed(element, 'ClusterId')), element.attributes.get('UniqueId')?.toLowerCase()];
    return {
      element,
      keys: keys.filter((key): key is string => key !== undefined),
      fqdn: (element.attributes.get('Fqdn') ?? '').trim().toLowerCase(),
      machines: [...childrenNamed(element, 'Machine'), ...descendantsAt(element, ['Machines', 'Machine'])],
    };
  });
}

function clusterIdKey(clusterId: XmlElement | undefined): string | undefined {
  if (!clusterId) return undefined;
  return `${clusterId.attributes.get('SiteId') ?? ''}:${clusterId.attributes.get('Number') ?? ''}`;
}

export interface Service {
  element: XmlElement;
  role: string;
  /** `site:role:instance`, how dependencies name it. */
  key: string;
  /** The cluster keys it is installed on. */
  installedOn: string[];
  version?: number;
  ports: Port[];
}

export interface Port {
  owner: string;
  usage: string;
  side: string;
  number: number;
  port: number;
  protocol: string;
}

export function servicesOf(topology: XmlElement): Service[] {
  return descendantsAt(topology, ['Services', 'Service']).map((element) => {
    const id = childNamed(element, 'ServiceId');
    const attribute = (name: string) => id?.attributes.get(name) ?? element.attributes.get(name) ?? '';
    const role = attribute('RoleName');
    const installed = childNamed(element, 'InstalledOn');
    const onAttribute = element.attributes.get('InstalledOn')?.toLowerCase();
    const version = Number(element.attributes.get('ServiceVersion'));
    return {
      element,
      role,
      key: `${attribute('SiteId')}:${role}:${attribute('Instance')}`.toLowerCase(),
      installedOn: [
        ...clusterIdsBelow(installed)
          .map(clusterIdKey)
          .filter((key): key is string => key !== undefined),
        ...(onAttribute ? [onAttribute] : []),
      ],
      version: Number.isInteger(version) && version > 0 ? version : undefined,
      ports: descendantsAt(element, ['Ports', 'Port']).map(portOf),
    };
  });
}

/** ClusterId elements at any depth (a store's InstalledOn holds SqlInstanceId/ClusterId). */
function clusterIdsBelow(element: XmlElement | undefined): XmlElement[] {
  if (!element) return [];
  return element.children.flatMap((child) => (child.name === 'ClusterId' ? [child] : clusterIdsBelow(child)));
}

function portOf(element: XmlElement): Port {
  const get = (name: string) => element.attributes.get(name) ?? '';
  return {
    owner: get('Owner').replace(/^urn:component:/i, ''),
    usage: get('Usage'),
    side: get('InterfaceSide'),
    number: Number(get('InterfaceNumber')) || 1,
    port: Number(get('Port')),
    protocol: get('Protocol'),
  };
}

/** The services a service depends on, by key. */
export function dependenciesOf(service: Service): string[] {
  return descendantsAt(service.element, ['DependsOn', 'Dependency', 'ServiceId']).map((id) => {
    const get = (name: string) => id.attributes.get(name) ?? '';
    return `${get('SiteId')}:${get('RoleName')}:${get('Instance')}`.toLowerCase();
  });
}

export interface NetInterface {
  side: string;
  number: number;
  ip: string;
  publicIp?: string;
}

/** The NetInterface children of a machine (its addresses) or of a cluster (its load balancer's VIPs). */
export function netInterfacesOf(element: XmlElement): NetInterface[] {
  return childrenNamed(element, 'NetInterface').map((item) => ({
    side: item.attributes.get('InterfaceSide') ?? '',
    number: Number(item.attributes.get('InterfaceNumber')) || 1,
    ip: (item.attributes.get('IPAddress') ?? '').trim(),
    publicIp: item.attributes.get('PublicIPAddress')?.trim() || undefined,
  }));
}

export function siteNameOf(topology: XmlElement): string | undefined {
  const sites = [
    ...descendantsAt(topology, ['Sites', 'CentralSite']),
    ...descendantsAt(topology, ['CentralSites', 'CentralSite']),
  ];
  const name = childNamed(sites[0], 'Name')?.text.trim();
  return name === '' ? undefined : name;
}

export function sipDomainsOf(topology: XmlElement): string[] {
  const domains = descendantsAt(topology, ['InternalDomains', 'InternalDomain'])
    .map((element) => (element.attributes.get('Name') ?? '').trim().toLowerCase())
    .filter((name) => name !== '');
  const preferred = descendantsAt(topology, ['InternalDomains'])[0]?.attributes.get('DefaultDomain')?.toLowerCase();
  const ordered = preferred && domains.includes(preferred) ? [preferred, ...domains] : domains;
  return [...new Set(ordered)];
}

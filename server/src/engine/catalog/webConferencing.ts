import type { CatalogFeature } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.1 E08 (external) and §2.2 I04 (PSOM/MTLS/8057 from each Front End,
// never through the internal VIP: S-LB). With one external IP the PSOM port is 444 (L-EDGE-TB).

const F = 'webConferencing';

export const webConferencing: CatalogFeature = {
  name: F,
  title: 'Web conferencing',
  description:
    'Meeting content (PSOM) for external participants through the Web Conferencing Edge service, fed ' +
    'by each Front End Server on PSOM/MTLS/TCP/8057.',
  requiredRoles: [
    {
      role: 'edge',
      message:
        'Web conferencing needs an Edge Server with a Web Conferencing Edge interface. Add a server with role: edge.',
    },
    {
      role: 'frontEnd',
      message:
        'Web conferencing needs Front End Servers: each connects to the Edge internal interface on ' +
        'PSOM/MTLS/TCP/8057. Add a server with role: frontEnd.',
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'E08',
      products: ['lync2013', 'sfb2015', 'sfb2019'],
      service: 'PSOM/TLS/TCP/443',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'webConferencingEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'Web conferencing to Web Conferencing Edge',
      comment:
        'Web Conferencing media. With one external IP address the Web Conferencing Edge port is ' +
        'edge.ports.webConferencingEdge (recommended 444).',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB', 'L-EDGE-TB'),
      loadBalanced: 'vip',
      portSetting: 'webConferencingEdge',
    }),
  ],
  alsoRequires: ['I04', 'I02', 'I03'],
};

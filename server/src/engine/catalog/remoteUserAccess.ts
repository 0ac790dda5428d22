import type { CatalogFeature } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.1 E05. The port is the Access Edge client port: 443 with three
// external IP addresses, 5061 when the three services share one IP (L-EDGE-TB, edge.ports).

const F = 'remoteUserAccess';

export const remoteUserAccess: CatalogFeature = {
  name: F,
  title: 'Remote user access',
  description:
    'Sign-in, IM and presence for users outside the network (and anonymous meeting participants) through ' +
    'the Access Edge service: client-to-server SIP over TLS.',
  requiredRoles: [
    {
      role: 'edge',
      message:
        'Remote user access needs an Edge Server: remote clients sign in through its Access Edge interface ' +
        'on SIP/TLS/TCP/443. Add a server with role: edge.',
    },
    {
      role: 'frontEnd',
      message: 'Remote user access needs a Front End pool behind the Edge Server. Add a server with role: frontEnd.',
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'E05',
      products: ['lync2013', 'sfb2015', 'sfb2019'],
      service: 'SIP/TLS/TCP/443',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'accessEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'Remote users to Access Edge',
      comment:
        'Client-to-server SIP traffic for external user access. With one external IP address the Access Edge ' +
        'client port is edge.ports.accessEdge (recommended 5061).',
      sources: sources('L-SCE-NAT', 'L-FED', 'S-ENV', 'L-HLB', 'L-EDGE-TB'),
      loadBalanced: 'vip',
      portSetting: 'accessEdge',
    }),
  ],
  alsoRequires: ['I02', 'I03'],
};

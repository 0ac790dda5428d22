import type { CatalogFeature } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.1 (E06, E07) and §2.3 (F01, P01, P02). With a hardware load
// balancer both rows use the Access Edge public VIP (L-HLB "External Interface Virtual IPs"). With
// several Edge pools only the federation route's pool carries them (flows/federationRoute.ts).

const F = 'sipFederation';

export const sipFederation: CatalogFeature = {
  name: F,
  title: 'SIP federation',
  description:
    'IM, presence and A/V signalling with federated SIP partners (other Lync / Skype for Business organisations) ' +
    'through the Access Edge service (Topology Builder: "Enable federation for this Edge pool (Port 5061)").',
  requiredRoles: [
    {
      role: 'edge',
      message:
        'SIP federation needs an Edge Server: federated partners connect to its Access Edge interface on ' +
        'SIP/MTLS/TCP/5061. Add a server with role: edge.',
    },
    {
      role: 'frontEnd',
      message:
        'SIP federation needs a Front End pool behind the Edge Server (the next hop of ' +
        'SIP/MTLS/TCP/5061). Add a server with role: frontEnd.',
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'E06',
      products: ['lync2013', 'sfb2015', 'sfb2019'],
      service: 'SIP/MTLS/TCP/5061',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'accessEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'SIP federation to Access Edge',
      comment:
        'For federated and public IM connectivity using SIP: federated partners initiate communications to ' +
        'the Access Edge service over MTLS/SIP/TCP 5061.',
      sources: sources('L-SCE-NAT', 'L-FED', 'S-ENV', 'L-HLB'),
      loadBalanced: 'vip',
      federationRoute: true,
    }),
    catalogRow(F, {
      id: 'E07',
      products: ['lync2013', 'sfb2015', 'sfb2019'],
      service: 'SIP/MTLS/TCP/5061',
      source: { kind: 'interface', role: 'edge', interface: 'accessEdge' },
      destination: { kind: 'any', zone: 'external' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'SIP federation from Access Edge',
      comment:
        'For federated and public IM connectivity using SIP: the Access Edge service connects to ' +
        'federated partners on MTLS/SIP/TCP 5061.',
      sources: sources('L-SCE-NAT', 'L-FED', 'S-ENV', 'L-HLB'),
      loadBalanced: 'vip',
      federationRoute: true,
    }),
  ],
  alsoRequires: ['I02', 'I03'],
};

export const publicImConnectivity: CatalogFeature = {
  name: 'publicImConnectivity',
  title: 'Public IM connectivity',
  description:
    'IM and presence with public IM providers (PIC) through the Access Edge service: the same SIP/MTLS/TCP/5061 ' +
    'rows as SIP federation (L-PIC, L-FED). The Windows Live Messenger A/V rows of those pages ended with ' +
    'Messenger federation in 2013 and are not required.',
  requiredRoles: [
    {
      role: 'edge',
      message:
        'Public IM connectivity needs an Edge Server: providers connect to its Access Edge interface on ' +
        'SIP/MTLS/TCP/5061. Add a server with role: edge.',
    },
  ],
  rows: [],
  alsoRequires: ['E06', 'E07', 'I02', 'I03'],
};

import type { CatalogFeature } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

const F = 'xmppFederation';

// ../shared/PORT-CATALOG.md §1.1 (rows X1–X3). The outbound 5269 row is missing from several
// per-topology tables but stands in the XMPP port summary and the HLB VIP tables; it is required.
// With several Edge pools the rows bind to the federation route's pool only (flows/federationRoute.ts).
export const xmppFederation: CatalogFeature = {
  name: F,
  title: 'XMPP federation',
  description:
    'Instant messaging and presence with XMPP partners (such as Google Talk) through the XMPP proxy on ' +
    'the Edge Server and the XMPP gateway on the Front End.',
  unsupported: {
    sfb2019:
      'Skype for Business Server 2019 has no XMPP federation: "The XMPP functionality is no longer available and is ' +
      'deprecated in Skype for Business Server 2019". Keep XMPP on a legacy Lync 2013 / Skype for Business 2015 ' +
      'Edge and Front End pool, or disable xmppFederation.',
  },
  requiredRoles: [
    {
      role: 'edge',
      message:
        'XMPP federation needs an Edge Server: the XMPP proxy runs on its Access Edge ' +
        'interface. Add a server with role: edge.',
    },
    {
      role: 'frontEnd',
      service: 'xmppGateway',
      message:
        'XMPP federation needs a Front End Server running the XMPP gateway. Add `services: ' +
        '[xmppGateway]` to a server with role: frontEnd.',
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'X1',
      products: ['lync2013', 'sfb2015'],
      service: 'XMPP/TCP/5269',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'accessEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'XMPP from federated partners',
      comment:
        'Standard server-to-server communication port for XMPP. Allows communication to the Edge ' +
        'Server XMPP proxy from federated XMPP partners.',
      sources: sources('L-XMPP-PORT', 'L-FED', 'S-ENV', 'L-HLB'),
      loadBalanced: 'vip',
      federationRoute: true,
    }),
    catalogRow(F, {
      id: 'X2',
      products: ['lync2013', 'sfb2015'],
      service: 'XMPP/TCP/5269',
      source: { kind: 'interface', role: 'edge', interface: 'accessEdge' },
      destination: { kind: 'any', zone: 'external' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'XMPP to federated partners',
      comment:
        'Standard server-to-server communication port for XMPP. Allows communication from the Edge ' +
        'Server XMPP proxy to federated XMPP partners.',
      // S-ENV and L-HLB list the outbound row only in their hardware-load-balancer VIP tables (S-ENV's other
      // external tables have inbound 5269 only): without HLB the XMPP port summary is cited first.
      sources: sources('L-XMPP-PORT', 'L-FED', 'L-DNSLB-NAT', 'S-ENV', 'L-HLB'),
      hlbTableOnly: ['S-ENV', 'L-HLB'],
      loadBalanced: 'vip',
      federationRoute: true,
    }),
    catalogRow(F, {
      id: 'X3',
      products: ['lync2013', 'sfb2015'],
      service: 'XMPP/MTLS/23456',
      source: { kind: 'servers', role: 'frontEnd', service: 'xmppGateway' },
      destination: { kind: 'interface', role: 'edge', interface: 'internal' },
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'XMPP gateway to Edge',
      comment:
        'Internal XMPP traffic from the XMPP gateway on the Front End Server or Front End pool to each Edge ' +
        "Server's internal interface (never an internal load-balancer VIP).",
      sources: sources('L-XMPP-PORT', 'L-SCE-NAT', 'S-ENV', 'S-LB'),
      perNode: true,
      federationRoute: true,
    }),
  ],
};

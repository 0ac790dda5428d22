import type { CatalogFeature, Product } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.7 (L-DIR1, L-DIRHLB). The Edge's SIP rows go to the Director when
// it is the next hop (I02/I03 with `nextHop`, and to the Front Ends as well); these are the
// Director's own rows. Behind a hardware load balancer (director.vip) the reverse proxy's 4443 and
// 8080 and the Edge's 5061 land on the Director VIP (`loadBalanced: 'vip'`; L-DIRHLB).

const F = 'director';
const ALL: Product[] = ['lync2013', 'sfb2015', 'sfb2019'];
const DIRECTOR = { kind: 'servers', role: 'director' } as const;
const RP_INTERNAL = { kind: 'interface', role: 'reverseProxy', interface: 'internal' } as const;
const INTERNAL = { kind: 'any', zone: 'internal' } as const;

export const director: CatalogFeature = {
  name: F,
  title: 'Director',
  description:
    'A Director (or Director pool) between the Edge and the Front End pools: the next hop of the Edge SIP traffic, ' +
    'published by the reverse proxy, and proxying to the Front Ends on 444.',
  requiredRoles: [{ role: 'director', message: 'The director feature needs a server with role: director.' }],
  rows: [
    catalogRow(F, {
      id: 'D01',
      products: ALL,
      service: 'HTTPS/TCP/4443',
      source: RP_INTERNAL,
      destination: DIRECTOR,
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'Reverse proxy HTTPS to Directors',
      comment:
        'The reverse proxy publishes the Director web services: external 443 to the ' +
        'Director (or Director HLB VIP, director.vip) on 4443.',
      sources: sources('L-DIR1', 'L-DIRHLB', 'L-RP'),
      loadBalanced: 'vip',
    }),
    catalogRow(F, {
      id: 'D02',
      products: ALL,
      service: 'HTTP/TCP/8080',
      source: RP_INTERNAL,
      destination: DIRECTOR,
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'Reverse proxy HTTP to Directors',
      comment:
        'External 80 to the Director (or Director HLB VIP, director.vip) on 8080 (optional like R03: ' +
        'edge.publishHttp: false leaves it out).',
      sources: sources('L-DIR1', 'L-DIRHLB', 'L-RP'),
      loadBalanced: 'vip',
      condition: { setting: 'publishHttp', value: true, text: 'edge.publishHttp is true (default false)' },
    }),
    catalogRow(F, {
      id: 'D03',
      products: ALL,
      service: 'HTTPS/TCP/444',
      source: DIRECTOR,
      destination: { kind: 'servers', role: 'frontEnd' },
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'Director to Front Ends',
      comment: 'Inter-server traffic from the Director to the Front End Servers or Front End pool.',
      sources: sources('L-DIR1', 'L-DIRHLB', 'L-INT'),
    }),
    catalogRow(F, {
      id: 'D04',
      products: ALL,
      service: 'HTTP/TCP/80',
      source: INTERNAL,
      destination: DIRECTOR,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'Internal clients HTTP to Directors',
      comment: 'Internal clients to the Director web services (or Director HLB VIP).',
      sources: sources('L-DIR1', 'L-DIRHLB'),
    }),
    catalogRow(F, {
      id: 'D05',
      products: ALL,
      service: 'HTTPS/TCP/443',
      source: INTERNAL,
      destination: DIRECTOR,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'Internal clients HTTPS to Directors',
      comment: 'Internal clients to the Director web services (or Director HLB VIP).',
      sources: sources('L-DIR1', 'L-DIRHLB'),
    }),
    catalogRow(F, {
      id: 'D06',
      products: ALL,
      service: 'MTLS/TCP/50001-50003',
      source: INTERNAL,
      destination: DIRECTOR,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'Centralized Logging to Directors',
      comment:
        'Centralized Logging Service controller and agent commands and log collection on the Director ' +
        '(edge.centralizedLogging: false leaves it out).',
      sources: sources('L-DIRHLB', 'L-DIR1'),
      condition: { setting: 'centralizedLogging', value: true, text: 'edge.centralizedLogging is true (the default)' },
    }),
  ],
};

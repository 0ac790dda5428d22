import type { CatalogFeature, Product } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.1 E02–E04: outbound from each Edge server's Access Edge address
// (per node with a hardware load balancer: L-HLB external per-node table).

const F = 'dnsAndCrl';
const ALL: Product[] = ['lync2013', 'sfb2015', 'sfb2019'];
const ACCESS = { kind: 'interface', role: 'edge', interface: 'accessEdge' } as const;
const INTERNET = { kind: 'any', zone: 'external' } as const;

export const dnsAndCrl: CatalogFeature = {
  name: F,
  title: 'DNS and certificate revocation',
  description:
    'DNS queries (TCP and UDP 53) and certificate revocation list checks (HTTP 80) from the ' +
    'Access Edge interface to the Internet.',
  requiredRoles: [
    { role: 'edge', message: 'DNS and CRL checks come from an Edge Server. Add a server with role: edge.' },
  ],
  rows: [
    catalogRow(F, {
      id: 'E02',
      products: ALL,
      service: 'HTTP/TCP/80',
      source: ACCESS,
      destination: INTERNET,
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'CRL checks from Access Edge',
      comment: 'Certificate revocation/CRL check and retrieval.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
    }),
    catalogRow(F, {
      id: 'E03',
      products: ALL,
      service: 'DNS/TCP/53',
      source: ACCESS,
      destination: INTERNET,
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'DNS over TCP from Access Edge',
      comment: 'DNS query over TCP.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
    }),
    catalogRow(F, {
      id: 'E04',
      products: ALL,
      service: 'DNS/UDP/53',
      source: ACCESS,
      destination: INTERNET,
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'DNS over UDP from Access Edge',
      comment: 'DNS query over UDP.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
    }),
  ],
};

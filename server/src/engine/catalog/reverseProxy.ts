import type { CatalogFeature, Product } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.6 R01–R05 (L-RP). External 443 is published to the Front End's
// 4443 and external 80 to its 8080 (S-LB). The reverse proxy's interfaces are `external` and
// `internal`; a one-armed proxy with a single interface uses it for both. L-RP marks 80 "Optional"
// and 8080 "not needed" when the certificates carry the SAN entries, so HTTP is opt-in
// (edge.publishHttp: true).

const F = 'reverseProxy';
const ALL: Product[] = ['lync2013', 'sfb2015', 'sfb2019'];
const RP_EXTERNAL = { kind: 'interface', role: 'reverseProxy', interface: 'external' } as const;
const RP_INTERNAL = { kind: 'interface', role: 'reverseProxy', interface: 'internal' } as const;
const INTERNET = { kind: 'any', zone: 'external' } as const;
const HTTP = { setting: 'publishHttp', value: true, text: 'edge.publishHttp is true (default false)' } as const;

export const reverseProxy: CatalogFeature = {
  name: F,
  title: 'Reverse proxy',
  description:
    'Publishing of the external web services (address book, meetings, dial-in, Autodiscover, mobility, Office Web ' +
    "Apps / Office Online Server) through a reverse proxy: Internet 443 to the proxy, proxy to the Front End's 4443 " +
    '(80/8080 too with edge.publishHttp: true).',
  requiredRoles: [
    {
      role: 'reverseProxy',
      message: 'The reverse proxy feature needs a server with role: reverseProxy (interfaces external and internal).',
    },
    {
      role: 'frontEnd',
      message:
        "The reverse proxy publishes the Front End pool's external web services. Add a server with role: frontEnd.",
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'R01',
      products: ALL,
      service: 'HTTP/TCP/80',
      source: INTERNET,
      destination: RP_EXTERNAL,
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'HTTP to reverse proxy',
      comment:
        'Optional: redirection to HTTPS; also needed for Office Web Apps conferencing and mobile Autodiscover when ' +
        'the external web certificate is not changed. Required only with edge.publishHttp: true.',
      sources: sources('L-RP', 'S-LB'),
      condition: HTTP,
    }),
    catalogRow(F, {
      id: 'R02',
      products: ALL,
      service: 'HTTPS/TCP/443',
      source: INTERNET,
      destination: RP_EXTERNAL,
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'HTTPS to reverse proxy',
      comment:
        'Address book, address book web query, Autodiscover, client updates, meeting content, device updates, group ' +
        'expansion, Office Web Apps for conferencing, dial-in and meetings.',
      sources: sources('L-RP', 'S-LB'),
    }),
    catalogRow(F, {
      id: 'R03',
      products: ALL,
      service: 'HTTP/TCP/8080',
      source: RP_INTERNAL,
      destination: { kind: 'servers', role: 'frontEnd' },
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'Reverse proxy HTTP to Front Ends',
      comment:
        'External port 80 is published to the Front End pool on 8080. Optional: not needed when the certificates ' +
        'carry the necessary SAN entries (required only with edge.publishHttp: true).',
      sources: sources('L-RP', 'S-LB'),
      condition: HTTP,
    }),
    catalogRow(F, {
      id: 'R04',
      products: ALL,
      service: 'HTTPS/TCP/4443',
      source: RP_INTERNAL,
      destination: { kind: 'servers', role: 'frontEnd' },
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'Reverse proxy HTTPS to Front Ends',
      comment:
        'External port 443 is published to the Front End pool on 4443. Not the same rule as the ' +
        'Central Management store replication on 4443 (I08).',
      sources: sources('L-RP', 'S-LB'),
    }),
    catalogRow(F, {
      id: 'R05',
      products: ALL,
      service: 'HTTPS/TCP/443',
      source: RP_INTERNAL,
      destination: { kind: 'servers', role: 'officeWebApps' },
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'Reverse proxy to Office Web Apps',
      comment:
        'Office Web Apps Server / Office Online Server for conferencing (only when the topology has a server with ' +
        'role: officeWebApps). Skype for Business Server: "If you want external users ... to have access to Office ' +
        'Web Apps Server PowerPoint presentations, then you will need to use Office Web Apps Server and a reverse ' +
        'proxy server."',
      sources: sources('L-RP', 'S-OWAS'),
    }),
  ],
};

import type { CatalogFeature, Product } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.2 I02–I11 (Lync 2013) and §3.2 SI02–SI11 (SfB 2015/2019): the
// Edge internal interface table. With a hardware load balancer (L-HLB, S-ENV "Internal Interface
// VIPs"), SIP 5061 and 5062 use the internal VIP and STUN/TURN uses the VIP and each node; PSOM
// 8057, CMS replication 4443 and CLS 50001-50003 go to each Edge server's own internal address
// (S-LB: the internal load balancer "cannot load balance the traffic to the internal Web
// Conferencing Edge service or the internal XMPP Proxy service"). On Skype for Business Server the
// internal VIP is used only with edge.internalVipRouting (flows/required.ts internalVipRouted).
// With a Director next hop the SIP rows bind twice: to the Directors and to the Front Ends (L-DIR1).

const F = 'edgeInternal';
const ALL: Product[] = ['lync2013', 'sfb2015', 'sfb2019'];
const EDGE_INTERNAL = { kind: 'interface', role: 'edge', interface: 'internal' } as const;
const CLS_COMMENT =
  'Centralized Logging Service controller (CLS cmdlets, ClsController.exe) or agent (ClsAgent.exe) commands and log ' +
  'collection. Set edge.centralizedLogging: false when you do not use CLS on the Edge.';

export const edgeInternal: CatalogFeature = {
  name: F,
  title: 'Edge internal traffic',
  description:
    "The Edge Server's internal interface table: SIP to and from the next hop pool, PSOM from each Front End, A/V " +
    'authentication, STUN/TURN from internal clients, Central Management store replication and Centralized ' +
    'Logging.',
  requiredRoles: [
    { role: 'edge', message: 'Edge internal traffic needs an Edge Server. Add a server with role: edge.' },
    {
      role: 'frontEnd',
      message:
        'Edge internal traffic needs a Front End pool (next hop, PSOM, A/V authentication, Central ' +
        'Management store). Add a server with role: frontEnd.',
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'I02',
      products: ALL,
      service: 'SIP/MTLS/TCP/5061',
      source: { kind: 'nextHop' },
      destination: EDGE_INTERNAL,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'SIP from next hop to Edge',
      comment:
        'Outbound SIP traffic from the Director, Director pool, Front End Server or Front End pool (the next hop) ' +
        'to the Edge internal interface. SIP must flow both ways for every Edge feature. With a Director, "A rule ' +
        'that allows SIP/MTLS/TCP 5061 communication from the Director, Front End pool and Front End Server to the ' +
        'Edge Server internal interface must be created as well": from the Directors and from the Front Ends.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB', 'L-EDGE-TB', 'L-DIR1', 'L-DIRHLB'),
      loadBalanced: 'vip',
    }),
    catalogRow(F, {
      id: 'I03',
      products: ALL,
      service: 'SIP/MTLS/TCP/5061',
      source: EDGE_INTERNAL,
      destination: { kind: 'nextHop' },
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'SIP from Edge to next hop',
      comment:
        'Inbound SIP traffic to the Director, Director pool, Front End Server or Front End pool (the ' +
        'next hop) from the Edge internal interface. With a Director, "there must be SIP communication from the Edge ' +
        'Server internal interface to the Director and to the Front End pool": to both (the Director pool behind a ' +
        'hardware load balancer at director.vip).',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB', 'L-EDGE-TB', 'L-DIR1', 'L-DIRHLB'),
      loadBalanced: 'vip',
    }),
    catalogRow(F, {
      id: 'I04',
      products: ALL,
      service: 'PSOM/MTLS/TCP/8057',
      source: { kind: 'servers', role: 'frontEnd' },
      destination: EDGE_INTERNAL,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'PSOM from Front Ends to Edge',
      comment:
        "Web conferencing traffic from each Front End Server to each Edge server's own " +
        'internal address (never the internal VIP).',
      sources: sources('L-SCE-NAT', 'S-ENV', 'S-LB', 'L-HLB'),
      perNode: true,
    }),
    catalogRow(F, {
      id: 'I05',
      products: ALL,
      service: 'SIP/MTLS/TCP/5062',
      source: { kind: 'servers', role: 'frontEnd' },
      destination: EDGE_INTERNAL,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'A/V authentication from Front Ends to Edge',
      comment:
        'Authentication of A/V users (A/V authentication service) from the Front End Server or pool, or any ' +
        'Survivable Branch Appliance or Server using this Edge.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
      loadBalanced: 'vip',
    }),
    catalogRow(F, {
      id: 'I06',
      products: ALL,
      service: 'STUN/MSTURN/UDP/3478',
      source: { kind: 'any', zone: 'internal' },
      destination: EDGE_INTERNAL,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'STUN from internal clients to Edge (UDP)',
      comment:
        'Preferred path for A/V media transfer between internal and external users, ' +
        'Survivable Branch Appliances or Servers.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
      loadBalanced: 'vipAndNodes',
    }),
    catalogRow(F, {
      id: 'I07',
      products: ALL,
      service: 'STUN/MSTURN/TCP/443',
      source: { kind: 'any', zone: 'internal' },
      destination: EDGE_INTERNAL,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'TURN from internal clients to Edge (TCP)',
      comment:
        'Fallback path for A/V media between internal and external users when UDP cannot be established; ' +
        'TCP is used for file transfer and desktop sharing.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
      loadBalanced: 'vipAndNodes',
    }),
    catalogRow(F, {
      id: 'I08',
      products: ALL,
      service: 'HTTPS/TCP/4443',
      source: { kind: 'servers', role: 'frontEnd', prefer: 'centralManagementStore' },
      destination: EDGE_INTERNAL,
      firewall: 'internal',
      direction: 'inbound',
      ruleName: 'CMS replication to Edge',
      comment:
        'Replication of changes from the Central Management store (the Front End pool that holds it: services: ' +
        "[centralManagementStore]) to each Edge server's own internal address. Not the reverse proxy's 4443 (R04).",
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB', 'L-RP'),
      perNode: true,
    }),
    catalogRow(F, {
      id: 'I12',
      products: ['lync2013'],
      service: 'STUN/MSTURN/TCP/443',
      source: EDGE_INTERNAL,
      destination: { kind: 'any', zone: 'internal' },
      firewall: 'internal',
      direction: 'outbound',
      ruleName: 'TURN from Edge internal VIP to internal clients (TCP)',
      comment:
        'With hardware load balancers, the Internal Interface Virtual IPs table also lists STUN/MSTURN/TCP/443 from ' +
        'the Edge Server internal VIP interface to Any: the A/V Edge relays media over TCP to internal clients.',
      sources: sources('L-HLB'),
      loadBalanced: 'vip',
      condition: {
        setting: 'loadBalancing',
        value: 'hardware',
        text:
          'edge.loadBalancing is hardware (the internal VIP table of "Scaled consolidated edge with hardware ' +
          'load balancers")',
      },
    }),
    ...([50001, 50002, 50003] as const).map((port, k) =>
      catalogRow(F, {
        id: `I${9 + k < 10 ? '0' : ''}${9 + k}`,
        products: ALL,
        service: `MTLS/TCP/${port}`,
        source: { kind: 'any', zone: 'internal' },
        destination: EDGE_INTERNAL,
        firewall: 'internal',
        direction: 'inbound',
        ruleName: 'Centralized Logging to Edge',
        comment: CLS_COMMENT,
        sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
        perNode: true,
        condition: {
          setting: 'centralizedLogging',
          value: true,
          text: 'edge.centralizedLogging is true (the default)',
        },
      }),
    ),
  ],
};

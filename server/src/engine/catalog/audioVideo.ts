import type { CatalogFeature, Product } from '../types';
import { catalogRow } from './row';
import { sources } from './sources';

// ../shared/PORT-CATALOG.md §2.1 E09–E16, §2.5 (L-AV: destination-only vs source-and-destination
// firewall policy), §3.1 (SfB: no OCS 2007 inbound rows; outbound UDP 50000-59999 required).
// A/V media is never SNATed by a hardware load balancer: clients reach the A/V VIP first and then
// each Edge's own address (L-HLB), so the inbound rows need both.

const F = 'audioVideo';
const ALL: Product[] = ['lync2013', 'sfb2015', 'sfb2019'];

export const audioVideo: CatalogFeature = {
  name: F,
  title: 'Audio/video',
  description:
    'Audio, video, desktop sharing and file transfer with remote and federated users through the A/V Edge service ' +
    '(STUN/TURN relay), authenticated by the Front End on SIP/MTLS/TCP/5062.',
  requiredRoles: [
    {
      role: 'edge',
      message: 'Audio/video needs an Edge Server with an A/V Edge interface. Add a server with role: edge.',
    },
    {
      role: 'frontEnd',
      message:
        'Audio/video needs Front End Servers: they authenticate A/V users on the Edge internal interface ' +
        '(SIP/MTLS/TCP/5062). Add a server with role: frontEnd.',
    },
  ],
  rows: [
    catalogRow(F, {
      id: 'E09',
      products: ALL,
      service: 'RTP/TCP/50000-59999',
      source: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      destination: { kind: 'any', zone: 'external' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'A/V Edge media to Internet (TCP)',
      comment:
        'Required for federating with partners running Office Communications Server 2007, 2007 R2, Lync Server 2010 ' +
        'and 2013 (Skype for Business Server: "used for relaying media traffic"). Only for a destination-port ' +
        'firewall policy: with edge.avFirewallPolicy: sourceAndDestination the range is the source port of the TCP ' +
        '443 row instead ("Determine external A/V firewall and port requirements").',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-AV', 'L-HLB'),
      condition: {
        setting: 'avFirewallPolicy',
        value: 'destinationOnly',
        text: 'edge.avFirewallPolicy is destinationOnly (the default)',
      },
    }),
    catalogRow(F, {
      id: 'E10',
      products: ALL,
      service: 'RTP/UDP/50000-59999',
      source: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      destination: { kind: 'any', zone: 'external' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'A/V Edge media to Internet (UDP)',
      comment:
        'Skype for Business Server: required ("used for relaying media traffic"). Lync Server 2013: required only ' +
        'for federation with partners running Office Communications Server 2007 (edge.ocs2007Federation: true).',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-HLB'),
      condition: {
        setting: 'ocs2007Federation',
        value: true,
        products: ['lync2013'],
        text: 'Lync Server 2013: edge.ocs2007Federation is true',
      },
    }),
    catalogRow(F, {
      id: 'E11',
      products: ['lync2013'],
      service: 'RTP/TCP/50000-59999',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'OCS 2007 media to A/V Edge (TCP)',
      comment:
        'Required only for federation with partners running Office Communications Server 2007 (Lync Server ' +
        '2013 tables; Skype for Business Server dropped the row).',
      sources: sources('L-SCE-NAT', 'L-AV', 'L-HLB'),
      condition: { setting: 'ocs2007Federation', value: true, text: 'edge.ocs2007Federation is true' },
    }),
    catalogRow(F, {
      id: 'E12',
      products: ['lync2013'],
      service: 'RTP/UDP/50000-59999',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'OCS 2007 media to A/V Edge (UDP)',
      comment:
        'Required only for federation with partners running Office Communications Server 2007 (Lync Server ' +
        '2013 tables; Skype for Business Server dropped the row).',
      sources: sources('L-SCE-NAT', 'L-AV', 'L-HLB'),
      condition: { setting: 'ocs2007Federation', value: true, text: 'edge.ocs2007Federation is true' },
    }),
    catalogRow(F, {
      id: 'E13',
      products: ALL,
      service: 'STUN/MSTURN/UDP/3478',
      source: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      destination: { kind: 'any', zone: 'external' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'A/V Edge STUN to Internet (UDP)',
      comment:
        '3478 outbound is used to determine the version of Edge Server being communicated with, and for media ' +
        'traffic from Edge Server to Edge Server; required for federation and when several Edge pools are ' +
        'deployed. With a source-and-destination policy the source port is UDP 3478 ("Determine external A/V ' +
        'firewall and port requirements").',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-AV', 'L-HLB'),
      sourcePortsByPolicy: [{ from: 3478, to: 3478 }],
    }),
    catalogRow(F, {
      id: 'E14',
      products: ALL,
      service: 'STUN/MSTURN/UDP/3478',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'STUN to A/V Edge (UDP)',
      comment:
        'STUN/TURN negotiation of candidates over UDP/3478. With a hardware load balancer: to the A/V ' +
        'VIP and to each Edge server (no SNAT on A/V).',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-AV', 'L-HLB'),
      loadBalanced: 'vipAndNodes',
    }),
    catalogRow(F, {
      id: 'E15',
      products: ALL,
      service: 'STUN/MSTURN/TCP/443',
      source: { kind: 'any', zone: 'external' },
      destination: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      firewall: 'external',
      direction: 'inbound',
      ruleName: 'TURN to A/V Edge (TCP)',
      comment:
        'STUN/TURN negotiation of candidates over TCP/443 (the A/V Edge external TURN TCP port, edge.ports.avEdge). ' +
        'With a hardware load balancer: to the A/V VIP and to each Edge server.',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-AV', 'L-HLB', 'PS-SET-EDGE'),
      loadBalanced: 'vipAndNodes',
      portSetting: 'avEdge',
    }),
    catalogRow(F, {
      id: 'E16',
      products: ALL,
      service: 'STUN/MSTURN/TCP/443',
      source: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      destination: { kind: 'any', zone: 'external' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'A/V Edge TURN to Internet (TCP)',
      comment:
        "STUN/TURN negotiation of candidates over TCP/443, to the partner's A/V Edge. With a " +
        'source-and-destination policy the source ports are TCP 50000-59999 ("Determine external A/V firewall and ' +
        'port requirements").',
      sources: sources('L-SCE-NAT', 'S-ENV', 'L-AV', 'L-HLB'),
      sourcePortsByPolicy: [{ from: 50000, to: 59999 }],
    }),
    ...edgeToEdge(),
  ],
  alsoRequires: ['I05', 'I06', 'I07', 'I02', 'I03'],
};

/**
 * S-ENV, DNS load balancing with NAT: "Your Edge Servers need to be able to communicate with one another from their
 * public A/V Edge IP addresses. Your firewall needs to allow this traffic." The public addresses live on the NAT
 * firewall's external side, so the flow is a hairpin through the external firewall: from each A/V Edge to each
 * A/V Edge's public address (its own too: two remote users relayed by one Edge). The page names no port; media
 * between two Edge servers' relays runs between their media port ranges, so the row is UDP 50000-59999 (the STUN
 * and TURN ports the public addresses also serve are E13–E16's rules to and from Any). Only S-ENV states it; the
 * Lync 2013 pages describe the same NAT topology, so the row applies to every product.
 */
function edgeToEdge() {
  return [
    catalogRow(F, {
      id: 'E17',
      products: ALL,
      service: 'RTP/UDP/50000-59999',
      source: { kind: 'interface', role: 'edge', interface: 'avEdge' },
      destination: { kind: 'interface', role: 'edge', interface: 'avEdge', address: 'public' },
      firewall: 'external',
      direction: 'outbound',
      ruleName: 'A/V Edge to A/V Edge public addresses',
      comment:
        'DNS load balancing with NAT: "Your Edge Servers need to be able to communicate with one another from their ' +
        'public A/V Edge IP addresses. Your firewall needs to allow this traffic." From each A/V Edge to the public ' +
        '(NAT) A/V Edge addresses of the pool, through the external firewall (hairpin NAT).',
      sources: sources('S-ENV'),
      condition: { setting: 'loadBalancing', value: 'dns', text: 'edge.loadBalancing is dns, with NAT (publicIp)' },
    }),
  ];
}

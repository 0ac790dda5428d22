import type { CatalogSource } from '../types';

// Microsoft's pages, keyed as in ../shared/PORT-CATALOG.md §0. Every catalog row cites at least one.
const LYNC = 'https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/';
const SFB = 'https://learn.microsoft.com/en-us/skypeforbusiness/';

export const SOURCES = {
  'L-XMPP-PORT': {
    key: 'L-XMPP-PORT',
    title: 'Port summary - XMPP federation in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-extensible-messaging-and-presence-protocol-xmpp-federation`,
  },
  'L-FED': {
    key: 'L-FED',
    title: 'Port summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-sip-xmpp-federation-and-public-instant-messaging`,
  },
  'L-SCE-NAT': {
    key: 'L-SCE-NAT',
    title: 'Port summary - Single consolidated edge with private IP addresses using NAT in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-single-consolidated-edge-with-private-ip-addresses-using-nat`,
  },
  'L-DNSLB-NAT': {
    key: 'L-DNSLB-NAT',
    title:
      'Port summary - Scaled consolidated edge, DNS load balancing with private IP ' +
      'addresses using NAT in Lync Server 2013',
    url:
      `${LYNC}lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-` +
      `with-private-ip-addresses-using-nat`,
  },
  'L-XMPP-PLAN': {
    key: 'L-XMPP-PLAN',
    title: 'Planning for extensible messaging and presence protocol (XMPP) federation in Lync Server 2013',
    url: `${LYNC}lync-server-2013-planning-for-extensible-messaging-and-presence-protocol-xmpp-federation`,
  },
  'S-ENV': {
    key: 'S-ENV',
    title: 'Edge Server environmental requirements in Skype for Business Server',
    url: `${SFB}plan-your-deployment/edge-server-deployments/edge-environmental-requirements`,
  },
  'S-LB': {
    key: 'S-LB',
    title: 'Load balancing requirements for Skype for Business',
    url: `${SFB}plan-your-deployment/network-requirements/load-balancing`,
  },
  'L-SCE-PUB': {
    key: 'L-SCE-PUB',
    title: 'Port summary - Single consolidated edge with public IP addresses in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-single-consolidated-edge-with-public-ip-addresses`,
  },
  'L-DNSLB-PUB': {
    key: 'L-DNSLB-PUB',
    title: 'Port summary - Scaled consolidated edge, DNS load balancing with public IP addresses in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-public-ip-addresses`,
  },
  'L-HLB': {
    key: 'L-HLB',
    title: 'Port summary - Scaled consolidated edge with hardware load balancers in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-scaled-consolidated-edge-with-hardware-load-balancers`,
  },
  'L-PIC': {
    key: 'L-PIC',
    title: 'Port summary - Public instant messaging connectivity in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-public-instant-messaging-connectivity`,
  },
  'L-AV': {
    key: 'L-AV',
    title: 'Determine external A/V firewall and port requirements for Lync Server 2013',
    url: `${LYNC}lync-server-2013-determine-external-a-v-firewall-and-port-requirements`,
  },
  'L-RP': {
    key: 'L-RP',
    title: 'Port summary - Reverse proxy in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-reverse-proxy`,
  },
  'L-DIR1': {
    key: 'L-DIR1',
    title: 'Port summary - Single Director in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-single-director`,
  },
  'L-DIRHLB': {
    key: 'L-DIRHLB',
    title: 'Port summary - Scaled Director pool, hardware load balancer in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-scaled-director-pool-hardware-load-balancer`,
  },
  'L-INT': {
    key: 'L-INT',
    title: 'Ports and protocols for internal servers in Lync Server 2013',
    url: `${LYNC}lync-server-2013-ports-and-protocols-for-internal-servers`,
  },
  'L-EDGE-TB': {
    key: 'L-EDGE-TB',
    title: 'Define your edge topology in Lync Server 2013',
    url: `${LYNC}lync-server-2013-define-your-edge-topology`,
  },
  'L-XMPP-DNS': {
    key: 'L-XMPP-DNS',
    title: 'DNS summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013',
    url: `${LYNC}lync-server-2013-dns-summary-extensible-messaging-and-presence-protocol-xmpp-federation`,
  },
  'L-FED-DNS': {
    key: 'L-FED-DNS',
    title: 'DNS summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013',
    url: `${LYNC}lync-server-2013-dns-summary-sip-xmpp-federation-and-public-instant-messaging`,
  },
  'L-XMPP-CERT': {
    key: 'L-XMPP-CERT',
    title: 'Certificate summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013',
    url: `${LYNC}lync-server-2013-certificate-summary-extensible-messaging-and-presence-protocol-xmpp-federation`,
  },
  'L-FED-CERT': {
    key: 'L-FED-CERT',
    title: 'Certificate summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013',
    url: `${LYNC}lync-server-2013-certificate-summary-sip-xmpp-federation-and-public-instant-messaging`,
  },
  'L-XMPP-NEG': {
    key: 'L-XMPP-NEG',
    title: 'Negotiation settings for XMPP federated partners in Lync Server 2013',
    url: `${LYNC}lync-server-2013-negotiation-settings-for-xmpp-federated-partners`,
  },
  'L-XMPP-EDIT': {
    key: 'L-XMPP-EDIT',
    title: 'Create or edit XMPP partner configuration in Lync Server 2013',
    url: `${LYNC}lync-server-2013-create-or-edit-xmpp-partner-configuration`,
  },
  'S-PORTS': {
    key: 'S-PORTS',
    title: 'Port and protocol requirements for servers (Skype for Business Server)',
    url: `${SFB}plan-your-deployment/network-requirements/ports-and-protocols`,
  },
  'PS-SET-EDGE': {
    key: 'PS-SET-EDGE',
    title: 'Set-CsEdgeServer (Skype for Business Server PowerShell)',
    url: 'https://learn.microsoft.com/en-us/powershell/module/skype/set-csedgeserver',
  },
  'PS-XMPP-PARTNER': {
    key: 'PS-XMPP-PARTNER',
    title: 'New-CsXmppAllowedPartner (Skype for Business Server PowerShell)',
    url: 'https://learn.microsoft.com/en-us/powershell/module/skype/new-csxmppallowedpartner',
  },
  'L-XMPP-SETUP': {
    key: 'L-XMPP-SETUP',
    title: 'Setting up XMPP federation in Lync Server 2013',
    url: `${LYNC}lync-server-2013-setting-up-xmpp-federation`,
  },
  'L-XMPP-FAILOVER': {
    key: 'L-XMPP-FAILOVER',
    title: 'Failing over the Edge pool used for XMPP federation in Lync Server 2013',
    url: `${LYNC}lync-server-2013-failing-over-the-edge-pool-used-for-xmpp-federation`,
  },
  'S-OWAS': {
    key: 'S-OWAS',
    title: 'Configure integration with Office Web Apps Server in Skype for Business Server',
    url: `${SFB}deploy/deploy-conferencing/office-web-app-server`,
  },
  'S19-XMPP': {
    key: 'S19-XMPP',
    title: 'Migrating XMPP federation (Skype for Business Server 2019)',
    url: `${SFB}sfbserver2019/migration/migrating-xmpp-federation`,
  },
} satisfies Record<string, CatalogSource>;

export type SourceKey = keyof typeof SOURCES;

export function sources(...keys: SourceKey[]): CatalogSource[] {
  return keys.map((key) => SOURCES[key]);
}

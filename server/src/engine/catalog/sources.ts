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
    title: 'Port summary - Scaled consolidated edge, DNS load balancing with private IP addresses using NAT in Lync Server 2013',
    url: `${LYNC}lync-server-2013-port-summary-scaled-consolidated-edge-dns-load-balancing-with-private-ip-addresses-using-nat`,
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

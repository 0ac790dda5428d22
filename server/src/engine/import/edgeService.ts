import type { Port, Service } from './topologyXml';

// The Edge service's ports say which external interface carries which service and what the
// Edge pool offers: the Access Edge's client port (remote users) and federation port, the Web
// Conferencing Edge's PSOM port, the A/V Edge's media relay and the XMPP proxy's 5269.

type External = 'accessEdge' | 'webConferencingEdge' | 'avEdge';

export interface EdgeService {
  service: Service;
  /** The external InterfaceNumber of each service (1, 2, 3 unless the ports say otherwise). */
  numbers: Record<External, number>;
  /** The three services share one external interface. */
  singleAddress: boolean;
  ports: Partial<Record<External, number>>;
  remoteAccess: boolean;
  sipFederation: boolean;
  webConferencing: boolean;
  audioVideo: boolean;
  xmppFederation: boolean;
}

const OWNERS: Record<External, RegExp> = {
  accessEdge: /^AccessEdge$/i,
  webConferencingEdge: /^(DataEdge|WebConfEdge|DataProxy)$/i,
  avEdge: /^(MediaRelay|AVEdge|AudioVideoEdge)$/i,
};
const FEDERATION = /federation/i;
const XMPP = /^(XmppFederation|XmppProxy)$/i;

export function edgeServiceOf(service: Service): EdgeService {
  const external = service.ports.filter((port) => port.side === 'External');
  const of = (name: External) => external.filter((port) => OWNERS[name].test(port.owner));
  const access = of('accessEdge').filter((port) => !FEDERATION.test(port.usage));
  const data = of('webConferencingEdge');
  // The A/V Edge's TCP port is the one a client reaches (443, or the single-IP port).
  const media = of('avEdge');
  const mediaTcp = media.find((port) => /^tcp$/i.test(port.protocol)) ?? media[0];
  const numbers = {
    accessEdge: access[0]?.number ?? 1,
    webConferencingEdge: data[0]?.number ?? 2,
    avEdge: mediaTcp?.number ?? 3,
  };
  const singleAddress = numbers.accessEdge === numbers.webConferencingEdge && numbers.accessEdge === numbers.avEdge;
  const portOf = (port: Port | undefined) => (port && port.port > 0 ? port.port : undefined);
  const ports: Partial<Record<External, number>> = {};
  for (const [name, port] of [
    ['accessEdge', access[0]],
    ['webConferencingEdge', data[0]],
    ['avEdge', mediaTcp],
  ] as const) {
    const value = portOf(port);
    if (value !== undefined) ports[name] = value;
  }
  return {
    service,
    numbers,
    singleAddress,
    ports,
    remoteAccess: access.length > 0,
    sipFederation: of('accessEdge').some((port) => FEDERATION.test(port.usage)),
    webConferencing: data.length > 0,
    audioVideo: media.length > 0,
    xmppFederation: external.some((port) => XMPP.test(port.owner) || /^Xmpp/i.test(port.usage)),
  };
}

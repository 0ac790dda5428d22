import type { AddressSet } from '../model/address';
import type { FirewallModel, NetworkModel } from '../model/model';
import type { ServiceSet } from '../model/service';
import type { CatalogRow, PortRange, Zone } from '../types';

// A required flow: a catalog row bound to this topology's addresses, with the firewalls it
// crosses. required.ts builds them; evaluate.ts, the rules and the flow model read them.

/** One concrete address that must be reachable: an interface or a server, with its NAT alternative. */
export interface FlowMember {
  /** Node id in the flow model: 'server.interface', 'server', 'vip.interface' or 'internet'. */
  nodeId: string;
  /** The endpoint text a rule would use for it. */
  endpoint: string;
  /** Any one of these sets fully allowed serves the member (private IP, or public NAT IP). */
  alternatives: AddressSet[];
}

export interface FlowSide {
  /** True for the catalog's "Any": some address must be allowed, not every one. */
  existential: boolean;
  members: FlowMember[];
  all: AddressSet;
  /** Endpoint texts for an inserted rule. */
  endpoints: string[];
  network?: NetworkModel;
  zone?: Zone;
}

export interface RequiredFlow {
  id: string;
  /**
   * The catalog row as it applies here: ports set by the Edge settings, feature = the enabled feature that needs it.
   */
  row: CatalogRow;
  src: FlowSide;
  dst: FlowSide;
  service: ServiceSet;
  /** Source ports the flow uses (A/V source-and-destination policy); absent means any. */
  sourcePorts?: PortRange[];
  /** Firewalls on the way, in order from source to destination. */
  firewalls: FirewallModel[];
}

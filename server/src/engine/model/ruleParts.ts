import type { AddressSet } from './address';
import type { EndpointKind, EndpointRef, ServiceTermModel } from './model';
import type { PathSegment } from '../yaml/parse';
import type { PortRange, Transport } from '../types';

// The endpoints and service terms of a rule. A large rule list has tens of thousands of them and
// their paths are read only where a finding or an editor feature lands on one: each keeps the
// rule's path and its own slot, and spells its path out when asked.

/** Where a part sits in its rule's key: the value itself (`from: x`), or item k of a list (`from: [x, y]`). */
export const WHOLE = -1;

export class RuleEndpoint implements EndpointRef {
  constructor(
    readonly kind: EndpointKind,
    readonly target: string | undefined,
    readonly interfaceName: string | undefined,
    readonly addresses: AddressSet,
    readonly text: string,
    readonly rulePath: PathSegment[],
    readonly side: 'from' | 'to',
    readonly item: number,
  ) {}

  get path(): PathSegment[] {
    const [root, firewall, rules, index] = this.rulePath;
    return this.item === WHOLE
      ? [root, firewall, rules, index, this.side]
      : [root, firewall, rules, index, this.side, this.item];
  }
}

export class RuleServiceTerm implements ServiceTermModel {
  constructor(
    readonly protocol: string | undefined,
    readonly transportLabel: string,
    readonly transports: Transport[],
    readonly ports: PortRange[],
    readonly portText: string,
    readonly form: 'text' | 'object' | 'rule',
    readonly rulePath: PathSegment[],
    readonly item: number,
  ) {}

  /** The rule's own path for a term written as the rule's transport and port keys. */
  get path(): PathSegment[] {
    return termPath(this.form, this.rulePath, this.item);
  }
}

/** Where a term of a rule at `rulePath` is written (RuleServiceTerm's path). */
export function termPath(form: 'text' | 'object' | 'rule', rulePath: PathSegment[], item: number): PathSegment[] {
  if (form === 'rule') return rulePath;
  const [root, firewall, rules, index] = rulePath;
  return item === WHOLE ? [root, firewall, rules, index, 'service'] : [root, firewall, rules, index, 'service', item];
}

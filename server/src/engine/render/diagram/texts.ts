import type { FlowStatus, Zone } from '../../types';

// The words the diagram shows for a zone, a flow's status and a misconfiguration's code.

export const ZONE_TITLES: Record<Zone, string> = {
  external: 'External (Internet)',
  perimeter: 'Perimeter network',
  internal: 'Internal network',
};

export const STATUS_TEXT: Record<FlowStatus, string> = {
  allowed: 'allowed',
  missing: 'missing',
  misconfigured: 'misconfigured',
  blocked: 'blocked',
};
export const CODE_TEXT: Record<string, string> = {
  'wrong-port': 'wrong port',
  'wrong-transport': 'wrong transport',
  'reversed-flow': 'from and to swapped',
  'wrong-firewall': 'on the wrong firewall',
};

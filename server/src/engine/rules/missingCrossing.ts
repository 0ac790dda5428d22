import type { PlacementProblem } from '../flows/required';
import type { TopologyModel } from '../model/model';
import type { Zone } from '../types';

// The required flows no firewall can carry, as the firewalls that are missing: one crossing per
// pair of network groups, whichever way its flows go (the Edge's 5269 in and out is one crossing),
// so a file with no firewall yet gets one finding per firewall to add, not one per catalog row.

export type NoZone = Extract<PlacementProblem, { reason: 'noZone' }>;
export type NoFirewall = Extract<PlacementProblem, { reason: 'noFirewall' }>;

export interface Crossing {
  /** The firewall's `between`: the outer network first, as Microsoft draws it (Internet, then perimeter). */
  between: [string, string];
  zones: [string, string];
  problems: NoFirewall[];
}

// The perimeter last: `[internet, perimeter]`, `[corp, perimeter]`, as the contract's example writes them.
const ZONE_ORDER: Record<Zone, number> = { external: 0, internal: 1, perimeter: 2 };

export function crossingsOf(model: TopologyModel, problems: readonly PlacementProblem[]): Crossing[] {
  const zoneOf = (name: string) => model.networks.find((network) => network.name === name)?.zone;
  const rank = (names: string[]) => {
    const zone = zoneOf(names[0]);
    return zone ? ZONE_ORDER[zone] : 3;
  };
  const byKey = new Map<string, Crossing>();
  for (const problem of problems) {
    if (problem.reason !== 'noFirewall') continue;
    const sides = [[...problem.from].sort(), [...problem.to].sort()];
    sides.sort((a, b) => rank(a) - rank(b) || a.join(',').localeCompare(b.join(',')));
    const key = sides.map((side) => side.join(',')).join('|');
    let crossing = byKey.get(key);
    if (!crossing) {
      // A side of several networks (the catalog's "Any" over two external networks): one firewall
      // between any of them and the other side carries the flows; the first as written is proposed.
      const first = firstWritten(model, sides[0]);
      const second = firstWritten(model, sides[1]);
      crossing = {
        between: [first, second],
        zones: [zoneOf(first) ?? 'no zone', zoneOf(second) ?? 'no zone'],
        problems: [],
      };
      byKey.set(key, crossing);
    }
    crossing.problems.push(problem);
  }
  return [...byKey.values()];
}

function firstWritten(model: TopologyModel, names: string[]): string {
  return model.networks.find((network) => names.includes(network.name))?.name ?? names[0];
}

/** Microsoft's names where they fit (the external and the internal firewall), else the two networks'. */
export function firewallName(crossing: Crossing, taken: ReadonlySet<string>): string {
  const [first, second] = crossing.between;
  const zones = crossing.zones;
  const usual = zones.includes('external') ? 'external' : zones.includes('internal') ? 'internal' : undefined;
  const pair = `${first}-${second}`;
  for (const candidate of [usual, pair]) if (candidate && !taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) if (!taken.has(`${pair}-${n}`)) return `${pair}-${n}`;
}

import type { ServiceSet } from '../model/service';
import type { PortRange, Transport } from '../types';

// Which ports a probe uses: a range is probed at its bounds and once inside; source ports come
// from a pool no probe listens on, or from the flow's own source ports (the A/V policy).

export const MAX_RANGES_PER_TRANSPORT = 4;
/** Source ports of probes whose flow does not fix them: below Linux's ephemeral range. */
const SOURCE_POOL: PortRange = { from: 40000, to: 48999 };

export function samplePorts(service: ServiceSet): { transport: Transport; port: number }[] {
  const out: { transport: Transport; port: number }[] = [];
  for (const transport of ['tcp', 'udp'] as const) {
    for (const range of service[transport].slice(0, MAX_RANGES_PER_TRANSPORT)) {
      const ports = [range.from, Math.floor((range.from + range.to) / 2), range.to];
      for (const port of new Set(ports)) out.push({ transport, port });
    }
  }
  return out;
}

/**
 * Hands out source ports, each (address, transport, port) once, never a port some probe listens on:
 * a socket cannot bind where a listener sits, and a reply must not meet another probe.
 */
export class SourcePorts {
  private readonly used = new Set<string>();

  constructor(private readonly avoid: ReadonlySet<number>) {}

  take(address: string, transport: Transport, ranges: readonly PortRange[] = [SOURCE_POOL]): number {
    for (const range of ranges) {
      for (let port = range.from; port <= range.to; port++) {
        const key = `${address}|${transport}|${port}`;
        if (this.avoid.has(port) || this.used.has(key)) continue;
        this.used.add(key);
        return port;
      }
    }
    // Every port of the flow's source range is taken: the first one again (the probe then fails
    // to bind and says so, rather than use a port the rules do not expect).
    return ranges[0]?.from ?? SOURCE_POOL.from;
  }
}

import type { DumpProblem, DumpRule } from '../dumpRule';
import type { AsaInterface, AsaInterfaces } from './asaInterfaces';
import { lineLocation } from './asaLines';
import { readerProblem } from './texts';

// Traffic entering an interface that no access list applies to (no inbound access-group and no
// global one) passes by its security level. Cisco ASA Series Firewall Configuration Guide, "Access
// Rules", Implicit Permits: "IPv4 [and IPv6] traffic from a higher security interface to a lower
// security interface" is allowed through by default; lower to higher needs an access rule, equal
// levels need `same-security-traffic permit inter-interface`, and traffic back out of the interface
// it came in `... intra-interface`. A first-match rule list says "toward a lower level" only as
// addresses, so each network the config places behind an interface (its connected networks, its
// routes) becomes one rule on the line that places it, longest prefix first as the ASA routes: allow
// when that interface is lower, deny otherwise. An address no route reaches is dropped (the deny
// after the last rule), which is also the reading when the config gives no addresses at all: it
// errs toward "blocked", never toward "passes".

export function securityLevelRules(entry: AsaInterface, topology: AsaInterfaces, problems: DumpProblem[]): DumpRule[] {
  const byName = new Map(topology.interfaces.map((known) => [known.name, known]));
  const routes = [...topology.interfaces.flatMap((known) => known.connected), ...topology.routes];
  // Connected networks come first at an equal prefix: the ASA prefers them to a static route.
  const ordered = routes
    .map((route, index) => ({ route, index }))
    .sort((a, b) => b.route.prefix - a.route.prefix || a.index - b.index);
  const rules: DumpRule[] = [];
  for (const { route } of ordered) {
    const exit = byName.get(route.interfaceName);
    if (!exit) continue;
    rules.push({
      location: lineLocation(route.line),
      name: `${entry.name} (security-level ${entry.level}) → ${exit.name} (security-level ${exit.level})`,
      action: passes(entry, exit, topology) ? 'allow' : 'deny',
      from: ['any'],
      to: route.addresses,
      services: [{ transport: 'ANY' }],
    });
  }
  for (const lower of topology.interfaces) {
    if (lower === entry || !passes(entry, lower, topology)) continue;
    if (routes.some((route) => route.interfaceName === lower.name)) continue;
    problems.push(
      readerProblem(
        lineLocation(lower.nameLine),
        'dump/asa/levelNoAddress',
        {
          entry: entry.name,
          name: lower.name,
          level: lower.level,
        },
        'warning',
      ),
    );
  }
  return rules;
}

function passes(entry: AsaInterface, exit: AsaInterface, topology: AsaInterfaces): boolean {
  if (exit === entry) return topology.intraInterface;
  if (exit.level === entry.level) return topology.interInterface;
  return exit.level < entry.level;
}

import { rangeAtPath } from '../yaml/parse';
import { suggestionText } from '../yaml/texts';
import type { Diagnostic } from '../types';
import { allVips } from '../model/settings';
import { report, type Rule, type RuleContext } from './rule';

// model/ reports the references it resolves (from, to, network, between) while building the
// model; those findings pass through as written there. This check adds the Edge settings that
// name other parts of the file: a VIP's network and the next hop.

const meta = {
  code: 'unknown-reference',
  severity: 'error',
  summary: 'from/to/network/between names nothing defined.',
  docs: "`from`, `to`, an interface's `network` or a firewall's `between` names nothing defined.",
  fixKinds: [],
  messages: {
    vipNetwork: "No network is named '{{network}}'.{{suggestion}}",
    nextHop: "edge.nextHop '{{nextHop}}' names no pool or server.{{suggestion}}",
  },
  details: {
    vipNetwork: 'Networks: {{networks}}.',
    nextHop:
      'Name the Director or Front End pool FQDN ' +
      'the Edge pool sends SIP to ("Define the next hop" in Topology Builder), such as {{example}}.',
  },
  reportedBy: ['model'],
} as const satisfies Rule['meta'];

function check({ parsed, model }: RuleContext): Diagnostic[] {
  const edge = model.settings.edge;
  const out: Diagnostic[] = [];
  const networkNames = model.networks.map((network) => network.name);
  for (const vip of allVips(model.settings)) {
    if (vip.network === undefined || networkNames.includes(vip.network)) continue;
    const data = {
      network: vip.network,
      suggestion: suggestionText(vip.network, networkNames),
      networks: networkNames.join(', ') || '(none defined)',
    };
    out.push(report(meta, 'vipNetwork', data, { range: rangeAtPath(parsed, [...vip.path, 'network']) }));
  }
  const nextHop = edge.nextHop;
  if (nextHop !== undefined && !model.pools.has(nextHop) && !model.servers.some((server) => server.name === nextHop)) {
    const frontEnds = model.servers.filter((server) => server.role === 'director' || server.role === 'frontEnd');
    const candidates = [...model.pools.keys(), ...frontEnds.map((server) => server.name)];
    const data = {
      nextHop,
      suggestion: suggestionText(nextHop, candidates),
      example: candidates[0] ?? 'pool01.contoso.com',
    };
    out.push(report(meta, 'nextHop', data, { range: rangeAtPath(parsed, ['edge', 'nextHop']) }));
  }
  return out;
}

export const unknownReference: Rule<typeof meta> = { meta, check };

// Realistic generated topologies for the bench: the SfB 2015 public-IP example (every feature on,
// every required flow present), plus the extra rules a large site accumulates: partner networks
// as distinct /24s and IPv6 /48s, single hosts, server and pool names, varied services (single
// ports, ranges, TLS/MTLS labels), about 5% deny, some rules in flow style and some in block
// style, spread over both firewalls. Deterministic: the same size gives the same text.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const BASE = readFileSync('examples/sfb2015-single-edge-public.topology.yaml', 'utf8');

// The fuzz's seeded PRNG (mulberry32, built to out/ by `npm run build`), so every run measures the same files.
const { random: prng } = createRequire(import.meta.url)('../../out/test/support/fuzz.js');

const SERVICES = [
  'HTTPS/TCP/443',
  'SIP/MTLS/TCP/5061',
  'SIP/TLS/TCP/443',
  'STUN/MSTURN/UDP/3478',
  'RTP/UDP/50000-59999',
  'RTP/TCP/50000-59999',
  'HTTP/TCP/80',
  'XMPP/TCP/5269',
  'DNS/UDP/53',
  'SNMP/UDP/161',
  'RDP/TCP/3389',
  'TCP/8443',
];
const EDGE_SIDE = ['edge01.accessEdge', 'edge01.webConferencingEdge', 'edge01.avEdge'];

/** The source of rule k: mostly a partner network of its own, so rules rarely overlap. */
function source(k, random) {
  const pick = random();
  const net = k + 256;
  if (pick < 0.55) return `${10 + ((net >> 16) & 127)}.${(net >> 8) & 255}.${net & 255}.0/24`;
  if (pick < 0.75) return `198.${18 + ((k >> 16) & 1)}.${(k >> 8) & 255}.${k & 255}`;
  if (pick < 0.85) return `2001:db8:${(k & 0xffff).toString(16)}::/48`;
  if (pick < 0.95) return `[${100 + (k & 127)}.${(k >> 7) & 255}.${(k >> 15) & 255}.0/25, 203.0.113.${k & 255}]`;
  return 'any';
}

function extraRule(k, random) {
  const inbound = random() < 0.75;
  const external = random() < 0.7;
  const service = !external
    ? `TCP/${2000 + (k % 40000)}`
    : random() < 0.3
      ? SERVICES[Math.floor(random() * SERVICES.length)]
      : `${random() < 0.8 ? 'TCP' : 'UDP'}/${10000 + (k % 30000)}${random() < 0.1 ? `-${10010 + (k % 30000)}` : ''}`;
  const ours = external ? EDGE_SIDE[Math.floor(random() * 3)] : 'edge01.internal';
  // Inside: management and monitoring hosts, each to its own port of the Edge's internal side.
  const theirs = external ? source(k, random) : `192.168.${16 + ((k >> 8) & 15)}.${k & 255}`;
  const from = inbound || !external ? theirs : ours;
  const to = inbound || !external ? ours : theirs;
  const deny = random() < 0.05;
  const fields = [
    `name: partner ${k}`,
    `service: ${service}`,
    `from: ${from}`,
    `to: ${to}`,
    ...(deny ? ['action: deny'] : []),
    // Why the rule exists, as the format asks of a rule no feature needs; one in ten leaves it
    // out (an unneeded-rule warning), as a file under review would.
    ...(k % 10 === 0 ? [] : [`reason: partner agreement ${k}`]),
  ];
  const flow = random() < 0.5;
  const text = flow ? `      - { ${fields.join(', ')} }\n` : `      - ${fields.join('\n        ')}\n`;
  return { external, text };
}

/** A topology file with `count` extra rules besides the example's own. */
export function topology(count) {
  const random = prng(count);
  const external = [];
  const internal = [];
  for (let k = 0; k < count; k++) {
    const rule = extraRule(k, random);
    (rule.external ? external : internal).push(rule.text);
  }
  const marker = '  internal:\n    between';
  if (!BASE.includes(marker) || !BASE.endsWith('\n')) throw new Error('the bench base example changed its layout');
  return BASE.replace(marker, `${external.join('')}${marker}`) + internal.join('');
}

/**
 * The text with one extra rule in the middle of the list edited (its port), the edit of a
 * keystroke: `round` picks the port, so consecutive rounds are different versions.
 */
export function oneRuleEdit(text, count, round) {
  const marker = `name: partner ${Math.floor(count / 2)}`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`the bench topology has no rule '${marker}'`);
  const service = text.indexOf('service: ', at) + 'service: '.length;
  const end = text.slice(service).search(/[,\n]/) + service;
  return `${text.slice(0, service)}TCP/${30000 + round}${text.slice(end)}`;
}

import {
  decodeDumpBytes,
  dumpInputOf,
  dumpProblemIn,
  type DumpInput,
  type Product,
  edgeServerNames,
  firewallNames,
  localizeDiagnostic,
  readDump,
  VerifyError,
  verifyTopology,
} from '../engine/index';
import { editDistance } from '../shared/editDistance';
import { Finding, formatText, terminalSafe, toFinding } from './findings';
import { readTopologyInput } from './input';
import { CliIO, readInputBytes, UsageError } from './io';
import { oneOf, parseFileCommand } from './options';
import { toSarif } from './sarif';
import { cliLocale, say } from './texts';
import { sayVerify } from './verifyTexts';
import { version } from './version';

// `lync-ports verify FILE --firewall NAME=DUMP [--chain NAME=CHAIN] [--dump-format [NAME=]ID]`: each
// dump read in place of that firewall's rules and checked as `check` checks, the findings on the
// dump's lines. Exit codes as check's; a dump that cannot be read as the firewall reads it is exit 2.

const FORMATS = ['text', 'json', 'sarif'] as const;

interface Wanted {
  firewall: string;
  dump: string;
  chain?: string;
  format?: string;
}

export async function runVerify(args: string[], io: CliIO): Promise<number> {
  const { values, file, product } = parseFileCommand('verify', args, {
    firewall: { type: 'string', multiple: true },
    chain: { type: 'string', multiple: true },
    'dump-format': { type: 'string', multiple: true },
    format: { type: 'string', short: 'f' },
    verbose: { type: 'boolean' },
  });
  const format = oneOf('verify', 'format', values.format as string | undefined, FORMATS, 'text');
  const pairs = ((values.firewall as string[] | undefined) ?? []).map((value) => pairOf('firewall', value));
  if (pairs.length === 0) throw new UsageError(sayVerify('noFirewall'));
  const text = readTopologyInput(file, io).text;
  const names = firewallNames(text);
  const servers = edgeServerNames(text);
  const wanted: Wanted[] = pairs.map(([firewall, dump]) => ({
    firewall: knownFirewall(firewall, names, servers),
    dump,
  }));
  const seen = new Set<string>();
  for (const { firewall } of wanted) {
    if (seen.has(firewall)) throw new UsageError(sayVerify('twice', { firewall }));
    seen.add(firewall);
  }
  for (const [firewall, chain] of ((values.chain as string[] | undefined) ?? []).map((v) => pairOf('chain', v)))
    forFirewall(wanted, firewall, 'chain').chain = chain;
  for (const value of (values['dump-format'] as string[] | undefined) ?? []) {
    if (!value.includes('=')) wanted.forEach((item) => (item.format = value));
    else {
      const [firewall, id] = pairOf('dump-format', value);
      forFirewall(wanted, firewall, 'dump-format').format = id;
    }
  }
  const inputs: DumpInput[] = wanted.map((item) => readOne(item, io));
  const result = verifyOrSay(text, inputs, product);
  const topologyName = file === '-' ? '<stdin>' : file;
  const dumpOf = new Map(wanted.map((item) => [item.firewall, item.dump]));
  const findings: Finding[] = result.findings.map(({ firewall, diagnostic }) =>
    toFinding(
      firewall === undefined ? topologyName : dumpOf.get(firewall)!,
      localizeDiagnostic(diagnostic, cliLocale()),
    ),
  );
  const order = [topologyName, ...wanted.map((item) => item.dump)];
  findings.sort(
    (a, b) =>
      order.indexOf(a.file) - order.indexOf(b.file) ||
      (a.file === topologyName ? 0 : a.line - b.line || a.column - b.column),
  );
  if (format === 'json') io.out(JSON.stringify(findings, null, 2) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(findings, version), null, 2) + '\n');
  else io.out(formatText(findings, 1 + wanted.length, values.verbose === true));
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}

/** What the topology keeps verify from doing (a firewall it cannot read) is one line and exit 2. */
function verifyOrSay(text: string, inputs: DumpInput[], product: Product | undefined) {
  try {
    return verifyTopology(text, inputs, { defaultProduct: product });
  } catch (error) {
    if (error instanceof VerifyError) throw new UsageError(`verify: ${error.message}`);
    throw error;
  }
}

/** `NAME=VALUE`, split at the first `=` (a path may hold more). */
function pairOf(option: string, value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new UsageError(sayVerify('pair', { option, value }));
  return [value.slice(0, at), value.slice(at + 1)];
}

/** A firewall's name, or an Edge server's (its host firewall). */
function knownFirewall(name: string, names: string[], servers: string[]): string {
  if (names.includes(name) || servers.includes(name)) return name;
  const guess = [...names, ...servers]
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter((item) => item.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0]?.candidate;
  throw new UsageError(
    sayVerify('unknownFirewall', {
      name,
      hint: guess ? sayVerify('didYouMean', { name: guess }) : '',
      firewalls: names.join(', ') || '-',
      servers: servers.join(', ') || '-',
    }),
  );
}

function forFirewall(wanted: Wanted[], firewall: string, option: string): Wanted {
  const item = wanted.find((candidate) => candidate.firewall === firewall);
  if (!item) throw new UsageError(sayVerify('notGiven', { option, firewall }));
  return item;
}

function readOne(item: Wanted, io: CliIO): DumpInput {
  const text = decodeDumpBytes(readInputBytes(item.dump, io));
  const read = readDump(text, { format: item.format, ruleList: item.chain });
  if (!read.ok) {
    if (read.reason === 'problem') {
      const { line, column } = read.problem.location;
      const hint = /chain/.test(read.problem.message) ? sayVerify('chainHint', { firewall: item.firewall }) : '';
      const said = dumpProblemIn(read.problem, cliLocale());
      throw new UsageError(
        terminalSafe(`verify: ${item.dump}:${line}:${column}: ${read.format.title}: ${said}${hint}`),
      );
    }
    throw new UsageError(
      read.reason === 'unknown-format'
        ? say('oneOf', {
            command: 'verify',
            option: 'dump-format',
            allowed: read.formats.join(', '),
            value: item.format ?? '',
          })
        : sayVerify('notRecognised', { dump: item.dump, formats: read.formats.join(', ') }),
    );
  }
  for (const warning of read.warnings) {
    const { line, column } = warning.location;
    io.err(
      terminalSafe(
        `lync-ports: ${item.dump}:${line}:${column}: ${sayVerify('warning')}: ${dumpProblemIn(warning, cliLocale())}`,
      ) + '\n',
    );
  }
  return dumpInputOf(item.firewall, read);
}

import {
  decodeDumpBytes,
  dumpProblemIn,
  DUMP_FORMATS,
  type DumpInput,
  type DumpRefusal,
  type Product,
  localizeDiagnostic,
  openDump,
  refusalText,
  unknownDumpName,
  VerifyError,
  verifyTopology,
} from '../engine/index';
import { Finding, formatText, terminalSafe, toFinding } from './findings';
import { readTopologyInput } from './input';
import { CliIO, readInputBytes, UsageError } from './io';
import { oneOf, parseFileCommand } from './options';
import { toSarif } from './sarif';
import { cliLocale } from './texts';
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
  // Every name before any dump is read: a typo is said first, with the names there are.
  const wanted: Wanted[] = pairs.map(([firewall, dump]) => {
    const unknown = unknownDumpName(text, firewall);
    if (unknown) throw refused(unknown, dump);
    return { firewall, dump };
  });
  const seen = new Set<string>();
  for (const { firewall } of wanted) {
    if (seen.has(firewall)) throw new UsageError(sayVerify('twice', { firewall }));
    seen.add(firewall);
  }
  for (const [firewall, chain] of ((values.chain as string[] | undefined) ?? []).map((v) => pairOf('chain', v)))
    forFirewall(wanted, firewall, 'chain').chain = chain;
  const formats = DUMP_FORMATS.map((format) => format.id);
  const formatId = (id: string) => oneOf('verify', 'dump-format', id, formats, formats[0]);
  for (const value of (values['dump-format'] as string[] | undefined) ?? []) {
    if (!value.includes('=')) wanted.forEach((item) => (item.format = formatId(value)));
    else {
      const [firewall, id] = pairOf('dump-format', value);
      forFirewall(wanted, firewall, 'dump-format').format = formatId(id);
    }
  }
  const inputs: DumpInput[] = wanted.map((item) => readOne(text, item, io));
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

/** What keeps a dump from being verified, as the one line of exit 2. */
function refused(refusal: DumpRefusal, dump: string): UsageError {
  return new UsageError(terminalSafe(`verify: ${refusalText(refusal, { dump, locale: cliLocale() })}`));
}

function forFirewall(wanted: Wanted[], firewall: string, option: string): Wanted {
  const item = wanted.find((candidate) => candidate.firewall === firewall);
  if (!item) throw new UsageError(sayVerify('notGiven', { option, firewall }));
  return item;
}

function readOne(topology: string, item: Wanted, io: CliIO): DumpInput {
  const text = decodeDumpBytes(readInputBytes(item.dump, io));
  const opened = openDump(topology, { name: item.firewall, text, format: item.format, ruleList: item.chain });
  if (!opened.ok) throw refused(opened.refusal, item.dump);
  for (const warning of opened.warnings) {
    const { line, column } = warning.location;
    io.err(
      terminalSafe(
        `lync-ports: ${item.dump}:${line}:${column}: ${sayVerify('warning')}: ${dumpProblemIn(warning, cliLocale())}`,
      ) + '\n',
    );
  }
  return opened.input;
}

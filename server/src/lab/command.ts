import { spawnSync } from 'node:child_process';
import {
  checkTopology,
  labPlan,
  type LabEnd,
  type LabPlan,
  type LabProbe,
  type LabUnprobed,
  t,
  yamlDoesNotParse,
} from '../engine/index';
import { readInput } from '../cli/input';
import { type CliIO, UsageError } from '../cli/io';
import { oneOf, parseFileCommand } from '../cli/options';
import { cliLocale, counted } from '../cli/texts';
import { labSay as say, type LabTextKey as TextKey } from './texts';
import { type ProbeResult, runLabPlan } from './executor';
import { LabSetupError } from './namespaces';

/**
 * `lync-ports lab FILE [--format text|json] [--timeout MS]`: builds the topology's networks and
 * firewalls as network namespaces with the nftables export loaded, sends the probes and prints
 * what each got. Exit 0 when every probe got what was expected, 1 otherwise (or when the YAML
 * does not parse), 2 for usage, permission or a lab that cannot be built.
 */
export async function runLab(args: string[], io: CliIO): Promise<number> {
  const { values, file, product } = parseFileCommand('lab', args, {
    format: { type: 'string', short: 'f' },
    timeout: { type: 'string' },
  });
  const format = oneOf('lab', 'format', values.format as string | undefined, ['text', 'json'] as const, 'text');
  const timeoutText = (values.timeout as string | undefined) ?? '2000';
  const timeout = /^\d+$/.test(timeoutText) ? Number(timeoutText) : NaN;
  if (!(timeout >= 100 && timeout <= 30_000)) throw new UsageError(say('badTimeout', { value: timeoutText }));
  if (process.platform !== 'linux') throw new UsageError(say('needsLinux', { platform: process.platform }));
  if (process.getuid?.() !== 0) throw new UsageError(say('needsRoot'));
  for (const [tool, flag] of [
    ['ip', '-V'],
    ['nft', '--version'],
  ])
    if (spawnSync(tool, [flag], { encoding: 'utf8' }).error) throw new UsageError(say('needsTool', { tool }));

  const result = checkTopology(readInput(file, io), { defaultProduct: product });
  if (yamlDoesNotParse(result)) {
    io.err(`lync-ports: ${say('noParse', { file })}\n`);
    return 1;
  }
  const planned = labPlan(result);
  if (!planned.ok) throw new UsageError(say('cannotPlan', { file, reason: t(cliLocale(), planned.id, planned.data) }));
  const { plan } = planned;
  // Zero probes would print "0 as expected" and exit 0: a proof of nothing, as if it passed.
  if (!plan.probes.some((probe) => probe.kind === 'required')) {
    io.err(`lync-ports: ${say('nothingToProve', { file })}\n`);
    return 1;
  }
  const prefix = `lpl-${process.pid}-`;
  let results: ProbeResult[];
  try {
    results = await runLabPlan(plan, { prefix, probeTimeoutMs: timeout });
  } catch (error) {
    if (error instanceof LabSetupError) throw new UsageError(say('setupFailed', { reason: error.message }));
    throw error;
  }
  const unexpected = results.filter((item, k) => item.got !== plan.probes[k].expected).length;
  if (format === 'json') io.out(JSON.stringify(jsonReport(file, prefix, plan, results, unexpected), null, 2) + '\n');
  else io.out(textReport(plan, results, unexpected));
  return unexpected === 0 ? 0 : 1;
}

/** An end as the reader's language names it: the file's name, or our words for a sample host or a NAT address. */
function endText(plan: LabPlan, end: LabEnd): string {
  if (end.kind === 'public') return say('end/public', { label: end.label });
  if (end.kind !== 'sample') return end.label;
  const zone = plan.namespaces.find((namespace) => namespace.id === end.namespace)?.zone;
  return zone === 'external' ? say('end/internet') : say('end/host', { network: end.label });
}

function jsonReport(file: string, prefix: string, plan: LabPlan, results: ProbeResult[], unexpected: number) {
  return {
    file,
    // The names the namespaces had on the host while the lab ran (all deleted since).
    namespaces: plan.namespaces.map((namespace) => ({ ...namespace, host: `${prefix}${namespace.id}` })),
    probes: plan.probes.map((probe, k) => ({
      ...probe,
      got: results[k].got,
      detail: results[k].detail,
      seen: results[k].seen,
    })),
    unprobed: plan.unprobed,
    summary: {
      probes: plan.probes.length,
      asExpected: plan.probes.length - unexpected,
      unexpected,
      unprobed: plan.unprobed.length,
    },
  };
}

function outcome(got: ProbeResult['got'], detail?: string): string {
  const word = say(`${got}` as TextKey);
  return got === 'error' && detail ? `${word} (${detail})` : word;
}

function probeLine(plan: LabPlan, probe: LabProbe, result: ProbeResult): string {
  const flow = probe.flow ?? '';
  const what =
    probe.kind === 'required'
      ? say('required', { flow, service: probe.service ?? '' })
      : say('negative', { why: say(`why/${probe.why ?? 'sensitive'}` as TextKey, { flow }) });
  return say('line', {
    mark: say(result.got === probe.expected ? 'ok' : 'fail'),
    id: probe.id,
    what,
    firewalls: probe.firewalls.join(' > '),
    from: `${endText(plan, probe.from)} ${probe.from.address}`,
    to:
      `${endText(plan, probe.to)} ${probe.to.address}` +
      (probe.arrivesAt ? say('arrivesAt', { address: probe.arrivesAt.address }) : ''),
    transport: probe.transport,
    port: probe.port,
    expected: outcome(probe.expected),
    got: outcome(result.got, result.detail),
  });
}

function unprobedLine(plan: LabPlan, item: LabUnprobed): string {
  const ends = item.from && item.to ? `${endText(plan, item.from)} -> ${endText(plan, item.to)}: ` : '';
  return say('unprobed', { flow: item.flow, ends, reason: say(`reason/${item.reason}` as TextKey) });
}

function textReport(plan: LabPlan, results: ProbeResult[], unexpected: number): string {
  const lines = [
    ...plan.probes.map((probe, k) => probeLine(plan, probe, results[k])),
    ...plan.unprobed.map((item) => unprobedLine(plan, item)),
    say('summary', {
      probes: counted(plan.probes.length, 'probe'),
      asExpected: plan.probes.length - unexpected,
      unexpected,
      unprobed: plan.unprobed.length,
    }),
  ];
  return lines.join('\n') + '\n';
}

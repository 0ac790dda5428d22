import { spawnSync } from 'node:child_process';
import {
  checkTopology,
  labPlan,
  type LabPlan,
  type LabProbe,
  type LabUnprobed,
  yamlDoesNotParse,
} from '../engine/index';
import { readInput } from '../cli/input';
import { type CliIO, UsageError } from '../cli/io';
import { oneOf, parseFileCommand } from '../cli/options';
import { counted } from '../cli/texts';
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
  if (!planned.ok) throw new UsageError(say('cannotPlan', { file, reason: planned.reason }));
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

function jsonReport(file: string, prefix: string, plan: LabPlan, results: ProbeResult[], unexpected: number) {
  return {
    file,
    // The names the namespaces had on the host while the lab ran (all deleted since).
    namespaces: plan.namespaces.map((namespace) => ({ ...namespace, host: `${prefix}${namespace.id}` })),
    probes: plan.probes.map((probe, k) => ({ ...probe, got: results[k].got, detail: results[k].detail })),
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

function probeLine(probe: LabProbe, result: ProbeResult): string {
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
    from: `${probe.from.label} ${probe.from.address}`,
    to: `${probe.to.label} ${probe.to.address}`,
    transport: probe.transport,
    port: probe.port,
    expected: outcome(probe.expected),
    got: outcome(result.got, result.detail),
  });
}

function unprobedLine(item: LabUnprobed): string {
  const ends = item.from !== undefined ? `${item.from} -> ${item.to}: ` : '';
  return say('unprobed', { flow: item.flow, ends, reason: say(`reason/${item.reason}` as TextKey) });
}

function textReport(plan: LabPlan, results: ProbeResult[], unexpected: number): string {
  const lines = [
    ...plan.probes.map((probe, k) => probeLine(probe, results[k])),
    ...plan.unprobed.map(unprobedLine),
    say('summary', {
      probes: counted(plan.probes.length, 'probe'),
      asExpected: plan.probes.length - unexpected,
      unexpected,
      unprobed: plan.unprobed.length,
    }),
  ];
  return lines.join('\n') + '\n';
}

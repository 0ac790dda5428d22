import type { AddressFamily, DumpFormat, DumpProblem, DumpReading } from './dumpRule';
import type { DumpInput } from './verify';
import { DUMP_FORMATS } from './readers';

// One dump as verify reads it: the format named, or the first that recognises the text.

export type DumpRead =
  | { ok: true; format: DumpFormat; reading: DumpReading; outbound?: DumpReading; warnings: DumpProblem[] }
  | { ok: false; reason: 'unknown-format' | 'not-recognised'; formats: string[] }
  | { ok: false; reason: 'problem'; format: DumpFormat; problem: DumpProblem };

export function readDump(
  text: string,
  options: { format?: string; ruleList?: string; host?: boolean; hostFamilies?: readonly AddressFamily[] },
): DumpRead {
  const formats = DUMP_FORMATS.map((format) => format.id);
  const format =
    options.format === undefined
      ? DUMP_FORMATS.find((candidate) => candidate.recognizes(text))
      : DUMP_FORMATS.find((candidate) => candidate.id === options.format);
  if (!format)
    return { ok: false, reason: options.format === undefined ? 'not-recognised' : 'unknown-format', formats };
  // A host's firewall keeps what reaches it and what leaves it apart, each list with its own
  // default (Windows' Inbound and Outbound; iptables' INPUT and OUTPUT; nft's input and output
  // hooks): without a list named, a host is verified against both, each for its own direction.
  // A Windows dump has no other reading, whatever it is named for.
  const bothDirections = format.hostDirections && (options.host === true || format.id === 'windows-firewall');
  if (bothDirections && options.ruleList === undefined) {
    const families = options.hostFamilies ? { hostFamilies: options.hostFamilies } : {};
    const reading = format.read(text, { hostList: 'inbound', ...families });
    const outbound = format.read(text, { hostList: 'outbound', ...families });
    const problems = [...reading.problems, ...outbound.problems].filter(
      (problem, index, all) => all.findIndex((other) => sameProblem(other, problem)) === index,
    );
    const problem = problems.find((candidate) => candidate.severity === 'error');
    if (problem) return { ok: false, reason: 'problem', format, problem };
    return { ok: true, format, reading, outbound, warnings: problems };
  }
  const reading = format.read(text, options.ruleList === undefined ? {} : { ruleList: options.ruleList });
  const problem = reading.problems.find((candidate) => candidate.severity === 'error');
  if (problem) return { ok: false, reason: 'problem', format, problem };
  return { ok: true, format, reading, warnings: reading.problems };
}

function sameProblem(a: DumpProblem, b: DumpProblem): boolean {
  return a.message === b.message && a.location.line === b.location.line && a.location.column === b.location.column;
}

/** What verify takes for a firewall (or an Edge server) from a dump read whole. */
export function dumpInputOf(firewall: string, read: Extract<DumpRead, { ok: true }>): DumpInput {
  return { firewall, reading: read.reading, ...(read.outbound ? { outbound: read.outbound } : {}) };
}

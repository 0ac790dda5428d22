import type { DumpFormat, DumpProblem, DumpReading } from './dumpRule';
import { DUMP_FORMATS } from './readers';

// One dump as verify reads it: the format named, or the first that recognises the text.

export type DumpRead =
  | { ok: true; format: DumpFormat; reading: DumpReading; warnings: DumpProblem[] }
  | { ok: false; reason: 'unknown-format' | 'not-recognised'; formats: string[] }
  | { ok: false; reason: 'problem'; format: DumpFormat; problem: DumpProblem };

export function readDump(text: string, options: { format?: string; ruleList?: string }): DumpRead {
  const formats = DUMP_FORMATS.map((format) => format.id);
  const format =
    options.format === undefined
      ? DUMP_FORMATS.find((candidate) => candidate.recognizes(text))
      : DUMP_FORMATS.find((candidate) => candidate.id === options.format);
  if (!format)
    return { ok: false, reason: options.format === undefined ? 'not-recognised' : 'unknown-format', formats };
  const reading = format.read(text, options.ruleList === undefined ? {} : { ruleList: options.ruleList });
  const problem = reading.problems.find((candidate) => candidate.severity === 'error');
  if (problem) return { ok: false, reason: 'problem', format, problem };
  return { ok: true, format, reading, warnings: reading.problems };
}

import { decodeTopologyBytes, fixAll, fixTitleIn, localizeDiagnostic } from '../engine/index';
import { findingLine, formatText, terminalSafe, toFinding } from './findings';
import { decodeFaithfully, encodeFaithfully } from './encoding';
import { CliIO, readInputBytes, UsageError, writeOutput } from './io';
import { parseFileCommand } from './options';
import { cliLocale, counted, say } from './texts';

/**
 * Applies every safe quick fix. Without --write the fixed text goes to standard output, so it can
 * be reviewed or piped; the report of what changed goes to standard error either way.
 */
export async function runFix(args: string[], io: CliIO): Promise<number> {
  const { values, file, product } = parseFileCommand('fix', args, { write: { type: 'boolean', short: 'w' } });
  if (values.write && file === '-') throw new UsageError(say('fixStdin'));
  const bytes = readInputBytes(file, io);
  // With --write every byte no fix touched goes back as it was (encoding.ts).
  const source = values.write
    ? decodeFaithfully(bytes)
    : { text: decodeTopologyBytes(bytes).text, encoding: 'utf8' as const };
  const result = fixAll(source.text, { defaultProduct: product });
  if (values.write) {
    if (result.changed) writeOutput(file, encodeFaithfully(result.text, source.encoding));
  } else {
    io.out(result.text);
  }
  // Fix titles quote rule names from the file: escaped like every finding.
  const locale = cliLocale();
  for (const fix of result.appliedFixes)
    io.err(`${say('fixedLine', { title: terminalSafe(fixTitleIn(fix, locale)) })}\n`);
  for (const { fix, why } of result.dropped) {
    const title = terminalSafe(fixTitleIn(fix, locale));
    io.err(`${say('notAppliedLine', { title, reason: say(`dropped/${why}`) })}\n`);
  }
  const remaining = result.remaining.map((diagnostic) => toFinding(file, localizeDiagnostic(diagnostic, locale)));
  const fixes = counted(result.applied.length, 'fix');
  const applied = say(values.write ? 'appliedTo' : 'applied', { fixes, file });
  io.err(`${result.applied.length === 0 ? say('nothingToFix') : applied}\n`);
  // An info finding (Microsoft's words on the topology's shape) asks for no change, so it is not work left to do.
  const toDo = remaining.filter((finding) => finding.severity !== 'info');
  const notes = remaining.filter((finding) => finding.severity === 'info');
  if (toDo.length > 0) io.err(`${say('toDo')}\n${formatText(toDo, 1)}`);
  if (notes.length > 0)
    io.err(`${say('forInformation')}\n${notes.map((finding) => `${findingLine(finding)}\n`).join('')}`);
  return remaining.some((finding) => finding.severity === 'error') ? 1 : 0;
}

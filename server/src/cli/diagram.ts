import { basename, extname } from 'node:path';
import { checkTopology, localizeFlowModel, renderDiagramSvg } from '../engine/index';
import { readInput } from './input';
import { CliIO, UsageError, writeOutput } from './io';
import { parseFileCommand } from './options';
import { svgToPng } from './png';
import { cliLocale, say } from './texts';

/**
 * Writes the firewall flow diagram as a standalone SVG: the drawing the webview shows, with its
 * colours inline so it looks right in a browser, a wiki or a document; `-o NAME.png` rasterizes it.
 * Any other extension is refused rather than given bytes it does not promise. Exit 0 whatever the
 * flows' status: this command draws, `check` judges.
 */
export async function runDiagram(args: string[], io: CliIO): Promise<number> {
  const { values, file, product } = parseFileCommand('diagram', args, { output: { type: 'string', short: 'o' } });
  const output = values.output as string | undefined;
  if (output === '') throw new UsageError('diagram: -o needs a file name');
  const kind = output === undefined || output === '-' ? '.svg' : extname(output).toLowerCase();
  if (kind !== '.svg' && kind !== '.png')
    throw new UsageError(
      `diagram: -o ${output}: the diagram is written as .svg or .png, not '${kind || 'no extension'}'`,
    );
  const text = readInput(file, io);
  const checked = checkTopology(text, { defaultProduct: product });
  const locale = cliLocale();
  const flowModel = localizeFlowModel(checked.flowModel, checked.diagnostics, locale);
  const title = file === '-' ? undefined : basename(file);
  const svg = renderDiagramSvg(flowModel, { standalone: true, title, locale });
  if (output === undefined || output === '-') {
    io.out(svg);
  } else {
    writeOutput(output, kind === '.png' ? svgToPng(svg) : svg);
    const { allowed, required } = flowModel.summary;
    io.err(`${say('wroteDiagram', { output, allowed, required })}\n`);
  }
  return 0;
}

import { UsageError } from './io';

// PNG from the diagram's SVG, through resvg (a maintained Rust SVG renderer, on npm with prebuilt
// binaries). It is loaded only when a PNG is asked for: every other command starts without it.

type Resvg = typeof import('@resvg/resvg-js');

/** The drawing at twice its size (sharp on a slide or in print), on white, with the system's fonts. */
export function svgToPng(svg: string): Uint8Array {
  let resvg: Resvg;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    resvg = require('@resvg/resvg-js') as Resvg;
  } catch (error) {
    throw new UsageError(
      `a PNG needs the package @resvg/resvg-js for this platform (${process.platform}-${process.arch}), ` +
        `which did not load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. ` +
        'Write an .svg instead, or install lync-ports with its dependencies.',
    );
  }
  const renderer = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}

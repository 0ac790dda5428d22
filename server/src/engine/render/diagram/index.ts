// The firewall flow diagram: the one drawing that the webview shows, `lync-ports diagram` writes
// and "Export SVG" saves. Pure functions of the flow model; no DOM, no VS Code.
import { layoutDiagram } from './layout';
import type { DiagramLayout, LayoutOptions } from './layoutTypes';
import { renderLayoutSvg } from './svg';
import type { FlowModel } from '../../types';

export { layoutDiagram };
export type { DiagramLayout, LayoutOptions };

export interface DiagramSvgOptions extends LayoutOptions {
  /** true: colours inline, for a file on its own; false: CSS classes for the themed webview. */
  standalone: boolean;
}

export function renderDiagramSvg(model: FlowModel, options: DiagramSvgOptions): string {
  return renderLayoutSvg(layoutDiagram(model, { title: options.title, locale: options.locale }), {
    standalone: options.standalone,
  });
}

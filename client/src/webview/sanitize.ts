// Keeps only the SVG elements and attributes our renderer emits. The renderer escapes every
// user string and the CSP forbids inline script anyway; this is the third wall, so that a bug in
// either one still cannot turn a name from the user's file into live markup.

const ELEMENTS = new Set(['svg', 'g', 'title', 'rect', 'text', 'line', 'circle', 'polygon', 'path']);
const ATTRIBUTES = new Set([
  'xmlns',
  'viewBox',
  'width',
  'height',
  'class',
  'role',
  'tabindex',
  'aria-label',
  'aria-hidden',
  'font-size',
  'font-weight',
  'font-family',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'points',
  'd',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'fill-opacity',
  'opacity',
  'text-anchor',
  'data-flow-id',
  'data-node-id',
  'data-firewall-id',
  'data-extra-index',
  'data-status',
]);
// Paint values: colours, 'none', 'transparent'; never url(...) or anything else that could fetch.
const SAFE_PAINT = /^(#[0-9a-fA-F]{3,8}|none|transparent|[a-z]+)$/;

export interface SanitizeReport {
  removedElements: number;
  removedAttributes: number;
}

export function sanitizeSvg(root: Element): SanitizeReport {
  const report: SanitizeReport = { removedElements: 0, removedAttributes: 0 };
  const walk = (element: Element) => {
    for (const child of Array.from(element.children)) {
      if (!ELEMENTS.has(child.localName) || child.namespaceURI !== 'http://www.w3.org/2000/svg') {
        child.remove();
        report.removedElements++;
        continue;
      }
      walk(child);
    }
    for (const attribute of Array.from(element.attributes)) {
      const unsafePaint =
        (attribute.name === 'fill' || attribute.name === 'stroke') && !SAFE_PAINT.test(attribute.value);
      const foreignNamespace = attribute.namespaceURI !== null && attribute.name !== 'xmlns';
      if (!ATTRIBUTES.has(attribute.name) || foreignNamespace || unsafePaint) {
        element.removeAttributeNode(attribute);
        report.removedAttributes++;
      }
    }
  };
  walk(root);
  return report;
}

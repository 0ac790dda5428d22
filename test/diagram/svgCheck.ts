// A strict reader for the renderer's output, so tests can assert what the SVG holds without a
// DOM: it accepts only well-formed markup made of the elements and attributes the renderer is
// meant to emit, and fails on anything else (a stray tag or handler from an unescaped name).

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  children: SvgElement[];
  text: string;
}

const ELEMENTS = new Set(['svg', 'g', 'title', 'rect', 'text', 'line', 'circle', 'polygon', 'path']);
const ENTITY = /&(amp|lt|gt|quot|#39);/g;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export function decode(text: string): string {
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`bare & in ${JSON.stringify(text.slice(0, 80))}`);
  return text.replace(ENTITY, (_, name: string) => DECODE[name]);
}

export function parseSvg(source: string): SvgElement {
  const text = source.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const root: SvgElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: SvgElement[] = [root];
  const token = /<\/([a-z]+)>|<([a-z]+)((?:\s+[a-zA-Z][a-zA-Z0-9:-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let position = 0;
  while (position < text.length && (match = token.exec(text)) !== null) {
    position = token.lastIndex;
    const [, close, open, attributeText, selfClosing, content] = match;
    const top = stack[stack.length - 1];
    if (close) {
      if (top.name !== close) throw new Error(`</${close}> closes <${top.name}>`);
      stack.pop();
    } else if (open) {
      if (!ELEMENTS.has(open)) throw new Error(`unexpected element <${open}>`);
      const attributes: Record<string, string> = {};
      for (const [, name, value] of attributeText.matchAll(/\s+([a-zA-Z][a-zA-Z0-9:-]*)="([^"]*)"/g)) {
        if (name in attributes) throw new Error(`attribute ${name} twice on <${open}>`);
        if (/^on/i.test(name)) throw new Error(`event handler attribute ${name} on <${open}>`);
        attributes[name] = decode(value);
      }
      const element: SvgElement = { name: open, attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    } else if (content !== undefined) {
      if (content.trim() !== '' && !['text', 'title'].includes(top.name))
        throw new Error(`text outside <text>/<title>: ${content.slice(0, 40)}`);
      top.text += decode(content);
    }
  }
  if (position !== text.length)
    throw new Error(
      `cannot read the SVG at offset ${position}: ${JSON.stringify(text.slice(position, position + 60))}`,
    );
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1 || root.children[0].name !== 'svg') throw new Error('the document is not one <svg>');
  return root.children[0];
}

export function* walk(element: SvgElement): Generator<SvgElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

export function findAll(root: SvgElement, predicate: (element: SvgElement) => boolean): SvgElement[] {
  return [...walk(root)].filter(predicate);
}

export function classes(element: SvgElement): string[] {
  return (element.attributes.class ?? '').split(/\s+/).filter(Boolean);
}

/** All text of an element and its descendants. */
export function textOf(element: SvgElement): string {
  return [element.text, ...element.children.map(textOf)].join('');
}

import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportError } from './importError';

/** One element of the XML, with its namespace, its attributes by local name and where it starts. */
export interface XmlElement {
  uri: string;
  name: string;
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  column: number;
}

// A topology export declares no DTD. A DOCTYPE (or an entity declaration) is refused before the
// parser sees a byte, so nothing is ever expanded: no entity bomb, no external entity, no fetch.
const DECLARATION = /<!(DOCTYPE|ENTITY)/i;

/** The text's XML as a tree of elements; refuses a DTD and reports malformed XML with its line and column. */
export function readXml(text: string): XmlElement {
  refuseDeclarations(text);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: ImportError | undefined;
  parser.on('error', (error) => {
    failure ??= new ImportError('malformed', saxesReason(error.message), parser.line, parser.column + 1);
  });
  let start = { line: 1, column: 1 };
  // Told after the name and the character that ends it: the element starts at its '<' before the name.
  parser.on('opentagstart', (tag) => {
    start = { line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1) };
  });
  parser.on('opentag', (tag) => {
    const element = elementOf(tag as SaxesTagNS, start.line, start.column);
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (chunk) => {
    if (stack.length > 0) stack[stack.length - 1].text += chunk;
  });
  parser.on('cdata', (chunk) => {
    if (stack.length > 0) stack[stack.length - 1].text += chunk;
  });
  // saxes goes on after an error; the first one is the one to report.
  parser.write(text).close();
  if (failure) throw failure;
  if (!root) throw new ImportError('malformed', 'the file holds no XML element');
  return root;
}

function refuseDeclarations(text: string): void {
  const match = DECLARATION.exec(text);
  if (!match) return;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  const kind = match[1].toUpperCase() === 'DOCTYPE' ? 'doctype' : 'entity';
  throw new ImportError(
    kind,
    `the file declares a ${kind === 'doctype' ? 'DOCTYPE' : 'entity'}; a topology export has none, ` +
      'and DTDs are refused unread (no entity is expanded or fetched)',
    line,
    column,
  );
}

function elementOf(tag: SaxesTagNS, line: number, column: number): XmlElement {
  const attributes = new Map<string, string>();
  for (const attribute of Object.values(tag.attributes)) {
    // Namespace declarations are not data; every other attribute is read by its local name.
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    attributes.set(attribute.local, attribute.value);
  }
  return { uri: tag.uri, name: tag.local, attributes, children: [], text: '', line, column };
}

/** saxes prefixes its messages with the position, which the ImportError carries on its own. */
function saxesReason(message: string): string {
  return message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '');
}

/** The children named `name`, whatever their namespace (the wrapper mixes the topology's with its own). */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => child.name === name) : [];
}

export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.name === name);
}

/** The elements at the end of a path of names below `element`. */
export function descendantsAt(element: XmlElement | undefined, path: readonly string[]): XmlElement[] {
  let level = element ? [element] : [];
  for (const name of path) level = level.flatMap((item) => childrenNamed(item, name));
  return level;
}

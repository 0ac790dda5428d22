import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Range,
  Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { defineRangeAccessor } from './rangeAccessor';
import { nodeAt } from './parse';
import { lineStart, nextLineStart } from './edits';
import { LazyRuleItem, makeItemsLazy } from './lazyItems';
import { standsAlone } from './ruleSplice';

// The parsed document a check session keeps between versions (session.ts), made smaller: its
// scalars hold most of its memory (a 20k-rule file's ~46 MB), and of each the checks, fixes and
// editor features read only the value and the range. A compact scalar keeps those two, the range
// as three numbers of its own instead of an array (the `range` it is read by makes the array on
// each read), key texts once per distinct key, and lists without the room they grew. `source`,
// `type` and `format` (what the library's stringify would need to write the scalar back as it
// was written) are dropped: nothing stringifies the document, edits are made on the text. The rule
// items, most of what is left at 20k rules (~20 MB of ~75), keep no nodes at all (lazyItems.ts).

class CompactScalar extends Scalar {
  declare rangeStart: number;
  declare rangeValueEnd: number;
  declare rangeEnd: number;

  constructor(value: unknown, range: Range) {
    super(value);
    this.rangeStart = range[0];
    this.rangeValueEnd = range[1];
    this.rangeEnd = range[2];
  }
}

defineRangeAccessor(CompactScalar.prototype);

/** Key texts seen, each once (a rule file has a few dozen distinct keys); bounded all the same. */
const keyTexts = new Map<string, string>();
const MAX_KEY_TEXTS = 4096;

function keyText(text: string): string {
  const known = keyTexts.get(text);
  if (known !== undefined) return known;
  if (keyTexts.size < MAX_KEY_TEXTS) keyTexts.set(text, text);
  return text;
}

/**
 * The scalar as a compact one, or the scalar itself when it carries more than a value and a
 * range (an anchor, a tag, a comment), is compact already, or has no range.
 */
function compactScalar(node: unknown, isKey: boolean): unknown {
  if (!isScalar(node) || node instanceof CompactScalar) return node;
  const { anchor, tag, comment, commentBefore, range } = node;
  if (anchor || tag || comment || commentBefore || !range) return node;
  const value = isKey && typeof node.value === 'string' ? keyText(node.value) : node.value;
  return new CompactScalar(value, range);
}

/** Compacts the scalars in `node` and below, in place (the collections stay the same objects). */
export function compactTree(node: unknown): void {
  if ((!isMap(node) && !isSeq(node)) || node instanceof LazyRuleItem) return;
  const collection = node as YAMLMap | YAMLSeq;
  const items = collection.items as unknown[];
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    if (isPair(item)) {
      item.key = compactScalar(item.key, true);
      item.value = compactScalar(item.value, false);
      compactTree(item.value);
    } else {
      items[k] = compactScalar(item, false);
      compactTree(item);
    }
  }
  // A list built by pushing keeps room to grow by half; the kept one never grows in place.
  if (items.length > 0) collection.items = items.slice() as typeof collection.items;
}

/**
 * Compacts every scalar of the document, `text`'s parse; of a document without errors, the rule
 * items that read alone become lazy (lazyItems.ts).
 */
export function compactDocument(doc: Document.Parsed, text: string): void {
  const firewalls = nodeAt(doc, ['firewalls']);
  if (isMap(firewalls))
    for (const pair of (firewalls as YAMLMap).items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') lazyRules(doc, text, pair.key.value, 0, Infinity);
    }
  compactTree(doc.contents);
}

/** Compacts the firewall's rules first..first + count - 1 (those a splice put there) and below, or makes them lazy. */
export function compactRuleItems(
  doc: Document.Parsed,
  text: string,
  firewall: string,
  first: number,
  count: number,
): void {
  const list = nodeAt(doc, ['firewalls', firewall, 'rules']);
  if (!isSeq(list)) return;
  lazyRules(doc, text, firewall, first, first + count);
  const items = (list as YAMLSeq).items as unknown[];
  for (let k = first; k < first + count && k < items.length; k++) {
    items[k] = compactScalar(items[k], false);
    compactTree(items[k]);
  }
}

/** The firewall's block list of rules, its items from..to - 1 made lazy where their lines read alone. */
function lazyRules(doc: Document.Parsed, text: string, firewall: string, from: number, to: number): void {
  if (doc.errors.length > 0 || doc.warnings.length > 0) return;
  // A directive (`%YAML 1.1`) changes how a scalar reads; an item's lines parsed alone have none.
  if (doc.directives?.yaml.explicit || doc.directives?.yaml.version !== '1.2') return;
  const list = nodeAt(doc, ['firewalls', firewall, 'rules']);
  if (!isSeq(list) || (list as YAMLSeq).flow || !list.range) return;
  const items = (list as YAMLSeq).items as unknown[];
  const dash = list.range[0] - lineStart(text, list.range[0]);
  const lineOf = (k: number): number | undefined => {
    if (k < items.length) {
      const range = (items[k] as Node | null)?.range;
      return range ? lineStart(text, range[0]) : undefined;
    }
    const last = (items[items.length - 1] as Node | null)?.range;
    if (!last) return undefined;
    let end = last[1];
    while (end > last[0] && /\s/.test(text[end - 1])) end--;
    return nextLineStart(text, end);
  };
  const alone = (k: number): boolean => {
    const start = lineOf(k);
    const end = lineOf(k + 1);
    return start !== undefined && end !== undefined && end > start && standsAlone(text.slice(start, end), dash);
  };
  makeItemsLazy(doc, text, compactTree, { items, dash, from, to: Math.min(to, items.length) }, alone);
}

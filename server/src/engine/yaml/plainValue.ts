import { Document, isMap, isPair, isScalar, isSeq, YAMLParseError } from 'yaml';
import { duplicateKeyError } from './duplicateKeys';

// The plain value of a document without aliases, anchors, tags or merge keys (what the check
// reads, nearly every topology), in one walk that also finds its duplicate keys: the library's
// toJS and addDuplicateKeyErrors each walked every node, with the library's generic machinery.
// Anything else gives NOT_PLAIN, and the caller takes the general path.

export const NOT_PLAIN = Symbol('not plain');

/** Thrown to leave the walk at the first node the plain path does not cover. */
class NotPlain extends Error {}

/**
 * `doc.toJS()` for a document without errors, with the DUPLICATE_KEY errors of
 * addDuplicateKeyErrors added to `doc.errors`; NOT_PLAIN (and nothing added) for any other.
 */
export function plainValueAndDuplicateKeys(doc: Document.Parsed): unknown {
  if (doc.errors.length > 0) return NOT_PLAIN;
  const found: YAMLParseError[] = [];
  let value: unknown;
  try {
    value = plain(doc.contents, found);
  } catch (error) {
    // A nesting too deep for the stack is the general path's to report.
    if (error instanceof NotPlain || error instanceof RangeError) return NOT_PLAIN;
    throw error;
  }
  // In the order of the text: the walk goes in document order.
  doc.errors.push(...found);
  return value;
}

function plain(node: unknown, found: YAMLParseError[]): unknown {
  if (node === null || node === undefined) return node;
  // An alias is no scalar, map or list: it ends the walk below.
  if ((node as { anchor?: string }).anchor || (node as { tag?: string }).tag) throw new NotPlain();
  if (isScalar(node)) return node.value;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    // The values of the keys so far, from the first name seen twice (a map of many repeats stays linear).
    let seen: Set<unknown> | undefined;
    const items = node.items;
    for (let k = 0; k < items.length; k++) {
      const pair = items[k];
      const key = pair.key;
      if (!isScalar(key) || key.anchor || key.tag || (key as { addToJSMap?: unknown }).addToJSMap) throw new NotPlain();
      const keyValue = key.value;
      // Nearly every key is a string: one test of its type, then its name is itself.
      const name = typeof keyValue === 'string' ? (keyValue === '<<' ? notPlain() : keyValue) : nameOf(keyValue);
      // A name the object has, its own or inherited (__proto__, toString): asked once per key.
      const present = name in out;
      // Keys of one value have one name: a name seen before may be a duplicate (1 and '1' are not).
      if (present && !seen && Object.hasOwn(out, name)) seen = keysBefore(node.items, k);
      if (seen && key.range && !Number.isNaN(keyValue)) {
        if (seen.has(keyValue)) found.push(duplicateKeyError(key.range[0]));
        else seen.add(keyValue);
      }
      const js = plain(pair.value, found);
      // As toJS writes it: a name the object inherits (__proto__, toString) becomes its own.
      if (present)
        Object.defineProperty(out, name, { value: js, writable: true, enumerable: true, configurable: true });
      else out[name] = js;
    }
    return out;
  }
  if (isSeq(node)) {
    const out: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) throw new NotPlain();
      out.push(plain(item, found));
    }
    return out;
  }
  throw new NotPlain();
}

function notPlain(): never {
  throw new NotPlain();
}

/** toJS's name of a key that is no string: null is '', a number or boolean its String; a symbol (`<<`) has none. */
function nameOf(keyValue: unknown): string {
  if (keyValue === null) return '';
  if (typeof keyValue === 'symbol' || typeof keyValue === 'object') throw new NotPlain();
  return String(keyValue);
}

/** The values of the map's first `k` keys, as addDuplicateKeyErrors collects them. */
function keysBefore(items: readonly { key: unknown }[], k: number): Set<unknown> {
  const keys = new Set<unknown>();
  for (let j = 0; j < k; j++) {
    const key = items[j].key;
    if (isScalar(key) && key.range && !Number.isNaN(key.value)) keys.add(key.value);
  }
  return keys;
}

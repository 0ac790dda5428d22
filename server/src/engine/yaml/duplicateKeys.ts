import { Document, isMap, isPair, isScalar, isSeq, YAMLParseError } from 'yaml';

/**
 * The `yaml` library's own duplicate-key check (`uniqueKeys: true`) compares every key with every
 * earlier key of its map: one map of 100,000 keys took minutes. The parser runs with it off and
 * this pass adds the same DUPLICATE_KEY errors (same equality: scalar values compared with `===`,
 * same place: the later key's start) in one walk with a set per map. The walk keeps its own stack,
 * so a deeply nested document cannot overflow the call stack here.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range && !Number.isNaN(key.value)) {
          if (keys.has(key.value)) found.push(duplicateKeyError(key.range[0]));
          else keys.add(key.value);
        }
        pending.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    } else if (isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  if (found.length === 0) return;
  // Where the library would have put them: among the other errors, in the order of the text.
  const merged = [...doc.errors, ...found].sort((a, b) => a.pos[0] - b.pos[0]);
  doc.errors.splice(0, doc.errors.length, ...merged);
}

/** The library's error for a repeated key, at the later key's start. */
export function duplicateKeyError(start: number): YAMLParseError {
  return new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
}

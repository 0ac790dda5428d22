import { CATALOG } from '../../server/src/engine/index';

// How often `run` reads a catalog feature's rows: the catalog's lookups and the rows of a model
// are worked out once, and a test says so by counting the reads of a second ask.

/** What `run` returns and how many times it read some feature's `rows`. */
export function countRowReads<T>(run: () => T): { result: T; reads: number } {
  let reads = 0;
  const kept = CATALOG.map((feature) => Object.getOwnPropertyDescriptor(feature, 'rows'));
  try {
    CATALOG.forEach((feature, k) =>
      Object.defineProperty(feature, 'rows', {
        configurable: true,
        get: () => {
          reads++;
          return kept[k]?.value;
        },
      }),
    );
    const result = run();
    return { result, reads };
  } finally {
    CATALOG.forEach((feature, k) => Object.defineProperty(feature, 'rows', kept[k] ?? {}));
  }
}

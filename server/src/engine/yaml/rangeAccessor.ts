import type { Range } from 'yaml';

/** What a kept node holds instead of the library's three-element `range` array. */
export interface RangeNumbers {
  rangeStart: number;
  rangeValueEnd: number;
  rangeEnd: number;
}

/**
 * The `range` accessor of the kept nodes (compactNodes.ts, lazyItems.ts): three numbers on the
 * object and an array made when read, for the ~20k nodes of a large file. On the prototype,
 * because TypeScript knows `range` as the library's data property.
 */
export function defineRangeAccessor(prototype: RangeNumbers): void {
  Object.defineProperty(prototype, 'range', {
    configurable: true,
    get(this: RangeNumbers): Range {
      return [this.rangeStart, this.rangeValueEnd, this.rangeEnd];
    },
    set(this: RangeNumbers, range: Range) {
      this.rangeStart = range[0];
      this.rangeValueEnd = range[1];
      this.rangeEnd = range[2];
    },
  });
}

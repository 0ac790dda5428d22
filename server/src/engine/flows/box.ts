import {
  AddressSet,
  intersect as intersectAddresses,
  isEmpty as isAddressEmpty,
  isSubset,
  overlaps,
  subtract as subtractAddresses,
} from '../model/address';
import {
  intersectServices,
  isServiceEmpty,
  serviceCovered,
  servicesMeet,
  ServiceSet,
  subtractServices,
} from '../model/service';

// A box is what a rule matches: sources × destinations × services. First-match evaluation,
// shadowing and coverage are all set arithmetic on boxes.

export interface Box {
  src: AddressSet;
  dst: AddressSet;
  svc: ServiceSet;
}

/** Past this many pieces a subtraction gives up; callers treat the answer as "not covered". */
export const MAX_PIECES = 512;

/** intersectBox(a, b) !== undefined, without building the intersection. */
export function boxesMeet(a: Box, b: Box): boolean {
  return servicesMeet(a.svc, b.svc) && overlaps(a.src, b.src) && overlaps(a.dst, b.dst);
}

export function intersectBox(a: Box, b: Box): Box | undefined {
  // Most pairs of boxes meet in no dimension: tell them apart before building anything.
  if (!boxesMeet(a, b)) return undefined;
  const svc = intersectServices(a.svc, b.svc);
  if (isServiceEmpty(svc)) return undefined;
  const src = intersectAddresses(a.src, b.src);
  if (isAddressEmpty(src)) return undefined;
  const dst = intersectAddresses(a.dst, b.dst);
  if (isAddressEmpty(dst)) return undefined;
  return { src, dst, svc };
}

/** a − b as disjoint boxes. */
export function subtractBox(a: Box, b: Box): Box[] {
  const common = intersectBox(a, b);
  if (!common) return [a];
  const pieces: Box[] = [];
  const srcOutside = subtractAddresses(a.src, b.src);
  if (!isAddressEmpty(srcOutside)) pieces.push({ src: srcOutside, dst: a.dst, svc: a.svc });
  const dstOutside = subtractAddresses(a.dst, b.dst);
  if (!isAddressEmpty(dstOutside)) pieces.push({ src: common.src, dst: dstOutside, svc: a.svc });
  const svcOutside = subtractServices(a.svc, b.svc);
  if (!isServiceEmpty(svcOutside)) pieces.push({ src: common.src, dst: common.dst, svc: svcOutside });
  return pieces;
}

/** The part of `boxes` outside every box of `cuts`, or undefined when it grows past MAX_PIECES. */
export function subtractAll(boxes: Box[], cuts: Iterable<Box>): Box[] | undefined {
  let remaining = boxes;
  for (const cut of cuts) {
    if (remaining.length === 0) break;
    const next: Box[] = [];
    for (const box of remaining) next.push(...subtractBox(box, cut));
    if (next.length > MAX_PIECES) return undefined;
    remaining = next;
  }
  return remaining;
}

/**
 * Cuts that subtractAll makes before it could give up: each splits a piece in at most three, so
 * after this many there are at most 3^5 = 243 pieces, below MAX_PIECES.
 */
const CUTS_BELOW_LIMIT = 5;

/** A non-empty box wholly within another: what subtracting the other leaves of it is nothing. */
function within(a: Box, b: Box): boolean {
  return (
    !isAddressEmpty(a.src) &&
    !isAddressEmpty(a.dst) &&
    !isServiceEmpty(a.svc) &&
    isSubset(a.src, b.src) &&
    isSubset(a.dst, b.dst) &&
    serviceCovered(a.svc, b.svc)
  );
}

export function isCovered(target: Box, cover: readonly Box[]): boolean {
  // Most covered boxes lie within one box of the cover (a rule below a wider one): that answers
  // without building pieces, and is subtractAll's answer when it could not give up first.
  const early = Math.min(cover.length, CUTS_BELOW_LIMIT + 1);
  for (let k = 0; k < early; k++) if (within(target, cover[k])) return true;
  const left = subtractAll([target], cover);
  return left !== undefined && left.length === 0;
}

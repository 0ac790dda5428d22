import { parseAddressOrCidr } from '../model/address';
import { cidrs } from '../render/export/cidrs';

/** An address range `from-to` (nft writes them) as the CIDR blocks a topology rule can name. */
export function addressRangeCidrs(from: string, to: string): string[] | undefined {
  const low = parseAddressOrCidr(from);
  const high = parseAddressOrCidr(to);
  if (!low.ok || !high.ok) return undefined;
  const start = low.set.intervals[0][0];
  const end = high.set.intervals[0][1];
  if (end < start) return undefined;
  const blocks = cidrs({ intervals: [[start, end]] });
  return blocks.any ? ['any'] : [...blocks.v4, ...blocks.v6];
}

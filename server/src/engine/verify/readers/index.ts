import type { DumpFormat } from '../dumpRule';
import { ciscoAsaFormat } from './ciscoAsa';
import { IPTABLES_SAVE } from './iptablesSave';
import { NFT_JSON } from './nftJson';
import { windowsFirewallFormat } from './windowsFirewall';

/** Every dump format verify reads, in the order auto-detection tries them. */
export const DUMP_FORMATS: readonly DumpFormat[] = [IPTABLES_SAVE, NFT_JSON, ciscoAsaFormat, windowsFirewallFormat];

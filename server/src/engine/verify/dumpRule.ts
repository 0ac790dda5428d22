import type { TextRef } from '../messageFormat';

// What every firewall-dump reader (iptables-save, nft JSON, Cisco ASA, Windows Firewall) produces:
// the dump's rules in evaluation order, each written the way a topology rule is, so `verify`
// can put them in place of a firewall's `rules:` and run the very same analysis as `check`.

/** A line and column in the dump, 1-based, so findings point at the text the administrator has. */
export interface DumpLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface DumpService {
  /** TCP, UDP, or ANY when the rule matches every transport. */
  transport: 'TCP' | 'UDP' | 'ANY';
  /** A port, a range `a-b` or a comma list as the topology format writes it; absent = every port. */
  port?: string;
}

export interface DumpRule {
  location: DumpLocation;
  /** The rule's name or comment in the dump (an nft comment, an ASA remark, a Windows DisplayName). */
  name?: string;
  action: 'allow' | 'deny';
  /** Addresses or CIDRs, or `any`; several entries mean any of them. */
  from: string[];
  to: string[];
  /** Several services mean any of them (an ASA object-group service, `-m multiport`, `{ 80, 443 }`). */
  services: DumpService[];
  /** Source ports when the rule restricts them. */
  sourcePort?: string;
  /**
   * How findings name `from` and `to` when the reader wrote them long for what the dump says
   * short: an ASA rule for `any` kept to one interface's share of it, ~120 CIDRs on the Internet
   * side ("any address behind outside").
   */
  fromText?: TextRef;
  toText?: TextRef;
}

export interface DumpProblem {
  location: DumpLocation;
  /** One line that says what the reader could not understand and how it treated it, in English. */
  message: string;
  /** The same by text id and data (verify/readers/texts.ts), for the other languages. */
  text?: TextRef;
  /** An error means the rule set could not be read as the firewall reads it (verify exits 2). */
  severity: 'error' | 'warning';
  /** The rule lists to name in `ruleList`, when the problem is that the dump has several (an editor offers them). */
  choices?: string[];
}

export interface DumpReading {
  rules: DumpRule[];
  /** Where the rule list starts (the chain, the access-group): a missing flow is reported there. */
  listLocation: DumpLocation;
  /** The policy applied after the last rule (an iptables chain policy, ASA's implicit deny). */
  defaultAction: 'allow' | 'deny';
  problems: DumpProblem[];
  /**
   * The one direction of a host's traffic this list decides, when the dump keeps the two apart:
   * iptables INPUT and OUTPUT, an nft chain on the input or output hook, Windows' Inbound and
   * Outbound. Absent: a list that may hold either (a FORWARD chain, a user chain, an ASA list).
   */
  direction?: HostDirection;
}

/** What reaches a host (inbound) or leaves it (outbound). */
export type HostDirection = 'inbound' | 'outbound';

export interface ReaderOptions {
  /**
   * Which rule list of the dump stands for the firewall: an iptables or nft chain, an ASA
   * access-list (or the interface its access-group binds). A reader that needs one and finds
   * several lists says so in an error problem naming them.
   */
  ruleList?: string;
  /**
   * The dump is an Edge server's own firewall: without `ruleList`, read the list for this
   * direction (a reader whose format keeps directions apart, DumpFormat.hostDirections).
   */
  hostList?: HostDirection;
  /**
   * The address families of the host's own addresses (absent: IPv4 only). An nft table of family
   * ip sees only IPv4 packets, ip6 only IPv6 ones, inet both: a host's list is the chains that see its packets.
   */
  hostFamilies?: readonly AddressFamily[];
}

export type AddressFamily = 'ipv4' | 'ipv6';

/** One dump format: how to recognise it and how to read it. Readers are pure functions of the text. */
export interface DumpFormat {
  id: 'iptables-save' | 'nft-json' | 'cisco-asa' | 'windows-firewall';
  /** What the user knows it as, for messages and `--help`. */
  title: string;
  /** A host's dump of this format keeps what reaches the host and what leaves it in two lists. */
  hostDirections?: true;
  recognizes(text: string): boolean;
  read(text: string, options: ReaderOptions): DumpReading;
}

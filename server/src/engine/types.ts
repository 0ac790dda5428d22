// The engine's public shapes. The CLI, the language server, the VS Code client and the tests
// all speak these; nothing here may import LSP or VS Code types.

import type { MessageData } from './messageFormat';

/** Zero-based position, as LSP counts: line, and UTF-16 code units within the line. */
export interface Position {
  line: number;
  character: number;
}

/** A span of the source text, both as offsets (for edits) and as positions (for display). */
export interface SourceRange {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
}

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'schema'
  | 'unknown-reference'
  | 'invalid-address'
  | 'invalid-port'
  | 'missing-flow'
  | 'wrong-port'
  | 'wrong-transport'
  | 'reversed-flow'
  | 'wrong-firewall'
  | 'blocked-flow'
  | 'shadowed-rule'
  | 'overly-permissive'
  | 'duplicate-rule'
  | 'feature-unsupported'
  | 'missing-role'
  // Codes beyond the v1 contract's minimum list; the contract allows new ones.
  | 'internal-vip'
  | 'xmpp-partner'
  | 'dns-record'
  | 'certificate-san'
  | 'nat-topology'
  | 'unneeded-rule'
  | 'edge-network'
  | 'internal-error';

/** One replacement on the original text: offsets are into the text the diagnostic was computed on. */
export interface TextEdit {
  startOffset: number;
  endOffset: number;
  newText: string;
  /**
   * The key this edit creates (a path such as `firewalls.external.rules`). Two edits creating the
   * same key clash even when they insert at one offset: together they would write it twice.
   */
  creates?: string;
}

export type FixKind =
  'insert-rule' | 'fix-port' | 'fix-transport' | 'swap-endpoints' | 'move-rule' | 'add-firewall' | 'other';

export interface Fix {
  title: string;
  /** Which text of rules/fixTitles.ts the title is, and its data: the title in another language. */
  titleId?: string;
  titleData?: MessageData;
  kind: FixKind;
  /** The one obvious fix for its diagnostic (LSP `isPreferred`). */
  preferred: boolean;
  /** Safe fixes are applied by `lync-ports fix` and by "fix all" without asking. */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: SourceRange;
  message: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** The first sentence: what is wrong, where (the Problems panel shows it whole). */
  message: string;
  /** The rest, when there is more to say: the catalog row, the Microsoft page, why, what to do. */
  detail?: string;
  range: SourceRange;
  /** Catalog row the finding concerns, when there is one (e.g. 'X1'). */
  catalogRowId?: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Which text of the code's rule meta produced `message` (checks in rules/ set it, as ESLint's do). */
  messageId?: string;
  /** The values filled into that text's {{placeholders}}. */
  data?: MessageData;
}

export type Product = 'lync2013' | 'sfb2015' | 'sfb2019';
export const PRODUCTS: readonly Product[] = ['lync2013', 'sfb2015', 'sfb2019'];

export type Zone = 'external' | 'perimeter' | 'internal';

export type Transport = 'tcp' | 'udp';

/** Inclusive port interval. */
export interface PortRange {
  from: number;
  to: number;
}

/** Where one end of a catalog row lives, in terms of the topology's roles. */
export type EndpointSelector =
  /** Any address; on the far side of the firewall from the other end. */
  | { kind: 'any'; zone: Zone }
  /** A named interface of every server of a role (e.g. each Edge server's `internal`). */
  | {
      kind: 'interface';
      role: ServerRole;
      interface: string;
      /** 'public': only the interface's public (NAT) address, reached from the external side (hairpin NAT). */
      address?: 'public';
    }
  /** Every interface of the servers of a role, optionally only those running a service. */
  | {
      kind: 'servers';
      role: ServerRole;
      service?: string;
      /** Only those running it, when any does; else all of the role. */ prefer?: string;
    }
  /**
   * The Edge pool's next hop: the pool of `edge.nextHop`, else every Director, else every Front End; with a Director
   * next hop, the Front Ends as well (L-DIR1).
   */
  | { kind: 'nextHop' };

export type ServerRole = 'edge' | 'frontEnd' | 'director' | 'reverseProxy' | 'officeWebApps';

export interface CatalogSource {
  /** Source key of ../shared/PORT-CATALOG.md, e.g. 'L-XMPP-PORT'. */
  key: string;
  title: string;
  url: string;
}

/** One documented port rule: a row of Microsoft's "Port summary" tables. */
export interface CatalogRow {
  id: string;
  feature: string;
  products: Product[];
  /** As Microsoft's tables write it, e.g. 'XMPP/TCP/5269', 'XMPP/MTLS/TCP/23456'. */
  service: string;
  protocol: string;
  /** The transport the firewall matches on. */
  transport: Transport;
  /** Transport/security token as documented (TCP, UDP, TLS, MTLS), used when writing a rule. */
  transportLabel: string;
  ports: PortRange[];
  source: EndpointSelector;
  destination: EndpointSelector;
  /** The firewall the documentation puts the rule on. The engine derives the real one from zones. */
  firewall: 'external' | 'internal';
  direction: 'inbound' | 'outbound';
  /** Suggested rule name when a fix inserts the rule. */
  ruleName: string;
  comment: string;
  sources: CatalogSource[];
  /**
   * With a hardware-load-balanced Edge pool, where the Edge end of the row lands: the pool's
   * virtual IP ('vip'), the VIP and each server ('vipAndNodes', A/V media), or each server's own
   * address ('nodes', the default). A 'vip' row's Director end lands on `director.vip` when there is one.
   */
  loadBalanced?: 'vip' | 'vipAndNodes' | 'nodes';
  /**
   * Per-server traffic that an internal load balancer must never carry (S-LB): a rule to the internal VIP is
   * `internal-vip`.
   */
  perNode?: boolean;
  /** The row applies only when a setting has a value (for the products listed; always for the others). */
  condition?: RowCondition;
  /** The port is an Edge setting (single-IP Edge: 5061/444/443); `ports` hold the default. */
  portSetting?: EdgePortSetting;
  /** Source ports the row requires when `edge.avFirewallPolicy` is `sourceAndDestination` (L-AV). */
  sourcePortsByPolicy?: PortRange[];
  /** Federation traffic: with several Edge pools only the route's pool carries it (`edge.federationRoute`). */
  federationRoute?: boolean;
  /** Source keys whose page holds the row only in its hardware-load-balancer tables: cited first only with HLB. */
  hlbTableOnly?: string[];
}

/**
 * Keys of `edge.ports`: the Access Edge client SIP port, the Web Conferencing Edge PSOM port, the A/V Edge TURN TCP
 * port.
 */
export type EdgePortSetting = 'accessEdge' | 'webConferencingEdge' | 'avEdge';

export type RowSetting =
  'ocs2007Federation' | 'avFirewallPolicy' | 'centralizedLogging' | 'publishHttp' | 'loadBalancing';

export interface RowCondition {
  setting: RowSetting;
  value: string | boolean;
  /** The products the condition applies to; for the others the row applies unconditionally. */
  products?: Product[];
  /** What the condition means, for hover and messages. */
  text: string;
}

export interface CatalogFeature {
  name: string;
  title: string;
  description: string;
  /** Products that support the feature at all, with the reason for the others. */
  unsupported?: Partial<Record<Product, string>>;
  /** Roles the feature needs, with what to tell the user when none is there. */
  requiredRoles: { role: ServerRole; service?: string; message: string }[];
  rows: CatalogRow[];
  /** Ids of rows of other features this feature needs too (e.g. web conferencing needs PSOM/MTLS/8057 inside). */
  alsoRequires?: string[];
}

// ---- The flow model: what the diagram and the status bar draw. ----

export type FlowStatus = 'allowed' | 'missing' | 'misconfigured' | 'blocked';

export interface FlowNode {
  id: string;
  label: string;
  /** Secondary text: addresses, pool FQDN. */
  detail: string;
  zone: Zone;
  kind: 'internet' | 'server' | 'interface';
  /** Where the node is defined in the file, for reveal on click. */
  range?: SourceRange;
  /** The pool (FQDN) of the server the node belongs to, when it is in one. */
  pool?: string;
  /**
   * The part the node plays in its pool: an Edge interface's name (`accessEdge`), a server's role
   * (`frontEnd`). The diagram draws the members of one pool with the same part and zone as one column.
   */
  part?: string;
}

export interface FlowFirewall {
  id: string;
  name: string;
  between: [string, string];
  range?: SourceRange;
  rulesRange?: SourceRange;
}

export interface FlowEdge {
  id: string;
  catalogRowId: string;
  /** As Microsoft's tables write it, e.g. XMPP/TCP/5269. */
  label: string;
  feature: string;
  from: string;
  to: string;
  firewall: string;
  status: FlowStatus;
  /** Rule name(s) that serve or break the flow. */
  ruleNames: string[];
  /** Ranges of the rules involved; for a missing flow, the firewall's rules key. */
  ranges: SourceRange[];
  /** The diagnostic code when the status is not 'allowed'. */
  code?: DiagnosticCode;
  message?: string;
}

export interface ExtraRule {
  firewall: string;
  name: string;
  service: string;
  from: string;
  to: string;
  action: 'allow' | 'deny';
  range: SourceRange;
}

export interface FlowModel {
  product: Product;
  zones: Zone[];
  nodes: FlowNode[];
  firewalls: FlowFirewall[];
  flows: FlowEdge[];
  extraRules: ExtraRule[];
  summary: { required: number; allowed: number };
}

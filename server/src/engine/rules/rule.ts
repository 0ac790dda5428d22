import type { FlowEvaluation } from '../flows/evaluate';
import type { ExplanationLedger, ExplanationReader } from '../flows/ledger';
import type { PlacementProblem, RequiredFlow } from '../flows/required';
import type { RuleModel, TopologyModel } from '../model/model';
import type { ParsedTopology } from '../yaml/parse';
import type { Diagnostic, DiagnosticCode, Fix, FixKind, Severity, SourceRange, TextEdit } from '../types';
import { formatMessage, type MessageData, type TextRef } from '../messageFormat';
import { writeModel } from '../model/texts';
import type { FixTitle } from './fixTitles';

// The shape every check has, after ESLint's rules: `meta` says what the code means (the SARIF
// descriptor, the README section, the LSP link and the diagram's words come from it) and which
// message texts it can produce; `check` reads the context and returns its findings.

export type { MessageData };

export interface RuleMeta {
  code: DiagnosticCode;
  /** The severity the code is declared with (SARIF defaultConfiguration, README). */
  severity: Severity;
  /** Severities some findings of the code carry instead (the README says "Error (some warnings)"). */
  alsoEmits?: readonly Severity[];
  /** One line: the SARIF shortDescription. */
  summary: string;
  /** The README section's text after the severity, unwrapped. */
  docs: string;
  fixKinds: readonly FixKind[];
  /**
   * messageId → the finding's first sentence (what is wrong, where; about 120 characters), with
   * {{placeholders}} filled from its data: the Problems panel shows it whole.
   */
  messages: Readonly<Record<string, string>>;
  /**
   * messageId → the rest: the catalog row, the Microsoft page, why, and what to do. The language
   * server shows it as related information and in the hover, the CLI with --verbose.
   */
  details?: Readonly<Record<string, string>>;
  /** The diagram's short label of a flow this code explains. */
  diagramText?: string;
  /**
   * The layers below rules/ that report the code (they cannot import the rules): for their
   * findings the module is metadata only, and they pass through the pipeline as written there.
   */
  reportedBy?: readonly ('yaml/parse' | 'schema' | 'model' | 'check')[];
}

/** Everything a check may read. Only the ledger takes writes, through explain(). */
export interface RuleContext {
  readonly parsed: ParsedTopology;
  readonly model: TopologyModel;
  readonly flows: readonly RequiredFlow[];
  /** Required rows no firewall can carry. */
  readonly problems: readonly PlacementProblem[];
  readonly evaluations: readonly FlowEvaluation[];
  readonly ledger: ExplanationLedger;
  /** The findings of the checks that ran before this one, in CHECK_ORDER. */
  readonly reported: readonly Diagnostic[];
  /**
   * True in a session's check (session.ts): the next version re-positions this parse and keeps
   * findings of this one (keptFindings.ts), so every finding is complete when the check returns.
   * A one-shot check skips that bookkeeping, and works out fixes only when they are read.
   */
  readonly keepsFindings: boolean;
}

/** What running every rule yields: the findings, and the flows with their verdicts and explanations. */
export interface Analysis {
  diagnostics: Diagnostic[];
  flows: RequiredFlow[];
  evaluations: FlowEvaluation[];
  /** Which finding says why a flow fails on a firewall, and the rule it is about. */
  ledger: ExplanationReader;
}

export interface Rule<Meta extends RuleMeta = RuleMeta> {
  meta: Meta;
  check?: (context: RuleContext) => Diagnostic[];
}

/** The parts of a finding besides its code, text and severity (which defaults to the declared one). */
export type Report = Omit<Diagnostic, 'code' | 'message' | 'detail' | 'messageId' | 'data' | 'severity'> & {
  severity?: Severity;
};

export { formatMessage };

/** The lower layers' texts a finding's data may hold (a suggestion, a reason), in English. */
const nested = (ref: TextRef): string => writeModel(ref.id, ref.data);

/** A finding of `meta.code`, its texts produced from `meta.messages[messageId]`, its detail's and `data`. */
export function report<Meta extends RuleMeta>(
  meta: Meta,
  messageId: keyof Meta['messages'] & string,
  data: MessageData,
  rest: Report,
): Diagnostic {
  const { severity, ...place } = rest;
  const detail = (meta.details as Readonly<Record<string, string>> | undefined)?.[messageId];
  return {
    code: meta.code,
    severity: severity ?? meta.severity,
    message: formatMessage(meta.messages[messageId], data, nested),
    ...(detail === undefined ? {} : { detail: formatMessage(detail, data, nested) }),
    ...place,
    messageId,
    data,
  };
}

/**
 * The finding report() makes of `range` and the fixes `make` writes, for a one-shot check
 * (RuleContext.keepsFindings false): the fixes are written when a caller first reads them (the
 * CLI's check shows none). A session's check writes them at once with report(): its next version
 * re-positions this parse, which the edits are written from. `meta` must have the detail.
 */
export function reportFixedWhenRead<Meta extends RuleMeta>(
  meta: Meta,
  messageId: keyof Meta['messages'] & string,
  data: MessageData,
  range: SourceRange,
  make: () => Fix[] | undefined,
): Diagnostic {
  const detail = (meta.details as Readonly<Record<string, string>>)[messageId];
  // The keys of report()'s finding, in its order; `fixes` an accessor.
  const finding = {
    code: meta.code,
    severity: meta.severity,
    message: formatMessage(meta.messages[messageId], data, nested),
    detail: formatMessage(detail, data, nested),
    range,
  } as Diagnostic;
  Object.defineProperty(finding, 'fixes', LAZY_FIXES);
  finding.messageId = messageId;
  finding.data = data;
  const lazy: LazyFixes = { make, fixes: undefined };
  Object.defineProperty(finding, FIXES, { value: lazy });
  return finding;
}

/** Where a finding of reportFixedWhenRead keeps its fixes: a key no copy, JSON or comparison sees. */
const FIXES = Symbol('fixes');

interface LazyFixes {
  /** Until the fixes are first read or written. */
  make?: () => Fix[] | undefined;
  fixes: Fix[] | undefined;
}

/**
 * One accessor for every such finding: an accessor written in each finding's literal made two
 * closures and a shape of its own per finding, a few times the cost of the rest of the finding.
 */
const LAZY_FIXES: PropertyDescriptor = {
  get(this: { [FIXES]: LazyFixes }): Fix[] | undefined {
    const lazy = this[FIXES];
    if (lazy.make) {
      lazy.fixes = lazy.make();
      lazy.make = undefined;
    }
    return lazy.fixes;
  },
  set(this: { [FIXES]: LazyFixes }, value: Fix[] | undefined) {
    const lazy = this[FIXES];
    lazy.fixes = value;
    lazy.make = undefined;
  },
  enumerable: true,
  configurable: true,
};

/** A finding's one fix, preferred and safe to apply unasked, when there is an edit to make. */
export function safeFix(title: FixTitle, kind: FixKind, edit: TextEdit | undefined): Fix[] | undefined {
  return edit ? [{ ...title, kind, preferred: true, safe: true, edits: [edit] }] : undefined;
}

/** How messages name a rule: its name in quotes, else its position in the list. */
export function ruleLabel(rule: Pick<RuleModel, 'name' | 'index'>): string {
  return rule.name ? `'${rule.name}'` : `#${rule.index + 1}`;
}

/** How a finding's detail names the catalog row and Microsoft page it rests on; data from rowData. */
export const ROW_SOURCE = 'Catalog row {{rowId}}, from "{{page}}".';

export function rowData(flow: RequiredFlow): { rowId: string; page: string } {
  return { rowId: flow.row.id, page: flow.row.sources[0].title };
}

export function endpointsOf(refs: readonly { text: string }[]): string {
  return refs.map((ref) => ref.text).join(', ');
}

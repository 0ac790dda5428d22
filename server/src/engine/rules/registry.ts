import type { Diagnostic, DiagnosticCode, Severity } from '../types';
import { blockedFlow } from './blockedFlow';
import { certificateSan } from './certificateSan';
import { dnsRecord } from './dnsRecord';
import { duplicateRule } from './duplicateRule';
import { edgeNetwork } from './edgeNetwork';
import { checkExplainingRules } from './explainingRules';
import { featureUnsupported } from './featureUnsupported';
import { internalError } from './internalError';
import { internalVip } from './internalVip';
import { invalidAddress } from './invalidAddress';
import { invalidPort } from './invalidPort';
import { missingFlow } from './missingFlow';
import { missingRole } from './missingRole';
import { natTopology } from './natTopology';
import { overlyPermissive } from './overlyPermissive';
import { reversedFlow } from './reversedFlow';
import type { Rule, RuleContext, RuleMeta } from './rule';
import { schema } from './schema';
import { shadowedRule } from './shadowedRule';
import { unknownReference } from './unknownReference';
import { unneededRule } from './unneededRule';
import { wrongFirewall } from './wrongFirewall';
import { wrongPort } from './wrongPort';
import { wrongTransport } from './wrongTransport';
import { xmppPartner } from './xmppPartner';
import { yamlSyntax } from './yamlSyntax';

// Every code's module, in the order of the contract's code list: the SARIF rule descriptors and
// their ruleIndex follow it, as does the README. Each module lives in rules/<camelCase code>.ts.
export const RULES = [
  yamlSyntax,
  schema,
  unknownReference,
  invalidAddress,
  invalidPort,
  missingFlow,
  wrongPort,
  wrongTransport,
  reversedFlow,
  wrongFirewall,
  blockedFlow,
  shadowedRule,
  overlyPermissive,
  duplicateRule,
  featureUnsupported,
  missingRole,
  internalVip,
  natTopology,
  xmppPartner,
  dnsRecord,
  certificateSan,
  unneededRule,
  edgeNetwork,
  internalError,
] as const satisfies readonly Rule[];

export interface CheckStep {
  codes: readonly DiagnosticCode[];
  check: (context: RuleContext) => Diagnostic[];
}

const step = (rule: Rule): CheckStep => ({ codes: [rule.meta.code], check: rule.check! });

/**
 * The checks in the order they run. The order is load-bearing twice: a check that explains a flow
 * in the ledger must run before blocked-flow and missing-flow, which report what is left; and
 * findings at one place keep this order through check.ts's sort, whose dedupe keeps the first.
 */
export const CHECK_ORDER: readonly CheckStep[] = [
  step(featureUnsupported),
  step(missingRole),
  {
    codes: [wrongTransport.meta.code, wrongPort.meta.code, reversedFlow.meta.code, wrongFirewall.meta.code],
    check: checkExplainingRules,
  },
  step(natTopology),
  step(unknownReference),
  step(internalVip),
  step(xmppPartner),
  step(dnsRecord),
  step(certificateSan),
  step(edgeNetwork),
  step(blockedFlow),
  step(missingFlow),
  step(duplicateRule),
  step(shadowedRule),
  step(overlyPermissive),
  // Last: it keeps silent on a rule that any check above already reports.
  step(unneededRule),
];

export type RegisteredCode = (typeof RULES)[number]['meta']['code'];
// Compile-time: the DiagnosticCode union of types.ts and the registry name the same codes.
const everyCodeRegistered: [DiagnosticCode] extends [RegisteredCode] ? true : never = true;
void everyCodeRegistered;

export const ALL_CODES: readonly DiagnosticCode[] = RULES.map((rule) => rule.meta.code);

export const CODE_INFO = {} as Record<DiagnosticCode, RuleMeta>;
for (const { meta } of RULES) CODE_INFO[meta.code] = meta;

export function metaOf(code: DiagnosticCode): RuleMeta {
  return CODE_INFO[code];
}

/** Every severity a code's findings can carry, the declared one first. */
export function severitiesOf(code: DiagnosticCode): Severity[] {
  const meta = CODE_INFO[code];
  return [meta.severity, ...(meta.alsoEmits ?? [])];
}

/** Anchor of the code's section in the README (GitHub heading slugs). */
export function codeDocumentationUrl(code: DiagnosticCode): string {
  return `https://github.com/lync-port-planner/lync-port-planner#${code}`;
}

// The engine's front door. The CLI, the language server, the client and the tests import from
// here and nothing deeper, so they always agree (eslint.config.mjs holds it). The sections follow
// the pipeline: yaml → schema and model → catalog → flows → rules → features and renderers.

export type * from './types';
export { PRODUCTS } from './types';

// The whole check, and fix all.
export { checkTopology, type CheckOptions, type CheckResult, yamlDoesNotParse } from './check';
export { createCheckSession, type CheckSession } from './session';
export {
  editsKeepParsing,
  fixAll,
  fixIdentity,
  parseErrorCount,
  errorCountOf,
  type DroppedFix,
  type FixAllResult,
} from './fix';

// yaml: the text, its positions and edits on it.
export {
  keyRangeAtPath,
  lineStartsOf,
  nodeAt,
  offsetAt,
  parseTopology,
  positionAt,
  rangeAtPath,
  rangeOfNode,
  rangeOfOffsets,
  type ParsedTopology,
  PARSE_OPTIONS,
} from './yaml/parse';
export { NOT_PLAIN, plainValueAndDuplicateKeys } from './yaml/plainValue';
export { addDuplicateKeyErrors } from './yaml/duplicateKeys';
export { applyEdits, nextLineStart } from './yaml/edits';
export { decodeTopologyBytes, type DecodedTopology, invalidUtf8Diagnostic } from './yaml/characters';
export { deleteRuleEdit, reindentedRuleText, ruleItemSpan, swapEndpointsEdits } from './yaml/ruleEdits';
export { cursorContext, type CursorContext, linesWalked } from './yaml/cursor';
export { lineAt, lineTable, type LineTable, updatedLineTable } from './yaml/cursorLines';
export * as yamlNodeTypes from './yaml/nodeTypes';

// schema and model.
export { getTopologySchema, type TopologySchema } from './schema/topologySchema';
export { schemaAtPath } from './schema/navigation';
export { validateSchema } from './schema/validate';
export type { FirewallModel, RuleModel, TopologyModel } from './model/model';
export { ANY as ANY_ADDRESS, parseAddressOrCidr, union as unionAddresses, type AddressSet } from './model/address';
export { parseServiceText } from './model/service';
export { EndpointResolver, resolveEndpoint } from './model/endpoints';

// catalog: Microsoft's port tables, with their pages.
export { allCatalogRows, CATALOG, findCatalogRow } from './catalog';
export { SOURCES } from './catalog/sources';

// flows and rules.
export { requiredRows } from './flows/rows';
export { ruleTouchesFlow } from './flows/evaluate';
export { ALL_CODES, CHECK_ORDER, CODE_INFO, codeDocumentationUrl, metaOf, RULES, severitiesOf } from './rules/registry';
export { type RuleMeta } from './rules/rule';
export { formatMessage, type MessageData, type MessageValue, type TextRef } from './messageFormat';
export { findingOrigin, keptFindingsOn, type KeptFindings } from './rules/keptFindings';
export { hasSafeFix, relatedCount } from './rules/packedFixes';
export { negotiationVerdict } from './rules/xmppPartner';

// features: what the editor asks for.
export { codeLenses, type LensAction, type LensEntry } from './features/codeLens';
export { completionsAt } from './features/completion';
export type { CompletionEntry, CompletionKind } from './features/completionEntry';
export { foldingRanges, type FoldingSpan } from './features/folding';
export { findingsHoverAt, hoverAt } from './features/hover';
export { inlayHints, type InlayHintEntry } from './features/inlayHints';
export { missingRulesOf } from './features/missingRules';
export { definitionsAt, occurrences, prepareRenameAt, referencesAt, renameAt } from './features/navigation';
export { documentSymbols, type OutlineKind, type OutlineSymbol } from './features/symbols';

// i18n: every text of the findings and the hover by id, in English and Russian.
export {
  fixTitleIn,
  hasSchemaText,
  hasText,
  localizeDiagnostic,
  phraseOf,
  schemaTextIn,
  t,
  textIds,
  localizeFlowModel,
} from './i18n/translate';
export { EN } from './i18n/en';
export { pluralForm, type PluralForm } from './i18n/plural';
export { LOCALES, localeOf, localeOfEnvironment, type Locale } from '../shared/locale';

// renderers: the diagram (also bundled alone into the webview, from render/diagram) and the rule exports.
export { layoutDiagram, renderDiagramSvg } from './render/diagram';
export { STANDALONE_PALETTE, type PaintRole } from './render/diagram/palette';
export { CODE_TEXT } from './render/diagram/texts';
export { EXPORT_FORMATS, powershellScriptFiles, renderExport, type ExportFormat } from './render/export';
export { cidrs } from './render/export/cidrs';
export { renderReport, type ReportInput, type ReportOptions } from './render/report';
export { csvField } from './render/export/csv';
export { markdownText } from './render/export/markdown';
export { powershellString, type PowerShellScript } from './render/export/powershell';
export { flatten, safeComment } from './render/export/safeText';

// import: a topology file from the Topology Builder / Get-CsTopology -AsXml XML.
export { importTopologyXml, type ImportResult } from './import';
export { ImportError, type ImportErrorKind } from './import/importError';
export type { TopologyDescription } from './import/description';

// Fast paths and the pieces their reference implementations in the tests are built from: the
// tests compare the two on random input.
export { type AddressParse } from './model/address';
export { serviceCovered, servicesMeet, type ServiceSet, subtractRanges, subtractServices } from './model/service';
export { boxesMeet, intersectBox, isCovered, type Box } from './flows/box';
export { isCheckedOnce, ruleBox } from './flows/evaluate';
export { IntervalIndex, PartCounts, placesOf, sortIntervals } from './rules/overlapIndex';
export { ruleStandings, type RuleStanding } from './rules/ruleOverlap';

// lab: the network-namespace lab that sends real packets through the nftables export.
export { labPlan, type LabInput } from './lab/plan';
export type * from './lab/types';

// verify: the firewall-dump readers for Cisco ASA and Windows Firewall.
export { ciscoAsaFormat } from './verify/readers/ciscoAsa';
export { windowsFirewallFormat } from './verify/readers/windowsFirewall';

// verify: a rule set dumped from a real firewall, checked as the firewall's rules would be.
export type * from './verify/dumpRule';
export {
  edgeServerNames,
  firewallNames,
  VerifyError,
  verifyTopology,
  type DumpInput,
  type VerifyFinding,
  type VerifyResult,
} from './verify/verify';
export { DUMP_FORMATS } from './verify/readers';
export { decodeDumpBytes } from './verify/decode';
export { dumpInputOf, readDump, type DumpRead } from './verify/readDump';
export { dumpProblemIn } from './verify/readers/localize';
export {
  openDump,
  refusalText,
  unknownDumpName,
  type DumpRefusal,
  type DumpRequest,
  type OpenedDump,
} from './verify/openDump';

import { allCatalogRows } from '../catalog';
import { catalogRowMarkdown } from '../catalog/describe';
import { cursorContext, CursorContext } from '../yaml/cursor';
import { fieldOf, isNetworkReferencePath, isRuleEndpointPath, isRuleServicePath } from './valuePaths';
import { enabledFeatures } from '../flows/rows';
import { describeEndpoint } from '../model/endpoints';
import type { TopologyModel } from '../model/model';
import { schemaAtPath, schemaVariants } from '../schema/navigation';
import { resolveSchema, type TopologySchema } from '../schema/topologySchema';
import { blockRuleText, dashColumnOf } from '../yaml/ruleEdits';
import type { Analysis } from '../rules/rule';
import type { ParsedTopology } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { missingRulesOf } from './missingRules';
import { serviceValueAt } from './serviceValue';
import { isTransportToken } from '../model/service';
import { schemaSnippetEntries } from './snippets';
import type { CompletionEntry, CompletionKind } from './completionEntry';

/** What completion reads of a check result. */
export interface CompletionInput {
  parsed: ParsedTopology;
  model: TopologyModel;
  diagnostics: Diagnostic[];
  analysis: Analysis;
  /**
   * The model of the last check of this document that had servers, for the names `from`, `to`,
   * `network`, `between` and `pool` refer to while the text is too broken to give them.
   */
  fallbackModel?: TopologyModel;
}

export function completionsAt(input: CompletionInput, offset: number): CompletionEntry[] {
  const context = cursorContext(input.parsed.text, offset);
  if (context.inComment) return [];
  const entries: CompletionEntry[] = [];
  const schema = schemaAtPath(context.path);
  const newItem =
    context.kind === 'value' &&
    !context.inFlow &&
    typeof context.path[context.path.length - 1] === 'number' &&
    hasProperties(schema);
  if (context.kind === 'key' || newItem) entries.push(...keyEntries(context, schema));
  else {
    // Completion right after `to:` (a trigger character) must not glue the value to the colon.
    const lead = input.parsed.text[context.wordStart - 1] === ':' ? ' ' : '';
    const models =
      input.fallbackModel && input.fallbackModel !== input.model ? [input.model, input.fallbackModel] : [input.model];
    const service = isRuleServicePath(context.path) ? serviceReplaceRange(input.parsed, context, offset) : undefined;
    entries.push(
      ...valueEntries(models, context, schema, service)
        .filter((entry) => !alreadyTyped(input.parsed.text, entry, schema, offset))
        .map((entry) =>
          lead ? { ...entry, insertText: lead + entry.insertText, filterText: entry.filterText ?? entry.label } : entry,
        ),
    );
  }
  if (isRulesList(context)) entries.push(...missingRuleEntries(input, context));
  entries.push(...schemaSnippetEntries(input.parsed, context));
  return entries;
}

/**
 * A value written out in full up to the cursor is not offered again: the list would stay open on
 * it, and Enter would accept it instead of starting the next line. With the cursor before or
 * inside a value, every value stays on offer (the user is choosing another). `tcp` where the
 * schema takes `tcp` and `TCP` counts as written out; `federated` for `Federated` does not.
 */
function alreadyTyped(text: string, entry: CompletionEntry, schema: TopologySchema | undefined, offset: number) {
  if (offset < entry.replaceEnd) return false;
  const typed = text.slice(entry.replaceStart, entry.replaceEnd);
  if (typed === entry.insertText) return true;
  if (typed.toLowerCase() !== entry.insertText.toLowerCase()) return false;
  return schemaVariants(schema).some((candidate) => (candidate.enum ?? []).some((value) => String(value) === typed));
}

// ---- keys ----

function hasProperties(schema: TopologySchema | undefined): boolean {
  return schemaVariants(schema).some(
    (candidate) => candidate.properties && Object.keys(candidate.properties).length > 0,
  );
}

function typesOf(schema: TopologySchema | undefined): string[] {
  return schemaVariants(schema).flatMap((candidate) =>
    candidate.type === undefined ? [] : Array.isArray(candidate.type) ? candidate.type : [candidate.type],
  );
}

function keyEntries(context: CursorContext, schema: TopologySchema | undefined): CompletionEntry[] {
  const properties = new Map<string, TopologySchema>();
  for (const candidate of schemaVariants(schema)) {
    for (const [key, sub] of Object.entries(candidate.properties ?? {})) {
      // `{ not: {} }` entries only forbid a key; they are not offered.
      const resolved = resolveSchema(sub);
      if (resolved && !('not' in resolved && Object.keys(resolved).length === 1) && !properties.has(key))
        properties.set(key, resolved);
    }
  }
  const required = new Set(schemaVariants(schema).flatMap((candidate) => candidate.required ?? []));
  const present = new Set(context.presentKeys);
  const inner = ' '.repeat(context.indent + 2);
  return [...properties]
    .filter(([key]) => !present.has(key))
    .map(([key, sub]): CompletionEntry => {
      const types = typesOf(sub);
      const choices = enumValues(sub);
      let insertText = `${key}: $0`;
      if (context.inFlow) {
        // Inside `{ ... }` everything stays on the line.
      } else if (choices.length > 0) insertText = `${key}: \${1|${choices.map(escapeChoice).join(',')}|}`;
      else if (types.length === 1 && types[0] === 'object') insertText = `${key}:\n${inner}$0`;
      else if (types.length === 1 && types[0] === 'array') insertText = `${key}:\n${inner}- $0`;
      return {
        label: key,
        kind: 'key',
        detail: typeof sub['x-noun'] === 'string' ? (sub['x-noun'] as string) : undefined,
        documentation: sub.markdownDescription ?? sub.description,
        insertText,
        snippet: true,
        replaceStart: context.wordStart,
        replaceEnd: context.wordEnd,
        sortText: `${required.has(key) ? '0' : '1'}${key}`,
      };
    });
}

// ---- values ----

function enumValues(schema: TopologySchema | undefined): string[] {
  const values: string[] = [];
  const seen = new Set<string>();
  for (const candidate of schemaVariants(schema)) {
    for (const value of candidate.enum ?? []) {
      const text = String(value);
      // The schema accepts `TCP` and `tcp`; offering both would only clutter the list.
      if (seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      values.push(text);
    }
  }
  return values;
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}

function valueEntries(
  models: TopologyModel[],
  context: CursorContext,
  schema: TopologySchema | undefined,
  service?: ReplaceRange,
): CompletionEntry[] {
  const path = context.path;
  const field = fieldOf(path);
  const model = models[0];
  const make = (
    label: string,
    kind: CompletionKind,
    detail?: string,
    documentation?: string,
    sortText?: string,
  ): CompletionEntry => ({
    label,
    kind,
    detail,
    documentation,
    insertText: label,
    snippet: false,
    replaceStart: context.wordStart,
    replaceEnd: context.wordEnd,
    sortText,
  });
  /** Names from each model, the current one first; a name the current text defines wins. */
  const references = (collect: (model: TopologyModel) => CompletionEntry[]): CompletionEntry[] => {
    const seen = new Set<string>();
    return models.flatMap(collect).filter((entry) => !seen.has(entry.label) && (seen.add(entry.label), true));
  };
  if (isRuleEndpointPath(path)) {
    return references((source) => {
      const entries = [make('any', 'endpoint', 'any address', undefined, '0')];
      for (const server of source.servers) {
        for (const item of server.interfaces)
          entries.push(
            make(
              `${server.name}.${item.name}`,
              'endpoint',
              describeEndpoint(source, `${server.name}.${item.name}`),
              undefined,
              `1${server.name}.${item.name}`,
            ),
          );
        entries.push(
          make(server.name, 'endpoint', describeEndpoint(source, server.name), undefined, `2${server.name}`),
        );
      }
      for (const pool of source.pools.keys())
        entries.push(make(pool, 'endpoint', describeEndpoint(source, pool), undefined, `3${pool}`));
      for (const network of source.networks)
        entries.push(
          make(network.name, 'network', describeEndpoint(source, network.name), undefined, `4${network.name}`),
        );
      return entries;
    });
  }
  if (service) return serviceEntries(models.find((candidate) => candidate.features.length > 0) ?? model, service);
  if (isNetworkReferencePath(path)) {
    return references((source) =>
      source.networks.map((network) =>
        make(network.name, 'network', [network.zone, ...network.subnets].filter(Boolean).join(' ')),
      ),
    );
  }
  if (path[0] === 'servers' && field === 'pool')
    return references((source) =>
      [...source.pools.keys()].map((pool) => make(pool, 'pool', source.pools.get(pool)?.join(', '))),
    );
  const entries = enumValues(schema).map((value) =>
    make(value, 'enum', undefined, schema?.markdownDescription ?? schema?.description),
  );
  if (typesOf(schema).includes('boolean')) entries.push(make('true', 'enum'), make('false', 'enum'));
  return entries;
}

interface ReplaceRange {
  start: number;
  end: number;
}

/**
 * What a service completion replaces: the whole value (its commas too: `50,000-59,999`), from
 * after a protocol label of the user's own that no catalog service starts with (`A/V/`), so a
 * service chosen there follows the label.
 */
function serviceReplaceRange(parsed: ParsedTopology, context: CursorContext, offset: number): ReplaceRange {
  const value = serviceValueAt(parsed, context, offset);
  const typed = parsed.text.slice(value.start, Math.max(value.start, offset)).toUpperCase();
  const services = allCatalogRows().map((row) => row.service.toUpperCase());
  const continued = (rest: string) => services.some((service) => service.startsWith(rest));
  if (continued(typed)) return value;
  for (let slash = typed.indexOf('/'); slash >= 0; slash = typed.indexOf('/', slash + 1)) {
    // A transport is not a label: after `FOO/TCP/` nothing is offered, rather than `FOO/TCP/XMPP/...`.
    if (isTransportToken(typed.slice(typed.lastIndexOf('/', slash - 1) + 1, slash))) break;
    const rest = typed.slice(slash + 1);
    if (continued(rest)) return { start: value.start + slash + 1, end: value.end };
  }
  return value;
}

function serviceEntries(model: TopologyModel, context: ReplaceRange): CompletionEntry[] {
  const enabled = new Set(enabledFeatures(model));
  const byService = new Map<string, ReturnType<typeof allCatalogRows>>();
  for (const row of allCatalogRows()) byService.set(row.service, [...(byService.get(row.service) ?? []), row]);
  return [...byService].map(([service, rows]) => ({
    label: service,
    kind: 'service' as const,
    detail: [...new Set(rows.map((row) => row.ruleName))].join(' / '),
    documentation: rows.map(catalogRowMarkdown).join('\n\n---\n\n'),
    insertText: service,
    snippet: false,
    replaceStart: context.start,
    replaceEnd: context.end,
    // The rows of the features this file enables first.
    sortText: `${rows.some((row) => enabled.has(row.feature)) ? '0' : '1'}${service}`,
  }));
}

// ---- missing rules of a firewall ----

/** On a blank line, or a new `- ` item, directly in a firewall's `rules`. */
function isRulesList(context: CursorContext): boolean {
  const path = context.path;
  if (path[0] !== 'firewalls' || path[2] !== 'rules' || typeof path[1] !== 'string') return false;
  return (
    path.length === 3 ||
    (path.length === 4 && typeof path[3] === 'number' && context.kind === 'value' && !context.inFlow)
  );
}

function missingRuleEntries(input: CompletionInput, context: CursorContext): CompletionEntry[] {
  const { parsed } = input;
  const text = parsed.text;
  const lineStart = text.lastIndexOf('\n', context.wordStart - 1) + 1;
  const newline = text.indexOf('\n', context.wordEnd);
  const lineEnd = newline < 0 ? text.length : newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  const before = text.slice(lineStart, context.wordStart);
  // Only where the whole line can become the new rule: indentation, an optional dash, a word.
  if (!/^\s*(-\s*)?$/.test(before) || text.slice(context.wordEnd, lineEnd).trim() !== '') return [];
  const firewallName = context.path[1] as string;
  const firewall = input.model.firewalls.find((candidate) => candidate.name === firewallName);
  // Read from the analysis rather than the diagnostics: every missing flow of the firewall
  // anchors on the same `rules` key, where one finding may stand for several.
  const missing = firewall ? missingRulesOf(input, firewallName) : undefined;
  if (!firewall || !missing) return [];
  const dash = before.includes('-') ? before.indexOf('-') : (dashColumnOf(parsed, firewall) ?? context.indent);
  const findings = input.diagnostics.filter((diagnostic) => diagnostic.code === 'missing-flow');
  return missing.rules.map((rule): CompletionEntry => {
    const ruleText = blockRuleText(rule, ' '.repeat(dash)).replace(/\n$/, '');
    const finding = findings.find((diagnostic) => diagnostic.data?.ruleName === rule.name);
    return {
      label: rule.name,
      kind: 'rule',
      detail: `missing rule: ${rule.service} from ${rule.from.join(', ')} to ${rule.to.join(', ')}`,
      documentation: `${finding ? `${finding.message}\n\n` : ''}\`\`\`yaml\n${ruleText}\n\`\`\``,
      insertText: ruleText,
      snippet: false,
      replaceStart: lineStart,
      replaceEnd: lineEnd,
      // Clients filter on the text from the start of the replaced range to the cursor.
      filterText: `${before}${rule.name}`,
      sortText: `0${rule.name}`,
    };
  });
}

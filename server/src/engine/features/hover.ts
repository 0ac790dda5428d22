import { formatAddressSet } from '../model/address';
import { catalogRowsForService } from '../catalog/describe';
import { catalogRowMarkdownIn } from '../i18n/rowMarkdown';
import { schemaTextIn, t } from '../i18n/translate';
import type { Locale } from '../../shared/locale';
import { cursorContext, type CursorContext } from '../yaml/cursor';
import { effectiveRow } from '../flows/rows';
import { describeEndpoint } from '../model/endpoints';
import type { TopologyModel } from '../model/model';
import { ParsedTopology, PathSegment, rangeOfOffsets } from '../yaml/parse';
import { schemaAtPath } from '../schema/navigation';
import type { TopologySchema } from '../schema/topologySchema';
import { formatPorts, parseServiceText } from '../model/service';
import { serviceValueAt } from './serviceValue';
import type { Diagnostic, SourceRange } from '../types';
import { isNetworkReferencePath, isRuleEndpointPath, isRuleServicePath } from './valuePaths';

export interface HoverInfo {
  markdown: string;
  range: SourceRange;
}

/**
 * What the word at `offset` means: a catalog row for a service, addresses for an endpoint, the schema's words for a
 * key. The model's descriptions of endpoints are English in every locale. `context`: the cursor's, when the
 * caller read it already (the language server's worker is given it, so it keeps no line table of its own).
 */
export function hoverAt(
  parsed: ParsedTopology,
  model: TopologyModel,
  offset: number,
  locale: Locale = 'en',
  context: CursorContext = cursorContext(parsed.text, offset),
): HoverInfo | undefined {
  if (!context.word) return undefined;
  if (context.kind === 'value' && isRuleServicePath(context.path)) {
    const service = serviceValueAt(parsed, context, offset);
    return {
      markdown: serviceHover(service.text, model, locale),
      range: rangeOfOffsets(parsed, service.start, service.end),
    };
  }
  const range = rangeOfOffsets(parsed, context.wordStart, context.wordEnd);
  const markdown =
    context.kind === 'value'
      ? valueHover(model, context.path, context.word, locale)
      : keyHover(model, context.path, context.word, locale);
  return markdown ? { markdown, range } : undefined;
}

/**
 * The findings whose range holds `offset`, each with its detail: the Problems panel shows the first
 * sentence, the hover the catalog row, the page and what to do. `diagnostics` are in the hover's language.
 */
export function findingsHoverAt(diagnostics: readonly Diagnostic[], offset: number, locale: Locale = 'en'): string[] {
  return diagnostics
    .filter((found) => found.range.startOffset <= offset && offset <= found.range.endOffset && found.detail)
    .map((found) => {
      const title = t(locale, 'hover/finding', { code: found.code, message: md(found.message) });
      return `${title}\n\n${md(found.detail!)}`;
    });
}

function valueHover(model: TopologyModel, path: PathSegment[], word: string, locale: Locale): string | undefined {
  if (isRuleEndpointPath(path)) {
    const side = t(locale, path[4] === 'from' ? 'hover/source' : 'hover/destination');
    return t(locale, 'hover/endpoint', { word: md(word), side, description: md(describeEndpoint(model, word)) });
  }
  if (isNetworkReferencePath(path)) {
    return networkHover(model, word, locale) ?? t(locale, 'hover/noNetwork', { word: md(word) });
  }
  return schemaText(schemaAtPath(path), locale);
}

function serviceHover(text: string, model: TopologyModel, locale: Locale): string {
  const parsed = parseServiceText(text);
  if (!parsed.ok) return md(t(locale, parsed.reason.id, parsed.reason.data));
  const { term } = parsed;
  // The pages for this file's product and Edge topology come first; the rest follow.
  const rows = catalogRowsForService(text).map((row) => ({ ...row, sources: effectiveRow(row, model).sources }));
  const transports = term.transports.map((transport) => transport.toUpperCase()).join(t(locale, 'hover/and'));
  const labelled = term.protocol ? t(locale, 'hover/labelled', { protocol: md(term.protocol) }) : '';
  const ports = term.portText === 'any' ? t(locale, 'hover/any') : formatPorts(term.ports);
  const noun = t(locale, /[,-]/.test(ports) ? 'hover/ports' : 'hover/port');
  const matches = t(locale, 'hover/matches', { transports, noun, ports: md(ports), labelled });
  if (rows.length === 0) return t(locale, 'hover/noRow', { text: md(text), matches });
  const described = rows.map((row) => catalogRowMarkdownIn(locale, row)).join('\n\n---\n\n');
  // Written as a row writes it, the row says it all; otherwise (`A/V/RTP/TCP/50,000-59,999`) say
  // first what the firewall matches and which rows that is.
  if (sameNotation(rows[0].service, text)) return described;
  const ids = rows.map((row) => row.id).join(', ');
  const as = t(locale, rows.length === 1 ? 'hover/asRow' : 'hover/asRows', { text: md(text), matches, ids });
  return `${as}\n\n---\n\n${described}`;
}

function sameNotation(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();
}

function networkHover(model: TopologyModel, name: string, locale: Locale): string | undefined {
  const network = model.networks.find((candidate) => candidate.name === name);
  if (!network) return undefined;
  const where =
    network.subnets.length > 0
      ? network.subnets.join(', ')
      : network.zone === 'external'
        ? t(locale, 'hover/internet')
        : t(locale, 'hover/noSubnets');
  const zone = md(network.zone ?? t(locale, 'hover/noZone'));
  return t(locale, 'hover/network', { name: md(name), zone, where: md(where) });
}

function keyHover(model: TopologyModel, path: PathSegment[], key: string, locale: Locale): string | undefined {
  const parts: string[] = [];
  if (path.length === 1 && path[0] === 'servers') {
    const server = model.servers.find((candidate) => candidate.name === key);
    if (server) {
      parts.push(`**${md(key)}**: ${md(roleAndPool(server.role, server.pool, locale))}`);
      for (const item of server.interfaces)
        parts.push(
          `- ${codeSpan(`${key}.${item.name}`)}: ${md(formatAddressSet(item.addresses))}` +
            (item.network ? t(locale, 'hover/inNetwork', { network: md(item.network) }) : ''),
        );
    }
  } else if (path.length === 3 && path[0] === 'servers' && path[2] === 'interfaces') {
    parts.push(`**${md(`${path[1]}.${key}`)}**: ${md(describeEndpoint(model, `${path[1]}.${key}`))}`);
  } else if (path.length === 1 && path[0] === 'networks') {
    const text = networkHover(model, key, locale);
    if (text) parts.push(text);
  }
  const described = schemaText(schemaAtPath([...path, key]), locale);
  if (described) parts.push(described);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function roleAndPool(role: string | undefined, pool: string | undefined, locale: Locale): string {
  return [role, pool && t(locale, 'hover/pool', { pool })].filter(Boolean).join(', ');
}

function schemaText(schema: TopologySchema | undefined, locale: Locale): string | undefined {
  if (!schema) return undefined;
  const text = schema.markdownDescription ?? schema.description;
  return typeof text === 'string' && text ? schemaTextIn(locale, text) : undefined;
}

/**
 * Names and values from the file, as literal Markdown text: the characters that start emphasis,
 * code, links, HTML, entities, tables or strikethrough are backslash-escaped, so `**`,
 * `[link](…)` or `<img>` in a name show as written. Line breaks become spaces, so nothing starts
 * a line (a heading, a list) and the other punctuation is safe as it is.
 */
function md(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_[\]<>&|~]/g, (char) => `\\${char}`);
}

/** A code span that no backtick in the text can close early: the fence is longer than any run inside. */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

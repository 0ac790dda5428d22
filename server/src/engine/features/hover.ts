import { formatAddressSet } from '../model/address';
import { catalogRowMarkdown, catalogRowsForService } from '../catalog/describe';
import { cursorContext } from '../yaml/cursor';
import { effectiveRow } from '../flows/rows';
import { describeEndpoint } from '../model/endpoints';
import type { TopologyModel } from '../model/model';
import { ParsedTopology, PathSegment, rangeOfOffsets } from '../yaml/parse';
import { schemaAtPath } from '../schema/navigation';
import type { TopologySchema } from '../schema/topologySchema';
import { formatPorts, parseServiceText } from '../model/service';
import { serviceValueAt } from './serviceValue';
import type { SourceRange } from '../types';
import { isNetworkReferencePath, isRuleEndpointPath, isRuleServicePath } from './valuePaths';

export interface HoverInfo {
  markdown: string;
  range: SourceRange;
}

/**
 * What the word at `offset` means: a catalog row for a service, addresses for an endpoint, the schema's words for a
 * key.
 */
export function hoverAt(parsed: ParsedTopology, model: TopologyModel, offset: number): HoverInfo | undefined {
  const context = cursorContext(parsed.text, offset);
  if (!context.word) return undefined;
  if (context.kind === 'value' && isRuleServicePath(context.path)) {
    const service = serviceValueAt(parsed, context, offset);
    return { markdown: serviceHover(service.text, model), range: rangeOfOffsets(parsed, service.start, service.end) };
  }
  const range = rangeOfOffsets(parsed, context.wordStart, context.wordEnd);
  const markdown =
    context.kind === 'value'
      ? valueHover(model, context.path, context.word)
      : keyHover(model, context.path, context.word);
  return markdown ? { markdown, range } : undefined;
}

function valueHover(model: TopologyModel, path: PathSegment[], word: string): string | undefined {
  if (isRuleEndpointPath(path)) {
    return `**${md(word)}** (${path[4] === 'from' ? 'source' : 'destination'}): ${md(describeEndpoint(model, word))}`;
  }
  if (isNetworkReferencePath(path)) {
    return networkHover(model, word) ?? `**${md(word)}**: no network of this name is defined under \`networks\`.`;
  }
  return schemaText(schemaAtPath(path));
}

function serviceHover(text: string, model: TopologyModel): string {
  const parsed = parseServiceText(text);
  if (!parsed.ok) return md(parsed.reason);
  const { term } = parsed;
  // The pages for this file's product and Edge topology come first; the rest follow.
  const rows = catalogRowsForService(text).map((row) => ({ ...row, sources: effectiveRow(row, model).sources }));
  const transports = term.transports.map((transport) => transport.toUpperCase()).join(' and ');
  const labelled = term.protocol ? ` (labelled ${md(term.protocol)})` : '';
  const ports = term.portText === 'any' ? 'any' : formatPorts(term.ports);
  const noun = /[,-]/.test(ports) ? 'ports' : 'port';
  const matches = `${transports} ${noun} ${md(ports)}${labelled}`;
  if (rows.length === 0) return `**${md(text)}**: ${matches}. No row of the port catalog uses it.`;
  const described = rows.map(catalogRowMarkdown).join('\n\n---\n\n');
  // Written as a row writes it, the row says it all; otherwise (`A/V/RTP/TCP/50,000-59,999`) say
  // first what the firewall matches and which rows that is.
  if (sameNotation(rows[0].service, text)) return described;
  const ids = rows.map((row) => row.id).join(', ');
  return `**${md(text)}**: ${matches}, as catalog ${rows.length === 1 ? 'row' : 'rows'} ${ids}.\n\n---\n\n${described}`;
}

function sameNotation(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();
}

function networkHover(model: TopologyModel, name: string): string | undefined {
  const network = model.networks.find((candidate) => candidate.name === name);
  if (!network) return undefined;
  const where =
    network.subnets.length > 0
      ? network.subnets.join(', ')
      : network.zone === 'external'
        ? 'the Internet (no subnets)'
        : 'no subnets';
  return `**${md(name)}**: network in zone ${md(network.zone ?? '(none)')}: ${md(where)}`;
}

function keyHover(model: TopologyModel, path: PathSegment[], key: string): string | undefined {
  const parts: string[] = [];
  if (path.length === 1 && path[0] === 'servers') {
    const server = model.servers.find((candidate) => candidate.name === key);
    if (server) {
      parts.push(
        `**${md(key)}**: ${md([server.role, server.pool && `pool ${server.pool}`].filter(Boolean).join(', '))}`,
      );
      for (const item of server.interfaces)
        parts.push(
          `- ${codeSpan(`${key}.${item.name}`)}: ${md(formatAddressSet(item.addresses))}` +
            (item.network ? ` in ${md(item.network)}` : ''),
        );
    }
  } else if (path.length === 3 && path[0] === 'servers' && path[2] === 'interfaces') {
    parts.push(`**${md(`${path[1]}.${key}`)}**: ${md(describeEndpoint(model, `${path[1]}.${key}`))}`);
  } else if (path.length === 1 && path[0] === 'networks') {
    const text = networkHover(model, key);
    if (text) parts.push(text);
  }
  const described = schemaText(schemaAtPath([...path, key]));
  if (described) parts.push(described);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function schemaText(schema: TopologySchema | undefined): string | undefined {
  if (!schema) return undefined;
  const text = schema.markdownDescription ?? schema.description;
  return typeof text === 'string' && text ? text : undefined;
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

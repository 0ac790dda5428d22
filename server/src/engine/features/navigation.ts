import type { TopologyModel } from '../model/model';
import { keyNodeAt, nodeAt, ParsedTopology, rangeOfOffsets } from '../yaml/parse';
import { LazyRuleItem } from '../yaml/lazyItems';
import type { SourceRange, TextEdit } from '../types';

/** The endpoint kinds whose target is a name written in the file. */
const NAMING = new Set(['server', 'network', 'pool', 'interface']);

/** What an occurrence is read from: a node, or the range a lazy rule item kept of one. */
interface Span {
  range?: readonly number[] | null;
}

// Go to definition, find references and rename share one index: every place in the file where a
// server, interface, network or pool name is written, as its definition or as a reference.

export type NamedThing =
  | { kind: 'server'; server: string }
  | { kind: 'interface'; server: string; interface: string }
  | { kind: 'network'; network: string }
  | { kind: 'pool'; pool: string };

export interface Occurrence {
  thing: NamedThing;
  range: SourceRange;
  /** The place that defines the name (a mapping key; for a pool, each server's `pool:` value). */
  definition: boolean;
}

export function occurrences(parsed: ParsedTopology, model: TopologyModel): Occurrence[] {
  const found: Occurrence[] = [];
  const add = (thing: NamedThing, node: Span | undefined, name: string, definition: boolean, from = 0): void => {
    const range = nameRange(parsed, node?.range, name, from);
    if (range) found.push({ thing, range, definition });
  };
  for (const network of model.networks)
    add({ kind: 'network', network: network.name }, keyNodeAt(parsed.doc, network.path), network.name, true);
  const networkNames = new Set(model.networks.map((network) => network.name));
  for (const server of model.servers) {
    add({ kind: 'server', server: server.name }, keyNodeAt(parsed.doc, server.path), server.name, true);
    if (server.pool)
      add({ kind: 'pool', pool: server.pool }, nodeAt(parsed.doc, [...server.path, 'pool']), server.pool, true);
    for (const item of server.interfaces) {
      add(
        { kind: 'interface', server: server.name, interface: item.name },
        keyNodeAt(parsed.doc, item.path),
        item.name,
        true,
      );
      if (item.network && networkNames.has(item.network)) {
        add(
          { kind: 'network', network: item.network },
          nodeAt(parsed.doc, [...item.path, 'network']),
          item.network,
          false,
        );
      }
    }
  }
  for (const firewall of model.firewalls) {
    firewall.between.forEach((name, index) => {
      if (networkNames.has(name))
        add({ kind: 'network', network: name }, nodeAt(parsed.doc, [...firewall.path, 'between', index]), name, false);
    });
    for (const rule of firewall.rules) {
      const item = nodeAt(parsed.doc, rule.path);
      for (const ref of [...rule.from, ...rule.to]) {
        // An address names nothing: its node is not read.
        if (!ref.target || !NAMING.has(ref.kind)) continue;
        // A lazy item (yaml/lazyItems.ts) knows where a whole `from:`/`to:` value is without parsing it again.
        const path = ref.path;
        const side = path.length === rule.path.length + 1 ? path[path.length - 1] : undefined;
        const kept = item instanceof LazyRuleItem && (side === 'from' || side === 'to') && item.valueRange(side);
        const node = kept ? { range: kept } : nodeAt(parsed.doc, path);
        if (ref.kind === 'server' && ref.target) add({ kind: 'server', server: ref.target }, node, ref.target, false);
        else if (ref.kind === 'network' && ref.target)
          add({ kind: 'network', network: ref.target }, node, ref.target, false);
        else if (ref.kind === 'pool' && ref.target) add({ kind: 'pool', pool: ref.target }, node, ref.target, false);
        else if (ref.kind === 'interface' && ref.target && ref.interfaceName) {
          add({ kind: 'server', server: ref.target }, node, ref.target, false);
          add(
            { kind: 'interface', server: ref.target, interface: ref.interfaceName },
            node,
            ref.interfaceName,
            false,
            ref.target.length + 1,
          );
        }
      }
    }
  }
  // An alias makes two paths lead to one node: keep each written place once.
  const seen = new Set<string>();
  return found.filter((occurrence) => {
    const key = `${occurrence.range.startOffset}:${occurrence.range.endOffset}:${occurrence.thing.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The span of `name` inside a scalar node's source (which may be quoted), searching from `from`. */
function nameRange(
  parsed: ParsedTopology,
  range: readonly number[] | null | undefined,
  name: string,
  from: number,
): SourceRange | undefined {
  if (!range) return undefined;
  const source = parsed.text.slice(range[0], range[1]);
  const quoted = source.startsWith('"') || source.startsWith("'") ? 1 : 0;
  const index = source.indexOf(name, quoted + from);
  if (index < 0) return undefined;
  return rangeOfOffsets(parsed, range[0] + index, range[0] + index + name.length);
}

export function sameThing(a: NamedThing, b: NamedThing): boolean {
  if (a.kind !== b.kind || nameOf(a) !== nameOf(b)) return false;
  // Interface names repeat across servers (every Edge has `internal`): the server tells them apart.
  return a.kind !== 'interface' || a.server === (b as typeof a).server;
}

export function nameOf(thing: NamedThing): string {
  switch (thing.kind) {
    case 'server':
      return thing.server;
    case 'interface':
      return thing.interface;
    case 'network':
      return thing.network;
    case 'pool':
      return thing.pool;
  }
}

/** The occurrence under the cursor; the end offset counts, so a cursor just after a name finds it. */
export function occurrenceAt(parsed: ParsedTopology, model: TopologyModel, offset: number): Occurrence | undefined {
  return occurrences(parsed, model).find((item) => item.range.startOffset <= offset && offset <= item.range.endOffset);
}

export function definitionsAt(parsed: ParsedTopology, model: TopologyModel, offset: number): SourceRange[] {
  const all = occurrences(parsed, model);
  const at = all.find((item) => item.range.startOffset <= offset && offset <= item.range.endOffset);
  if (!at) return [];
  return all.filter((item) => item.definition && sameThing(item.thing, at.thing)).map((item) => item.range);
}

export function referencesAt(
  parsed: ParsedTopology,
  model: TopologyModel,
  offset: number,
  includeDeclaration: boolean,
): SourceRange[] {
  const all = occurrences(parsed, model);
  const at = all.find((item) => item.range.startOffset <= offset && offset <= item.range.endOffset);
  if (!at) return [];
  return all
    .filter((item) => sameThing(item.thing, at.thing) && (includeDeclaration || !item.definition))
    .map((item) => item.range);
}

export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

// Names are written bare in `from`/`to`, and `server.interface` splits on the first dot, so a
// new server or interface name may not hold a dot or anything YAML would read differently.
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const POOL = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function prepareRenameAt(
  parsed: ParsedTopology,
  model: TopologyModel,
  offset: number,
): { range: SourceRange; placeholder: string } | undefined {
  const at = occurrenceAt(parsed, model, offset);
  return at ? { range: at.range, placeholder: nameOf(at.thing) } : undefined;
}

export function renameAt(parsed: ParsedTopology, model: TopologyModel, offset: number, newName: string): RenameResult {
  const all = occurrences(parsed, model);
  const at = all.find((item) => item.range.startOffset <= offset && offset <= item.range.endOffset);
  if (!at) return { ok: false, reason: 'Only a server, interface, network or pool name can be renamed here.' };
  const thing = at.thing;
  if (!(thing.kind === 'pool' ? POOL : NAME).test(newName)) {
    return {
      ok: false,
      reason:
        `'${newName}' cannot be used: a ${thing.kind} name is letters, digits, '_' and ` +
        `'-'${thing.kind === 'pool' ? ' and dots' : ''}.`,
    };
  }
  if (nameOf(thing) === newName) return { ok: true, edits: [] };
  const taken = takenNames(model, thing);
  if (taken.includes(newName)) return { ok: false, reason: `A ${thing.kind} named '${newName}' already exists.` };
  const edits = all
    .filter((item) => sameThing(item.thing, thing))
    .map((item) => ({ startOffset: item.range.startOffset, endOffset: item.range.endOffset, newText: newName }));
  return { ok: true, edits };
}

function takenNames(model: TopologyModel, thing: NamedThing): string[] {
  switch (thing.kind) {
    case 'server':
      return model.servers.map((server) => server.name);
    case 'interface':
      return model.servers.find((server) => server.name === thing.server)?.interfaces.map((item) => item.name) ?? [];
    case 'network':
      return model.networks.map((network) => network.name);
    case 'pool':
      return [...model.pools.keys()];
  }
}

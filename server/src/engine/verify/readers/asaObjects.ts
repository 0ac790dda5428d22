import { textRef, type MessageData, type MessageValue } from '../../messageFormat';
import type { DumpProblem } from '../dumpRule';
import type { AsaConfig, AsaDefinition, AsaDefinitionKind } from './asaConfig';
import { type AsaLine, type AsaToken, tokenLocation } from './asaLines';
import type { AsaService } from './asaServices';
import { readerProblem, type ReaderTextId } from './texts';

// What a name in an access list stands for, through any depth of `group-object` and
// `network-object object` nesting. A group that contains itself, directly or not, is an error
// (the ASA refuses it; a config that has one was edited by hand). A problem inside a definition is
// reported once, however many rules name it.

export interface Resolved<T> {
  values: T[];
  /** Members the reader could not turn into addresses (an `fqdn` object): left out. */
  unresolved: string[];
}

type Member = AsaDefinition['members'][number]['member'];
type Take<T> = (definition: AsaDefinition, line: AsaLine, member: Member, out: Resolved<T>) => void;
type Nested = (member: { kind: 'object' | 'group' }, definition: AsaDefinition) => AsaDefinitionKind[];

export class AsaObjects {
  private readonly reported = new Set<string>();

  constructor(
    private readonly config: AsaConfig,
    private readonly problems: DumpProblem[],
  ) {}

  /** The addresses of a network object or group; null when it cannot be read. */
  network(name: string, kind: 'object' | 'group', line: AsaLine, token: AsaToken): Resolved<string> | null {
    const take: Take<string> = (definition, memberLine, member, out) => {
      if (member.kind === 'addresses') out.values.push(...member.addresses);
      if (member.kind !== 'fqdn') return;
      out.unresolved.push(member.name);
      const data = { name: definition.name, fqdn: member.name };
      this.report(memberLine, memberLine.tokens[memberLine.tokens.length - 1], 'dump/asa/fqdn', data, 'warning');
    };
    const nested: Nested = (member) => (member.kind === 'object' ? ['network-object'] : ['network-group']);
    return this.resolve(name, [kind === 'object' ? 'network-object' : 'network-group'], line, token, take, nested);
  }

  /** The services of a service object, a service group, a port group or a protocol group. */
  services(name: string, kinds: AsaDefinitionKind[], line: AsaLine, token: AsaToken): Resolved<AsaService> | null {
    const take: Take<AsaService> = (_definition, _line, member, out) => {
      if (member.kind === 'services') out.values.push(...member.services);
    };
    const nested: Nested = (member, definition) => (member.kind === 'object' ? ['service-object'] : [definition.kind]);
    return this.resolve(name, kinds, line, token, take, nested);
  }

  /** The kind of a defined name, for the words whose meaning depends on it (ports or addresses). */
  kindOf(name: string): AsaDefinitionKind | undefined {
    return this.config.definitions.get(name)?.kind;
  }

  private resolve<T>(
    name: string,
    kinds: AsaDefinitionKind[],
    line: AsaLine,
    token: AsaToken,
    take: Take<T>,
    nested: Nested,
    stack = new Set<string>(),
  ): Resolved<T> | null {
    const definition = this.config.definitions.get(name);
    if (!definition || !kinds.includes(definition.kind)) {
      const what = kinds.map(kindText).reduce((first, second) => textRef('dump/asa/or', { first, second }));
      const found = definition ? textRef('dump/asa/itIs', { kind: kindText(definition.kind) }) : '';
      this.report(line, token, 'dump/asa/undefined', { what, name, found });
      return null;
    }
    const out: Resolved<T> = { values: [], unresolved: [] };
    stack.add(name);
    for (const { line: memberLine, member } of definition.members) {
      if (member.kind === 'object' || member.kind === 'group') {
        if (stack.has(member.name)) {
          const cycle = [...stack].slice([...stack].indexOf(member.name));
          const path = [...cycle, member.name].join(' → ');
          this.report(memberLine, member.token, 'dump/asa/cycle', { name: member.name, path });
          stack.delete(name);
          return null;
        }
        const inner = this.resolve<T>(
          member.name,
          nested(member, definition),
          memberLine,
          member.token,
          take,
          nested,
          stack,
        );
        if (!inner) {
          stack.delete(name);
          return null;
        }
        out.values.push(...inner.values);
        out.unresolved.push(...inner.unresolved);
      } else {
        take(definition, memberLine, member, out);
      }
    }
    stack.delete(name);
    return out;
  }

  report(
    line: AsaLine,
    token: AsaToken | undefined,
    id: ReaderTextId,
    data: MessageData = {},
    severity: DumpProblem['severity'] = 'error',
  ): void {
    const problem = readerProblem(tokenLocation(line, token), id, data, severity);
    const key = `${problem.location.line}:${problem.location.column}:${problem.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push(problem);
  }
}

/** `network object`, `service group` ...: a kind as a problem names it. */
function kindText(kind: AsaDefinitionKind): MessageValue {
  return textRef(`dump/asa/kind/${kind}` satisfies ReaderTextId);
}

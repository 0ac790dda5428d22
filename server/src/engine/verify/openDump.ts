import { editDistance } from '../../shared/editDistance';
import type { Locale } from '../../shared/locale';
import type { DumpFormat, DumpProblem } from './dumpRule';
import { dumpInputOf, readDump } from './readDump';
import { dumpProblemIn } from './readers/localize';
import { edgeServerFamilies, edgeServerNames, firewallNames, type DumpInput } from './verify';
import { fillTemplate } from '../../shared/fillTemplate';

// What `lync-ports verify` and the editor's "Verify Firewall Dump…" both do before verifying: the
// name must be a firewall's or an Edge server's, the dump must read as the firewall reads it, and
// what stops either is said in one sentence. The command line says it with the dump's path and
// its options (--chain, --dump-format); the editor, which has neither, without them.

export interface DumpRequest {
  /** The firewall's name under `firewalls`, or an Edge server's (its host firewall). */
  name: string;
  text: string;
  /** A format id; absent: the first format that recognises the text. */
  format?: string;
  /** The chain, access-list or Windows direction that stands for the firewall. */
  ruleList?: string;
}

export type DumpRefusal =
  | { reason: 'unknown-name'; name: string; guess?: string; firewalls: string[]; servers: string[] }
  | { reason: 'unknown-format'; value: string; formats: string[] }
  | { reason: 'not-recognised'; formats: string[] }
  | { reason: 'problem'; name: string; format: DumpFormat; problem: DumpProblem };

export type OpenedDump =
  { ok: true; input: DumpInput; format: DumpFormat; warnings: DumpProblem[] } | { ok: false; refusal: DumpRefusal };

/** The refusal when `name` is neither a firewall nor an Edge server of the topology, with the nearest name. */
export function unknownDumpName(topology: string, name: string): DumpRefusal | undefined {
  return unknownIn(firewallNames(topology), edgeServerNames(topology), name);
}

function unknownIn(firewalls: string[], servers: string[], name: string): DumpRefusal | undefined {
  if (firewalls.includes(name) || servers.includes(name)) return undefined;
  const guess = [...firewalls, ...servers]
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter((item) => item.distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0]?.candidate;
  return { reason: 'unknown-name', name, ...(guess ? { guess } : {}), firewalls, servers };
}

/** The dump read for the firewall (or Edge server) it is named for, or why it cannot be. */
export function openDump(topology: string, request: DumpRequest): OpenedDump {
  const firewalls = firewallNames(topology);
  const unknown = unknownIn(firewalls, edgeServerNames(topology), request.name);
  if (unknown) return { ok: false, refusal: unknown };
  // A name both a firewall's and an Edge server's is the firewall's, as verifyTopology reads it.
  const host = !firewalls.includes(request.name);
  const families = host ? edgeServerFamilies(topology, request.name) : [];
  const read = readDump(request.text, {
    host,
    ...(families.length > 0 ? { hostFamilies: families } : {}),
    ...(request.format === undefined ? {} : { format: request.format }),
    ...(request.ruleList === undefined ? {} : { ruleList: request.ruleList }),
  });
  if (read.ok)
    return { ok: true, input: dumpInputOf(request.name, read), format: read.format, warnings: read.warnings };
  if (read.reason === 'problem')
    return {
      ok: false,
      refusal: { reason: 'problem', name: request.name, format: read.format, problem: read.problem },
    };
  if (read.reason === 'unknown-format')
    return { ok: false, refusal: { reason: 'unknown-format', value: request.format ?? '', formats: read.formats } };
  return { ok: false, refusal: { reason: 'not-recognised', formats: read.formats } };
}

const EN = {
  unknownName: "the topology has no firewall or Edge server '{{name}}'",
  names: '.{{hint}} Firewalls: {{firewalls}}; Edge servers: {{servers}}',
  didYouMean: " Did you mean '{{name}}'?",
  unknownFormat: "the dump format '{{value}}' is none of {{formats}}",
  notRecognised: '{{dump}} is none of the dump formats verify reads ({{formats}})',
  theFile: 'the file',
  nameFormat: '; name one with --dump-format',
  problemAt: '{{dump}}:{{line}}:{{column}}: {{format}}: {{message}}',
  problemIn: 'line {{line}}, column {{column}} of the dump ({{format}}): {{message}}',
  chainHint: ' (--chain {{name}}=CHAIN)',
} as const;

const RU: Record<keyof typeof EN, string> = {
  unknownName: "в топологии нет брандмауэра или пограничного сервера '{{name}}'",
  names: '.{{hint}} Брандмауэры: {{firewalls}}; пограничные серверы: {{servers}}',
  didYouMean: " Возможно, имелось в виду '{{name}}'?",
  unknownFormat: "формат выгрузки '{{value}}' не входит в {{formats}}",
  notRecognised: '{{dump}} не относится ни к одному из форматов выгрузки, которые читает verify ({{formats}})',
  theFile: 'файл',
  nameFormat: '; укажите формат в --dump-format',
  problemAt: '{{dump}}:{{line}}:{{column}}: {{format}}: {{message}}',
  problemIn: 'строка {{line}}, столбец {{column}} выгрузки ({{format}}): {{message}}',
  chainHint: ' (--chain {{name}}=ЦЕПОЧКА)',
};

/**
 * The refusal in one sentence, without a capital or a full stop (the caller frames it). `dump`:
 * the dump's path on the command line, which then also names the options that help; without it
 * the sentence is the editor's.
 */
export function refusalText(refusal: DumpRefusal, where: { dump?: string; locale?: Locale } = {}): string {
  const texts = where.locale === 'ru' ? RU : EN;
  const say = (key: keyof typeof EN, data: Record<string, string | number> = {}) => fillTemplate(texts[key], data);
  const cli = where.dump !== undefined;
  switch (refusal.reason) {
    case 'unknown-name': {
      const sentence = say('unknownName', { name: refusal.name });
      if (!cli) return sentence;
      const hint = refusal.guess ? say('didYouMean', { name: refusal.guess }) : '';
      const firewalls = refusal.firewalls.join(', ') || '-';
      return sentence + say('names', { hint, firewalls, servers: refusal.servers.join(', ') || '-' });
    }
    case 'unknown-format':
      return say('unknownFormat', { value: refusal.value, formats: refusal.formats.join(', ') });
    case 'not-recognised': {
      const formats = refusal.formats.join(', ');
      if (!cli) return say('notRecognised', { dump: say('theFile'), formats });
      return say('notRecognised', { dump: where.dump!, formats }) + say('nameFormat');
    }
    case 'problem': {
      const { problem, format } = refusal;
      const data = { ...problem.location, format: format.title, message: dumpProblemIn(problem, where.locale ?? 'en') };
      if (!cli) return say('problemIn', data);
      // A dump of several chains: the option that names one.
      const hint = /chain/.test(problem.message) ? say('chainHint', { name: refusal.name }) : '';
      return say('problemAt', { ...data, dump: where.dump! }) + hint;
    }
  }
}

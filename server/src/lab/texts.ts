import { cliLocale } from '../cli/texts';
import { fillTemplate } from '../shared/fillTemplate';

// The words `lync-ports lab` prints while it runs, in English and Russian. Its help lives with the
// other commands' in cli/texts.ts; these stay in the command's bundle, out of the CLI's entry
// (which --version and --help load, and which is kept small).

const EN = {
  needsLinux: 'lab: needs the network namespaces of Linux, not {{platform}}',
  needsRoot: 'lab: needs root to create network namespaces (run it with sudo)',
  needsTool: "lab: '{{tool}}' is not installed (apt-get install iproute2 nftables)",
  badTimeout: "lab: --timeout must be a number of milliseconds from 100 to 30000, not '{{value}}'",
  noParse: 'lab: {{file}}: the YAML does not parse (run lync-ports check {{file}})',
  nothingToProve:
    'lab: {{file}}: no required flow crosses a firewall of the file, so there is nothing to prove ' +
    '(run lync-ports check {{file}})',
  cannotPlan: 'lab: {{file}}: cannot build the lab: {{reason}}',
  setupFailed: 'lab: the lab could not be built or run: {{reason}}',
  line:
    '{{mark}} {{id}} {{what}} [{{firewalls}}] {{from}} -> {{to}} {{transport}}/{{port}}: ' +
    'expected {{expected}}, got {{got}}',
  ok: 'ok  ',
  fail: 'FAIL',
  required: 'required {{flow}} {{service}}',
  negative: 'not required ({{why}})',
  'why/reverse': 'reverse of {{flow}}',
  'why/wrongPort': 'next port after {{flow}}',
  'why/wrongTransport': 'other transport than {{flow}}',
  'why/sensitive': 'administration port',
  pass: 'pass',
  drop: 'drop',
  error: 'error',
  unprobed: 'not probed: {{flow}} {{ends}}{{reason}}',
  'reason/noFirewall': 'crosses no firewall',
  'reason/sameNamespace': 'both ends in one namespace',
  'reason/otherPath': 'in the lab the packet would cross other firewalls',
  'reason/noAddress': 'no IPv4 address to send from or to',
  'reason/bound': 'over the limit of probes',
  summary: '{{probes}}: {{asExpected}} as expected, {{unexpected}} not; {{unprobed}} not probed.',
  'end/internet': 'internet host',
  'end/host': 'host in {{network}}',
  'end/public': '{{label}} (public)',
  arrivesAt: ' (arrives at {{address}})',
  seenFrom: 'arrived from {{seen}}, not {{expected}}',
  leftBehind: 'lab: could not delete {{namespaces}}',
  noAnswer: 'no answer',
  'setup/listener': 'listener {{address}}:{{port}} in {{namespace}}: {{error}}',
  'setup/agentWrote': 'agent in {{namespace}} wrote: {{line}}',
  'setup/agentEnded': 'agent in {{namespace}} ended ({{code}}): {{stderr}}',
  'setup/agentFailed': 'agent in {{namespace}}: {{error}}',
  'setup/agentSilent': 'agent in {{namespace}} did not answer within {{ms}} ms',
} as const;

export type LabTextKey = keyof typeof EN;

const RU: Record<LabTextKey, string> = {
  needsLinux: 'lab: нужны сетевые пространства имен Linux, а это {{platform}}',
  needsRoot: 'lab: для создания сетевых пространств имен нужны права root (запустите через sudo)',
  needsTool: "lab: не установлен '{{tool}}' (apt-get install iproute2 nftables)",
  badTimeout: "lab: --timeout должен быть числом миллисекунд от 100 до 30000, а не '{{value}}'",
  noParse: 'lab: {{file}}: YAML не разбирается (запустите lync-ports check {{file}})',
  nothingToProve:
    'lab: {{file}}: ни один обязательный поток не проходит через брандмауэр файла, проверять нечего ' +
    '(запустите lync-ports check {{file}})',
  cannotPlan: 'lab: {{file}}: не удалось построить лабораторию: {{reason}}',
  setupFailed: 'lab: не удалось построить или запустить лабораторию: {{reason}}',
  line:
    '{{mark}} {{id}} {{what}} [{{firewalls}}] {{from}} -> {{to}} {{transport}}/{{port}}: ' +
    'ожидалось: {{expected}}, получено: {{got}}',
  ok: 'ок  ',
  fail: 'СБОЙ',
  required: 'обязательный {{flow}} {{service}}',
  negative: 'не требуется ({{why}})',
  'why/reverse': 'обратный к {{flow}}',
  'why/wrongPort': 'следующий порт после {{flow}}',
  'why/wrongTransport': 'другой транспорт, чем у {{flow}}',
  'why/sensitive': 'порт администрирования',
  pass: 'проходит',
  drop: 'отброшен',
  error: 'ошибка',
  unprobed: 'не проверено: {{flow}} {{ends}}{{reason}}',
  'reason/noFirewall': 'не пересекает ни одного брандмауэра',
  'reason/sameNamespace': 'оба конца в одном пространстве имен',
  'reason/otherPath': 'в лаборатории пакет прошел бы через другие брандмауэры',
  'reason/noAddress': 'нет адреса IPv4, с которого или на который отправить',
  'reason/bound': 'сверх предела числа проб',
  summary: '{{probes}}: {{asExpected}} как ожидалось, {{unexpected}} нет; не проверено: {{unprobed}}.',
  'end/internet': 'узел в Интернете',
  'end/host': 'узел в {{network}}',
  'end/public': '{{label}} (общедоступный адрес)',
  arrivesAt: ' (приходит на {{address}})',
  seenFrom: 'пришла от {{seen}}, а не от {{expected}}',
  leftBehind: 'lab: не удалось удалить {{namespaces}}',
  noAnswer: 'нет ответа',
  'setup/listener': 'прослушиватель {{address}}:{{port}} в {{namespace}}: {{error}}',
  'setup/agentWrote': 'агент в {{namespace}} вывел: {{line}}',
  'setup/agentEnded': 'агент в {{namespace}} завершился ({{code}}): {{stderr}}',
  'setup/agentFailed': 'агент в {{namespace}}: {{error}}',
  'setup/agentSilent': 'агент в {{namespace}} не ответил за {{ms}} мс',
};

export const LAB_TEXTS = { en: EN, ru: RU } as const;

/** The lab's text `key` in the CLI's language, {{placeholders}} filled. */
export function labSay(key: LabTextKey, data: Record<string, string | number> = {}): string {
  const texts: Readonly<Record<LabTextKey, string>> = LAB_TEXTS[cliLocale()];
  return fillTemplate(texts[key], data);
}

import { type Locale, localeOf, localeOfEnvironment } from '../shared/locale';
import { UsageError } from './io';
import { fillTemplate } from '../shared/fillTemplate';

// The CLI's own words (help, summary lines, errors) in English and Russian, by key; the findings'
// words are the engine's. The language is `--lang en|ru`, else LC_ALL / LC_MESSAGES / LANG. The
// entry and each command bundle hold their own copy of this module: each takes --lang itself.

const EN = {
  usage: 'Usage: lync-ports <command> ...',
  usageLimits:
    'Inputs are regular files (or - for standard input) of at most 16 MB; --max-size SIZE (such as 64M) or\n' +
    '{{env}}=SIZE changes the limit. --lang en|ru chooses the language (else LC_ALL, LC_MESSAGES, LANG).',
  commandUsage:
    'Usage: lync-ports {{usage}} [--max-size SIZE] [--lang en|ru]\n  Inputs: regular files of at most 16 MB.',
  'about/check': '(the findings; --verbose adds the catalog row, page and explanation)',
  'about/diagram': '(the firewall flow diagram as SVG or PNG)',
  'about/export': '(the rule sets per firewall)',
  'about/serve': '(the language server)',
  'about/report': '(one HTML page for the change board, printable to PDF)',
  'about/import': '(a topology file from the Topology Builder / Get-CsTopology -AsXml XML)',
  importOneFile: 'import: give exactly one XML file (or - for standard input)',
  importExists: "import: '{{output}}' exists; --force replaces it",
  importWrote: 'Wrote {{output}} ({{servers}} servers). Next: lync-ports fix {{output}} --write',
  'about/lab': '(real packets through the nftables export, in network namespaces; Linux, root)',
  'about/verify': "(a real firewall's rules checked against the topology)",
  wroteExport: 'Wrote {{output}}: {{rules}} of {{firewalls}} as {{format}}.',
  wroteScript: 'Wrote {{output}}: the Windows Firewall rules of the Edge server {{server}}.',
  noEdgeScript: 'export: {{file}} has no Edge server, so no Windows Firewall script',
  wroteReport: 'Wrote {{output}} ({{allowed}}/{{required}} required flows allowed, {{findings}}).',
  wroteDiagram: 'Wrote {{output}} ({{allowed}}/{{required}} required flows allowed).',
  didYouMean: " Did you mean '{{name}}'?",
  unknownCommand: "unknown command '{{name}}'.{{hint}} Commands: {{commands}}",
  badLang: "--lang must be one of en, ru, not '{{value}}'",
  noFiles: 'check: give at least one topology file (or - for standard input)',
  oneFile: '{{command}}: give exactly one topology file',
  oneOf: "{{command}}: --{{option}} must be one of {{allowed}}, not '{{value}}'",
  clean: '{{files}} checked: no problems.',
  summary: '{{errors}}, {{warnings}} in {{files}}.',
  internalError: 'internal error: {{error}}',
  fixStdin: 'fix: --write needs a file, not standard input',
  nothingToFix: 'Nothing to fix automatically.',
  applied: 'Applied {{fixes}}.',
  appliedTo: 'Applied {{fixes}} to {{file}}.',
  toDo: 'Still to do by hand:',
  forInformation: 'For your information:',
  fixedLine: 'fixed: {{title}}',
  notAppliedLine: 'not applied: {{title}} ({{reason}})',
  'dropped/ineffective': 'it does not resolve its finding',
  'dropped/unparsable': 'its result would not parse',
} as const;

export type TextKey = keyof typeof EN;

const RU: Record<TextKey, string> = {
  usage: 'Использование: lync-ports <команда> ...',
  usageLimits:
    'Входные данные — обычные файлы (или - для стандартного ввода) не больше 16 МБ; --max-size РАЗМЕР\n' +
    '(например, 64M) или {{env}}=РАЗМЕР меняет предел. --lang en|ru выбирает язык (иначе LC_ALL, LC_MESSAGES, LANG).',
  commandUsage:
    'Использование: lync-ports {{usage}} [--max-size РАЗМЕР] [--lang en|ru]\n' +
    '  Входные данные: обычные файлы не больше 16 МБ.',
  'about/check': '(замечания; --verbose добавляет строку каталога, страницу и пояснение)',
  'about/diagram': '(схема потоков через брандмауэры в SVG или PNG)',
  'about/export': '(наборы правил для каждого брандмауэра)',
  'about/serve': '(языковой сервер)',
  'about/report': '(одна HTML-страница для совета по изменениям, печатается в PDF)',
  'about/import': '(файл топологии из XML построителя топологий / Get-CsTopology -AsXml)',
  importOneFile: 'import: укажите ровно один XML-файл (или - для стандартного ввода)',
  importExists: "import: '{{output}}' уже существует; --force заменяет его",
  importWrote: 'Записан {{output}} (серверов: {{servers}}). Далее: lync-ports fix {{output}} --write',
  'about/lab': '(настоящие пакеты через экспорт nftables в сетевых пространствах имен; Linux, root)',
  'about/verify': '(правила настоящего брандмауэра по топологии)',
  wroteExport: 'Записан {{output}} ({{format}}): {{rules}}, {{firewalls}}.',
  wroteScript: 'Записан {{output}}: правила брандмауэра Windows пограничного сервера {{server}}.',
  noEdgeScript: 'export: в {{file}} нет пограничного сервера, поэтому нет сценария брандмауэра Windows',
  wroteReport: 'Записан {{output}} (разрешено обязательных потоков: {{allowed}} из {{required}}; {{findings}}).',
  wroteDiagram: 'Записан {{output}} (разрешено обязательных потоков: {{allowed}} из {{required}}).',
  didYouMean: " Возможно, имелось в виду '{{name}}'?",
  unknownCommand: "неизвестная команда '{{name}}'.{{hint}} Команды: {{commands}}",
  badLang: "--lang должен быть en или ru, а не '{{value}}'",
  noFiles: 'check: укажите хотя бы один файл топологии (или - для стандартного ввода)',
  oneFile: '{{command}}: укажите ровно один файл топологии',
  oneOf: "{{command}}: --{{option}} должен быть одним из {{allowed}}, а не '{{value}}'",
  clean: 'Проверено {{files}}: замечаний нет.',
  summary: '{{errors}}, {{warnings}}; проверено {{files}}.',
  internalError: 'внутренняя ошибка: {{error}}',
  fixStdin: 'fix: для --write нужен файл, а не стандартный ввод',
  nothingToFix: 'Автоматически исправить нечего.',
  applied: 'Применено: {{fixes}}.',
  appliedTo: 'Применено в {{file}}: {{fixes}}.',
  toDo: 'Осталось сделать вручную:',
  forInformation: 'К сведению:',
  fixedLine: 'исправлено: {{title}}',
  notAppliedLine: 'не применено: {{title}} ({{reason}})',
  'dropped/ineffective': 'оно не устраняет своё замечание',
  'dropped/unparsable': 'после него файл не разбирается',
};

export const CLI_TEXTS: Record<Locale, Readonly<Record<TextKey, string>>> = { en: EN, ru: RU };

/** Counted nouns: English one/other; Russian one (1, 21), few (2-4, 22-24), many (the rest). */
const NOUNS = {
  en: {
    file: ['file', 'files'],
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    fix: ['fix', 'fixes'],
    probe: ['probe', 'probes'],
    rule: ['rule', 'rules'],
    firewall: ['firewall', 'firewalls'],
    finding: ['finding', 'findings'],
  },
  ru: {
    file: ['файл', 'файла', 'файлов'],
    error: ['ошибка', 'ошибки', 'ошибок'],
    warning: ['предупреждение', 'предупреждения', 'предупреждений'],
    fix: ['исправление', 'исправления', 'исправлений'],
    probe: ['проба', 'пробы', 'проб'],
    rule: ['правило', 'правила', 'правил'],
    firewall: ['брандмауэр', 'брандмауэра', 'брандмауэров'],
    finding: ['замечание', 'замечания', 'замечаний'],
  },
} as const;

let locale: Locale = localeOfEnvironment(process.env);

export function cliLocale(): Locale {
  return locale;
}

/** The CLI's text `key` in its language, {{placeholders}} filled. */
export function say(key: TextKey, data: Record<string, string | number> = {}): string {
  return fillTemplate(CLI_TEXTS[locale][key], data);
}

export function counted(n: number, noun: keyof (typeof NOUNS)['en']): string {
  if (locale === 'en') return `${n} ${NOUNS.en[noun][n === 1 ? 0 : 1]}`;
  const forms = NOUNS.ru[noun];
  const [ten, hundred] = [n % 10, n % 100];
  const form = ten === 1 && hundred !== 11 ? 0 : ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? 1 : 2;
  return `${n} ${forms[form]}`;
}

/**
 * `--lang en|ru` (or `--lang=ru`) taken out of the arguments, setting the language; without it
 * the environment's holds. Any other language is a usage error.
 */
export function takeLang(args: readonly string[], env: Record<string, string | undefined> = process.env): string[] {
  locale = localeOfEnvironment(env);
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const inline = /^--lang=(.*)$/.exec(args[k]);
    if (!inline && args[k] !== '--lang') {
      rest.push(args[k]);
      continue;
    }
    const value = inline ? inline[1] : args[++k];
    if (value !== 'en' && value !== 'ru') throw new UsageError(say('badLang', { value: value ?? '' }));
    locale = localeOf(value);
  }
  return rest;
}

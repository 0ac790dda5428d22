import { type Locale, localeOf, localeOfEnvironment } from '../shared/locale';
import { UsageError } from './io';

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
  'help/product': '  --product lync2013|sfb2015|sfb2019   the product when the file does not say (topology.product)',
  'help/check':
    'Checks topology files against the documented port rules. A directory stands for every\n' +
    '*.topology.yaml and *.topology.yml under it. Exit 0 without errors, 1 with one, 2 for usage.\n' +
    '  --format text|json|sarif   text for people (default), json for scripts, sarif for code scanning\n' +
    '  --verbose   adds the catalog row, the page and the explanation to each finding\n{{product}}',
  'help/fix':
    'Applies every safe quick fix and prints the result; lists what is left on standard error.\n' +
    '  --write   replace the file (through a temporary file and a rename)\n{{product}}',
  'help/diagram':
    'Draws the firewall flow diagram: SVG on standard output, or the file -o names.\n' +
    '  -o, --output OUT.svg|OUT.png   write an SVG, or a PNG at twice the size\n{{product}}',
  'help/export':
    "Writes each firewall's rules with the catalog rows they serve.\n" +
    '  -f, --format csv|markdown|powershell|iptables|nftables\n' +
    '      powershell is one Windows Firewall script per Edge server\n' +
    '  -o, --output OUT   a file; for powershell with several Edge servers, an existing directory\n{{product}}',
  'help/report':
    'Writes one self-contained HTML page: summary, diagram, rule tables, findings, Microsoft pages.\n' +
    '  -o, --output report.html\n{{product}}',
  'help/serve': 'Runs the language server for an editor (VS Code, Neovim, any LSP client).',
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
  'help/product': '  --product lync2013|sfb2015|sfb2019   продукт, если файл его не указывает (topology.product)',
  'help/check':
    'Проверяет файлы топологии по документированным правилам портов. Каталог означает все файлы\n' +
    '*.topology.yaml и *.topology.yml в нем. Код 0 без ошибок, 1 при ошибке, 2 при неверном вызове.\n' +
    '  --format text|json|sarif   text для людей (по умолчанию), json для сценариев, sarif для проверки кода\n' +
    '  --verbose   добавляет к каждому замечанию строку каталога, страницу и пояснение\n{{product}}',
  'help/fix':
    'Применяет все безопасные быстрые исправления и выводит результат; остальное перечисляет в stderr.\n' +
    '  --write   заменить файл (через временный файл и переименование)\n{{product}}',
  'help/diagram':
    'Рисует схему потоков через брандмауэры: SVG в стандартный вывод или в файл, указанный в -o.\n' +
    '  -o, --output OUT.svg|OUT.png   записать SVG или PNG вдвое большего размера\n{{product}}',
  'help/export':
    'Записывает правила каждого брандмауэра со строками каталога, которые они обслуживают.\n' +
    '  -f, --format csv|markdown|powershell|iptables|nftables\n' +
    '      powershell — отдельный сценарий брандмауэра Windows для каждого пограничного сервера\n' +
    '  -o, --output OUT   файл; для powershell с несколькими пограничными серверами — существующий\n' +
    '      каталог\n{{product}}',
  'help/report':
    'Записывает одну самодостаточную HTML-страницу: сводка, схема, таблицы правил, замечания, страницы Microsoft.\n' +
    '  -o, --output report.html\n{{product}}',
  'help/serve': 'Запускает языковой сервер для редактора (VS Code, Neovim, любой клиент LSP).',
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
  en: { file: ['file', 'files'], error: ['error', 'errors'], warning: ['warning', 'warnings'], fix: ['fix', 'fixes'] },
  ru: {
    file: ['файл', 'файла', 'файлов'],
    error: ['ошибка', 'ошибки', 'ошибок'],
    warning: ['предупреждение', 'предупреждения', 'предупреждений'],
    fix: ['исправление', 'исправления', 'исправлений'],
  },
} as const;

let locale: Locale = localeOfEnvironment(process.env);

export function cliLocale(): Locale {
  return locale;
}

/** The CLI's text `key` in its language, {{placeholders}} filled. */
export function say(key: TextKey, data: Record<string, string | number> = {}): string {
  return CLI_TEXTS[locale][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(data[name]));
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

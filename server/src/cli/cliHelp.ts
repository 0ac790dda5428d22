import type { Locale } from '../shared/locale';

// Each command's --help text, in English and Russian: a bundle of its own (dist/cliHelp.js) that the
// entry requires only for `COMMAND --help`, so that --version and the command list stay small.

const EN = {
  product: '  --product lync2013|sfb2015|sfb2019   the product when the file does not say (topology.product)',
  check:
    'Checks topology files against the documented port rules. A directory stands for every\n' +
    '*.topology.yaml and *.topology.yml under it. Exit 0 without errors, 1 with one, 2 for usage.\n' +
    '  --format text|json|sarif   text for people (default), json for scripts, sarif for code scanning\n' +
    '  --verbose   adds the catalog row, the page and the explanation to each finding\n{{product}}',
  fix:
    'Applies every safe quick fix and prints the result; lists what is left on standard error.\n' +
    '  --write   replace the file (through a temporary file and a rename)\n{{product}}',
  diagram:
    'Draws the firewall flow diagram: SVG on standard output, or the file -o names.\n' +
    '  -o, --output OUT.svg|OUT.png   write an SVG, or a PNG at twice the size\n{{product}}',
  export:
    "Writes each firewall's rules with the catalog rows they serve.\n" +
    '  -f, --format csv|markdown|powershell|iptables|nftables\n' +
    '      powershell is one Windows Firewall script per Edge server\n' +
    '  -o, --output OUT   a file; for powershell with several Edge servers, an existing directory\n{{product}}',
  report:
    'Writes one self-contained HTML page: summary, diagram, rule tables, findings, Microsoft pages.\n' +
    '  -o, --output report.html\n{{product}}',
  serve: 'Runs the language server for an editor (VS Code, Neovim, any LSP client).',
  import:
    'Writes a topology file from the XML of Get-CsTopology -AsXml or a Topology Builder .tbxml: product, SIP\n' +
    'domains, pools, servers, interfaces, NAT addresses, features, proposed networks (confirm them) and the\n' +
    'firewalls with empty rule lists; lync-ports fix then inserts every required rule. DTDs are refused.\n' +
    '  -o, --output OUT.topology.yaml   a file instead of standard output\n' +
    '  -f, --force   replace an existing output file',
  lab:
    'Builds a network namespace per network and a router namespace per firewall running the nftables\n' +
    'export, gives the servers their addresses, and sends one connection or datagram per required flow\n' +
    '(it must pass) and a sample that no rule allows (it must be dropped); then removes it all.\n' +
    'Linux, as root. Exit 0 when every probe got what was expected, 1 otherwise, 2 for usage.\n' +
    '  --format text|json   text for people (default), json for scripts\n' +
    '  --timeout MS   how long a probe waits for its connection or answer (default 2000)\n{{product}}',
  verify:
    "Checks a firewall's running rules (iptables-save, nft -j list ruleset, Cisco ASA running config, Windows\n" +
    'Firewall JSON) in place of its topology rules (NAME an Edge server: its host firewall):\n' +
    "check's codes and exit codes, each finding on the dump's line; 2 when a dump cannot be read.\n" +
    '  --firewall NAME=DUMP   (repeatable)   --chain NAME=CHAIN   default FORWARD or the forward hook\n' +
    '  --dump-format [NAME=]iptables-save|nft-json|cisco-asa|windows-firewall\n' +
    '  --format text|json|sarif   --verbose\n{{product}}',
};

export type HelpTopic = keyof typeof EN;

const RU: Record<HelpTopic, string> = {
  product: '  --product lync2013|sfb2015|sfb2019   продукт, если файл его не указывает (topology.product)',
  check:
    'Проверяет файлы топологии по документированным правилам портов. Каталог означает все файлы\n' +
    '*.topology.yaml и *.topology.yml в нем. Код 0 без ошибок, 1 при ошибке, 2 при неверном вызове.\n' +
    '  --format text|json|sarif   text для людей (по умолчанию), json для сценариев, sarif для проверки кода\n' +
    '  --verbose   добавляет к каждому замечанию строку каталога, страницу и пояснение\n{{product}}',
  fix:
    'Применяет все безопасные быстрые исправления и выводит результат; остальное перечисляет в stderr.\n' +
    '  --write   заменить файл (через временный файл и переименование)\n{{product}}',
  diagram:
    'Рисует схему потоков через брандмауэры: SVG в стандартный вывод или в файл, указанный в -o.\n' +
    '  -o, --output OUT.svg|OUT.png   записать SVG или PNG вдвое большего размера\n{{product}}',
  export:
    'Записывает правила каждого брандмауэра со строками каталога, которые они обслуживают.\n' +
    '  -f, --format csv|markdown|powershell|iptables|nftables\n' +
    '      powershell — отдельный сценарий брандмауэра Windows для каждого пограничного сервера\n' +
    '  -o, --output OUT   файл; для powershell с несколькими пограничными серверами — существующий\n' +
    '      каталог\n{{product}}',
  report:
    'Записывает одну самодостаточную HTML-страницу: сводка, схема, таблицы правил, замечания, страницы Microsoft.\n' +
    '  -o, --output report.html\n{{product}}',
  serve: 'Запускает языковой сервер для редактора (VS Code, Neovim, любой клиент LSP).',
  import:
    'Записывает файл топологии из XML командлета Get-CsTopology -AsXml или файла .tbxml построителя\n' +
    'топологий: продукт, SIP-домены, пулы, серверы, интерфейсы, адреса NAT, функции, предлагаемые сети\n' +
    '(проверьте их) и брандмауэры с пустыми списками правил; затем lync-ports fix вставляет все нужные\n' +
    'правила. DTD отклоняются.\n' +
    '  -o, --output OUT.topology.yaml   файл вместо стандартного вывода\n' +
    '  -f, --force   заменить существующий выходной файл',
  lab:
    'Создает сетевое пространство имен для каждой сети и пространство-маршрутизатор для каждого брандмауэра\n' +
    'с экспортом nftables, назначает серверам их адреса и отправляет по одному соединению или датаграмме\n' +
    'на каждый обязательный поток (должен пройти) и выборку того, что не разрешает ни одно правило (должно\n' +
    'быть отброшено); затем все удаляет. Linux, от root. Код 0, если каждая проба дала ожидаемое, иначе 1,\n' +
    '2 при неверном вызове.\n' +
    '  --format text|json   text для людей (по умолчанию), json для сценариев\n' +
    '  --timeout МС   сколько проба ждет соединения или ответа (по умолчанию 2000)\n{{product}}',
  verify:
    'Проверяет действующие правила брандмауэра (iptables-save, nft -j list ruleset, конфигурация Cisco ASA,\n' +
    'JSON брандмауэра Windows) вместо правил топологии (ИМЯ пограничного сервера: его брандмауэр узла):\n' +
    'коды и коды выхода check, замечания на строках выгрузки; 2, если выгрузку нельзя прочитать.\n' +
    '  --firewall ИМЯ=ВЫГРУЗКА (можно повторять)   --chain ИМЯ=ЦЕПОЧКА   по умолчанию FORWARD или хук forward\n' +
    '  --dump-format [ИМЯ=]iptables-save|nft-json|cisco-asa|windows-firewall\n' +
    '  --format text|json|sarif   --verbose\n{{product}}',
};

export const HELP_TEXTS: Record<Locale, Readonly<Record<HelpTopic, string>>> = { en: EN, ru: RU };

/** The help of `topic` in `locale`, with the --product line filled in where the command takes it. */
export function helpText(topic: HelpTopic, locale: Locale): string {
  const texts = HELP_TEXTS[locale];
  return texts[topic].replace('{{product}}', texts.product);
}

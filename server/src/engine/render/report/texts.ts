import type { Locale } from '../../../shared/locale';
import { pluralForm } from '../../i18n/plural';
import { formatMessage, type MessageData } from '../../messageFormat';

// The report page's own words in English and Russian (the findings are localized by their ids,
// the diagram by its locale). A count has one text per plural form.

const EN = {
  titlePrefix: 'Firewall rules: {{title}}',
  madeBy: 'made by lync-ports report',
  requiredAllowed: 'Required flows allowed',
  firewalls: 'Firewalls',
  rules: 'Rules',
  'errors/one': '{{count}} error',
  'errors/other': '{{count}} errors',
  'warnings/one': '{{count}} warning',
  'warnings/other': '{{count}} warnings',
  'notes/one': '{{count}} note',
  'notes/other': '{{count}} notes',
  diagram: 'Diagram',
  firewall: 'Firewall {{name}}',
  name: 'Name',
  action: 'Action',
  service: 'Service',
  ports: 'Ports',
  from: 'From',
  to: 'To',
  sourceAddresses: 'Source addresses',
  destinationAddresses: 'Destination addresses',
  catalogRows: 'Catalog rows',
  sourcePorts: ' (source {{ports}})',
  unresolved: '(does not resolve)',
  default: '(default)',
  any: 'any',
  allow: 'allow',
  deny: 'deny',
  findings: 'Findings',
  noFindings: 'None: every check passes.',
  line: 'Line',
  severity: 'Severity',
  code: 'Code',
  finding: 'Finding',
  error: 'error',
  warning: 'warning',
  info: 'info',
  row: 'Row',
  feature: 'Feature',
  rule: 'Rule',
  pages: 'Pages',
  microsoftPages: "Microsoft's pages",
  topology: 'Topology',
};

export type ReportTextId = keyof typeof EN;

const RU: Record<ReportTextId, string> & Record<string, string> = {
  titlePrefix: 'Правила брандмауэров: {{title}}',
  madeBy: 'создано командой lync-ports report',
  requiredAllowed: 'Разрешено обязательных потоков',
  firewalls: 'Брандмауэры',
  rules: 'Правила',
  'errors/one': '{{count}} ошибка',
  'errors/few': '{{count}} ошибки',
  'errors/many': '{{count}} ошибок',
  'errors/other': '{{count}} ошибок',
  'warnings/one': '{{count}} предупреждение',
  'warnings/few': '{{count}} предупреждения',
  'warnings/many': '{{count}} предупреждений',
  'warnings/other': '{{count}} предупреждений',
  'notes/one': '{{count}} сведение',
  'notes/few': '{{count}} сведения',
  'notes/many': '{{count}} сведений',
  'notes/other': '{{count}} сведений',
  diagram: 'Схема',
  firewall: 'Брандмауэр {{name}}',
  name: 'Имя',
  action: 'Действие',
  service: 'Служба',
  ports: 'Порты',
  from: 'Откуда',
  to: 'Куда',
  sourceAddresses: 'Адреса источника',
  destinationAddresses: 'Адреса назначения',
  catalogRows: 'Строки каталога',
  sourcePorts: ' (порты источника {{ports}})',
  unresolved: '(не разрешается)',
  default: '(по умолчанию)',
  any: 'любой',
  allow: 'разрешить',
  deny: 'запретить',
  findings: 'Замечания',
  noFindings: 'Нет: все проверки пройдены.',
  line: 'Строка',
  severity: 'Важность',
  code: 'Код',
  finding: 'Замечание',
  error: 'ошибка',
  warning: 'предупреждение',
  info: 'сведения',
  row: 'Строка',
  feature: 'Функция',
  rule: 'Правило',
  pages: 'Страницы',
  microsoftPages: 'Страницы Microsoft',
  topology: 'Топология',
};

export const REPORT_TEXTS: Record<Locale, Readonly<Record<string, string>>> = { en: EN, ru: RU };

/** The report's text `id` in `locale`, placeholders filled (not escaped: the caller escapes data). */
export function reportText(locale: Locale, id: ReportTextId, data: MessageData = {}): string {
  return formatMessage(REPORT_TEXTS[locale][id] ?? EN[id], data);
}

/** A counted word: `errors`, `warnings` or `notes` in the plural form the count takes. */
export function reportCount(locale: Locale, noun: 'errors' | 'warnings' | 'notes', count: number): string {
  const id = `${noun}/${pluralForm(locale, count)}`;
  return formatMessage(REPORT_TEXTS[locale][id] ?? (EN as Record<string, string>)[id], { count });
}

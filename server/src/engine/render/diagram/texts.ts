import type { Locale } from '../../../shared/locale';
import type { FlowStatus, Zone } from '../../types';

// The words the diagram draws and says to screen readers, in each language: the webview draws the
// drawing in the editor's language and `lync-ports diagram --lang` in the shell's. {name} takes
// the value of `name`. What the file names (servers, rules, services) stays as written.

export interface DiagramTexts {
  zones: Record<Zone, string>;
  status: Record<FlowStatus, string>;
  codes: Record<string, string>;
  internet: string;
  internetDetail: string;
  any: string;
  /** {zone}: the zone's title in lower case. */
  anyDetail: string;
  nothingDefined: string;
  missingNote: string;
  /** {rules}: the deny rules, quoted. */
  blockedBy: string;
  blockedByDeny: string;
  /** The tooltip of an arrow: {label} from {from} to {to}{through}: {status}. */
  arrow: string;
  through: string;
  rule: string;
  rules: string;
  oneFlow: string;
  flows: string;
  firewall: string;
  and: string;
  title: string;
  summary: string;
  empty: string;
  extraTitle: string;
  extraHeaders: [string, string, string, string, string, string];
  unnamed: string;
  extraRule: string;
  members: string;
}

const EN: DiagramTexts = {
  zones: { external: 'External (Internet)', perimeter: 'Perimeter network', internal: 'Internal network' },
  status: { allowed: 'allowed', missing: 'missing', misconfigured: 'misconfigured', blocked: 'blocked' },
  codes: {
    'wrong-port': 'wrong port',
    'wrong-transport': 'wrong transport',
    'reversed-flow': 'from and to swapped',
    'wrong-firewall': 'on the wrong firewall',
  },
  internet: 'Internet',
  internetDetail: 'federated partners, remote users',
  any: 'Any',
  anyDetail: '{zone} addresses',
  nothingDefined: 'nothing defined',
  missingNote: 'missing: no rule allows it',
  blockedBy: 'blocked by {rules}',
  blockedByDeny: 'blocked by a deny rule',
  arrow: '{label} from {from} to {to}{through}: {status}.',
  through: ' through firewall {name}',
  rule: ' Rule: {names}.',
  rules: ' Rules: {names}.',
  oneFlow: ' One flow: {pairs}.',
  flows: ' {count} flows: {pairs}.',
  firewall: 'Firewall {name} between {networks}',
  and: ' and ',
  title: 'Firewall flows: {product}',
  summary: 'required flows allowed: {allowed}/{required}',
  empty: 'No required flows: enable a feature under features: (for example xmppFederation: true).',
  extraTitle: 'Rules the port catalog does not require ({count})',
  extraHeaders: ['Firewall', 'Rule', 'Service', 'From', 'To', 'Action'],
  unnamed: '(unnamed)',
  extraRule: 'Extra rule {name} on firewall {firewall}: {action} {service} from {from} to {to}',
  members: '{pool} {part}, {count} members: {list}',
};

// Microsoft's ru-RU terms: брандмауэр, сеть периметра, внутренняя сеть, пограничный сервер.
const RU: DiagramTexts = {
  zones: { external: 'Внешняя сеть (Интернет)', perimeter: 'Сеть периметра', internal: 'Внутренняя сеть' },
  status: { allowed: 'разрешён', missing: 'отсутствует', misconfigured: 'настроен неверно', blocked: 'запрещён' },
  codes: {
    'wrong-port': 'неверный порт',
    'wrong-transport': 'неверный транспорт',
    'reversed-flow': 'from и to перепутаны',
    'wrong-firewall': 'не на том брандмауэре',
  },
  internet: 'Интернет',
  internetDetail: 'федеративные партнёры, удалённые пользователи',
  any: 'Любой',
  anyDetail: 'адреса: {zone}',
  nothingDefined: 'ничего не задано',
  missingNote: 'отсутствует: ни одно правило его не разрешает',
  blockedBy: 'запрещён правилом {rules}',
  blockedByDeny: 'запрещён запрещающим правилом',
  arrow: '{label} от {from} к {to}{through}: {status}.',
  through: ' через брандмауэр {name}',
  rule: ' Правило: {names}.',
  rules: ' Правила: {names}.',
  oneFlow: ' Один поток: {pairs}.',
  flows: ' Потоков: {count}: {pairs}.',
  firewall: 'Брандмауэр {name} между {networks}',
  and: ' и ',
  title: 'Потоки через брандмауэры: {product}',
  summary: 'разрешено требуемых потоков: {allowed}/{required}',
  empty: 'Требуемых потоков нет: включите функцию в features: (например, xmppFederation: true).',
  extraTitle: 'Правила, которые каталог портов не требует ({count})',
  extraHeaders: ['Брандмауэр', 'Правило', 'Служба', 'От', 'К', 'Действие'],
  unnamed: '(без имени)',
  extraRule: 'Лишнее правило {name} брандмауэра {firewall}: {action} {service} от {from} к {to}',
  members: '{pool} {part}, серверов: {count}: {list}',
};

export const DIAGRAM_TEXTS: Record<Locale, DiagramTexts> = { en: EN, ru: RU };

export function diagramTexts(locale: Locale | undefined): DiagramTexts {
  return DIAGRAM_TEXTS[locale ?? 'en'] ?? EN;
}

/** `template` with each {name} replaced by data.name. */
export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

// The English words, as the README's code table and the registry test know them.
export const ZONE_TITLES = EN.zones;
export const STATUS_TEXT = EN.status;
export const CODE_TEXT = EN.codes;

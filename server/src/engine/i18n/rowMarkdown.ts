import { catalogRowMarkdown, conditionText, loadBalancerText } from '../catalog/describe';
import { PRODUCT_NAMES } from '../catalog/products';
import type { Locale } from '../../shared/locale';
import type { CatalogRow, EndpointSelector, ServerRole } from '../types';
import { phraseOf, t } from './translate';

// A catalog row as the hover shows it, in the client's language: the English one is the
// catalog's own (catalog/describe.ts); the others take its labels, the row's comment and the ends
// from the catalogs of texts. A condition and a load balancer's note name settings and stay as written.

const ROLE_NAMES_RU: Record<ServerRole, string> = {
  edge: 'пограничного сервера',
  frontEnd: 'сервера переднего плана',
  director: 'сервера Director',
  reverseProxy: 'обратного прокси-сервера',
  officeWebApps: 'Office Web Apps Server',
};

function selectorRu(selector: EndpointSelector): string {
  switch (selector.kind) {
    case 'any':
      return selector.zone === 'external'
        ? 'любой адрес в Интернете'
        : selector.zone === 'internal'
          ? 'любой внутренний адрес'
          : 'любой адрес в сети периметра';
    case 'interface':
      return `интерфейс \`${selector.interface}\` каждого ${ROLE_NAMES_RU[selector.role] ?? selector.role}`;
    case 'servers': {
      const running = selector.service ? ` со службой \`${selector.service}\`` : '';
      const preferring = selector.prefer ? ` (те, где есть \`${selector.prefer}\`, если такие есть)` : '';
      return `каждый из ${ROLE_NAMES_RU[selector.role] ?? selector.role}${running}${preferring}`;
    }
    case 'nextHop':
      return (
        'следующий прыжок пула пограничных серверов (пул Director и пул переднего плана, иначе пул переднего плана; ' +
        'его называет `edge.nextHop`)'
      );
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const portText = (range: { from: number; to: number }) =>
  range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;

export function catalogRowMarkdownIn(locale: Locale, row: CatalogRow): string {
  if (locale === 'en') return catalogRowMarkdown(row);
  const pages = row.sources.map((source) => `[${source.title}](${source.url})`).join('  \n');
  const condition = conditionText(row);
  const balancer = loadBalancerText(row);
  const label = (id: string) => t(locale, `row/${id}`);
  return [
    t(locale, 'row/title', { service: row.service, feature: row.feature, id: row.id }),
    '',
    phraseOf(locale, row.comment) ?? row.comment,
    '',
    '| | |',
    '| --- | --- |',
    `| ${label('source')} | ${selectorRu(row.source)} |`,
    `| ${label('destination')} | ${selectorRu(row.destination)} |`,
    `| ${label('firewall')} | ${label(row.firewall)} (${label(row.direction)}) |`,
    ...(condition ? [`| ${label('condition')} | ${cell(condition)} |`] : []),
    ...(row.portSetting
      ? [`| ${label('port')} | ${row.ports.map(portText).join(', ')}; \`edge.ports.${row.portSetting}\` |`]
      : []),
    ...(row.sourcePortsByPolicy
      ? [
          `| ${label('sourcePorts')} | ${row.sourcePortsByPolicy.map(portText).join(', ')}: ` +
            '`edge.avFirewallPolicy: sourceAndDestination` |',
        ]
      : []),
    ...(balancer ? [`| ${label('balancer')} | ${cell(balancer)} |`] : []),
    `| ${label('products')} | ${row.products.map((product) => PRODUCT_NAMES[product]).join(', ')} |`,
    '',
    `Майкрософт: ${pages}`,
  ].join('\n');
}

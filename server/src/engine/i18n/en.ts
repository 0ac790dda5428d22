import { RULES } from '../rules/registry';
import { FIX_TITLES } from '../rules/fixTitles';
import { MODEL_TEXTS } from '../model/texts';
import { SCHEMA_TEXTS } from '../schema/texts';
import { YAML_TEXTS } from '../yaml/texts';
import { LENS_TEXTS } from '../features/lensTexts';
import { LAB_PLAN_TEXTS } from '../lab/texts';
import { READER_TEXTS } from '../verify/readers/texts';

// The English texts, by id. A finding's are its rule's meta (`<code>/<messageId>` and
// `<code>/<messageId>/detail`), where the check that uses them is written; those of the layers below
// rules/ in their texts.ts (yaml/, model/, schema/); the hover's are here.

export const HOVER_TEXTS = {
  'hover/endpoint': '**{{word}}** ({{side}}): {{description}}',
  'hover/source': 'source',
  'hover/destination': 'destination',
  'hover/noNetwork': '**{{word}}**: no network of this name is defined under `networks`.',
  'hover/and': ' and ',
  'hover/any': 'any',
  'hover/port': 'port',
  'hover/ports': 'ports',
  'hover/matches': '{{transports}} {{noun}} {{ports}}{{labelled}}',
  'hover/labelled': ' (labelled {{protocol}})',
  'hover/noRow': '**{{text}}**: {{matches}}. No row of the port catalog uses it.',
  'hover/asRow': '**{{text}}**: {{matches}}, as catalog row {{ids}}.',
  'hover/asRows': '**{{text}}**: {{matches}}, as catalog rows {{ids}}.',
  'hover/network': '**{{name}}**: network in zone {{zone}}: {{where}}',
  'hover/internet': 'the Internet (no subnets)',
  'hover/noSubnets': 'no subnets',
  'hover/noZone': '(none)',
  'hover/pool': 'pool {{pool}}',
  'hover/inNetwork': ' in {{network}}',
  'hover/finding': '**{{code}}**: {{message}}',
  'row/title': '**{{service}}** · {{feature}} · catalog row {{id}}',
  'row/source': 'Source',
  'row/destination': 'Destination',
  'row/firewall': 'Firewall',
  'row/condition': 'Condition',
  'row/port': 'Port',
  'row/sourcePorts': 'Source ports',
  'row/balancer': 'Hardware load balancer',
  'row/products': 'Products',
  'row/inbound': 'inbound',
  'row/outbound': 'outbound',
  'row/external': 'external',
  'row/internal': 'internal',
} as const;

function ruleTexts(): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const { meta } of RULES) {
    const details: Readonly<Record<string, string>> = 'details' in meta ? meta.details : {};
    for (const [id, text] of Object.entries(meta.messages as Readonly<Record<string, string>>)) {
      texts[`${meta.code}/${id}`] = text;
      if (details[id] !== undefined) texts[`${meta.code}/${id}/detail`] = details[id];
    }
  }
  return texts;
}

export const EN: Readonly<Record<string, string>> = {
  ...ruleTexts(),
  ...YAML_TEXTS,
  ...MODEL_TEXTS,
  ...SCHEMA_TEXTS,
  ...FIX_TITLES,
  ...HOVER_TEXTS,
  ...LENS_TEXTS,
  ...LAB_PLAN_TEXTS,
  ...READER_TEXTS,
};

import { cliLocale } from './texts';

// The words of verify's errors, in the command's bundle only: the entry (texts.ts) holds just what
// `--help` prints, and must stay small enough to start as fast as Node.

const EN = {
  noFirewall: 'verify: give at least one --firewall NAME=DUMP',
  pair: "verify: --{{option}} takes NAME=VALUE, not '{{value}}'",
  twice: "verify: firewall '{{firewall}}' is given twice",
  unknownFirewall:
    "verify: the topology has no firewall or Edge server '{{name}}'.{{hint}} Firewalls: {{firewalls}}; " +
    'Edge servers: {{servers}}',
  didYouMean: " Did you mean '{{name}}'?",
  notGiven: "verify: --{{option}} names '{{firewall}}', which no --firewall gives",
  notRecognised: 'verify: {{dump}} is none of the dump formats verify reads ({{formats}}); name one with --dump-format',
  chainHint: ' (--chain {{firewall}}=CHAIN)',
  warning: 'warning',
} as const;

const RU: Record<keyof typeof EN, string> = {
  noFirewall: 'verify: укажите хотя бы один --firewall ИМЯ=ВЫГРУЗКА',
  pair: "verify: --{{option}} принимает ИМЯ=ЗНАЧЕНИЕ, а не '{{value}}'",
  twice: "verify: брандмауэр '{{firewall}}' указан дважды",
  unknownFirewall:
    "verify: в топологии нет брандмауэра или пограничного сервера '{{name}}'.{{hint}} Брандмауэры: {{firewalls}}; " +
    'пограничные серверы: {{servers}}',
  didYouMean: " Возможно, имелось в виду '{{name}}'?",
  notGiven: "verify: --{{option}} называет '{{firewall}}', но такого --firewall нет",
  notRecognised:
    'verify: {{dump}} не относится ни к одному из форматов выгрузки, которые читает verify ({{formats}}); ' +
    'укажите формат в --dump-format',
  chainHint: ' (--chain {{firewall}}=ЦЕПОЧКА)',
  warning: 'предупреждение',
};

export function sayVerify(key: keyof typeof EN, data: Record<string, string | number> = {}): string {
  const texts = cliLocale() === 'ru' ? RU : EN;
  return texts[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(data[name]));
}

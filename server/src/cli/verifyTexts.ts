import { cliLocale } from './texts';
import { fillTemplate } from '../shared/fillTemplate';

// The words of verify's errors, in the command's bundle only: the entry (texts.ts) holds just what
// `--help` prints, and must stay small enough to start as fast as Node.

const EN = {
  noFirewall: 'verify: give at least one --firewall NAME=DUMP',
  pair: "verify: --{{option}} takes NAME=VALUE, not '{{value}}'",
  twice: "verify: firewall '{{firewall}}' is given twice",
  notGiven: "verify: --{{option}} names '{{firewall}}', which no --firewall gives",
  warning: 'warning',
} as const;

const RU: Record<keyof typeof EN, string> = {
  noFirewall: 'verify: укажите хотя бы один --firewall ИМЯ=ВЫГРУЗКА',
  pair: "verify: --{{option}} принимает ИМЯ=ЗНАЧЕНИЕ, а не '{{value}}'",
  twice: "verify: брандмауэр '{{firewall}}' указан дважды",
  notGiven: "verify: --{{option}} называет '{{firewall}}', но такого --firewall нет",
  warning: 'предупреждение',
};

export function sayVerify(key: keyof typeof EN, data: Record<string, string | number> = {}): string {
  const texts = cliLocale() === 'ru' ? RU : EN;
  return fillTemplate(texts[key], data);
}

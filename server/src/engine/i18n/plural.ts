import type { Locale } from '../../shared/locale';

// Which plural form a count takes: English one/other; Russian one (1, 21), few (2-4, 22-24) and
// many (the rest). A counted text has an id per form (`lens/rules/one`, `lens/rules/few`, ...).

export type PluralForm = 'one' | 'few' | 'many' | 'other';

export function pluralForm(locale: Locale, n: number): PluralForm {
  if (locale === 'en') return n === 1 ? 'one' : 'other';
  const [ten, hundred] = [n % 10, n % 100];
  if (ten === 1 && hundred !== 11) return 'one';
  return ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? 'few' : 'many';
}

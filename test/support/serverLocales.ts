import { checkTopology, type Diagnostic } from '../../server/src/engine/index';
import { serverLocale, setServerLocale } from '../../server/src/lsp/locale';
import { FUZZ_EXAMPLES } from './fuzz';

/**
 * Every example and broken example checked, once with the server speaking English and once
 * Russian; the server's language is put back afterwards, whatever the visit threw.
 */
export function forEachExampleInEachLocale(
  visit: (example: { name: string; diagnostics: Diagnostic[]; locale: 'en' | 'ru' }) => void,
): void {
  const before = serverLocale();
  try {
    for (const locale of ['en', 'ru'] as const) {
      setServerLocale(locale);
      for (const { name, text } of FUZZ_EXAMPLES) visit({ name, diagnostics: checkTopology(text).diagnostics, locale });
    }
  } finally {
    setServerLocale(before);
  }
}

import { type Locale, localeOf } from '../engine/index';

// The language of the server's texts: what the client sends in `initialize` (InitializeParams.locale,
// VS Code's display language), for the whole session. English until then, and for other languages.

let current: Locale = 'en';

export function setServerLocale(tag: string | null | undefined): void {
  current = localeOf(tag);
}

export function serverLocale(): Locale {
  return current;
}

// The languages the server and the CLI speak, and how a client's or a shell's language tag picks
// one. No imports: the CLI's entry (which loads nothing of the engine) needs it as much as the engine.

export type Locale = 'en' | 'ru';

export const LOCALES: readonly Locale[] = ['en', 'ru'];

/** 'ru', 'ru-RU', 'ru_RU.UTF-8' → 'ru'; 'en-US', 'C', 'POSIX', '' or nothing → 'en' (the default). */
export function localeOf(tag: string | null | undefined): Locale {
  const language = (tag ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

/** The shell's language, as POSIX orders it: LC_ALL, then LC_MESSAGES, then LANG (the first one set). */
export function localeOfEnvironment(env: Record<string, string | undefined>): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return localeOf(tag);
}

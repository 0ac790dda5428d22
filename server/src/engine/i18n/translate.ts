import { CATALOG } from '../catalog';
import { formatMessage, type MessageData } from '../rules/rule';
import type { Locale } from '../../shared/locale';
import type { Diagnostic } from '../types';
import { EN } from './en';
import ru from './ru.json';

// One lookup for every text the server shows: `t(locale, id, data)`. The engine's findings carry
// ids and data; their English text is filled in as they are made, and any other language is
// filled in here from the same id and data. Data values that are English words of the catalog or
// of a rule (a row's comment, a feature's reason) are put in the language too.

const CATALOGS: Record<Locale, Readonly<Record<string, string>>> = { en: EN, ru: ru.texts };

/** The id's text in `locale` with its {{placeholders}} filled; English when the language lacks it. */
export function t(locale: Locale, id: string, data: MessageData = {}): string {
  const template = CATALOGS[locale][id] ?? EN[id];
  if (template === undefined) throw new Error(`no text has the id '${id}'`);
  return formatMessage(template, locale === 'en' ? data : localizedData(locale, data));
}

/** Whether `locale` has its own text for `id` (the tests ask it of every id). */
export function hasText(locale: Locale, id: string): boolean {
  return CATALOGS[locale][id] !== undefined;
}

export function textIds(locale: Locale): string[] {
  return Object.keys(CATALOGS[locale]);
}

let phrases: Map<string, string> | undefined;

/** English catalog words → Russian, by the id the Russian catalog gives each (row/X1, feature/<name>/...). */
function russianPhrases(): Map<string, string> {
  if (phrases) return phrases;
  const texts: Readonly<Record<string, string>> = ru.texts;
  const pairs: [string, string | undefined][] = Object.entries(ru.phrases);
  for (const feature of CATALOG) {
    const prefix = `feature/${feature.name}`;
    pairs.push([feature.title, texts[`${prefix}/title`]], [feature.description, texts[`${prefix}/description`]]);
    feature.requiredRoles.forEach((need, k) => pairs.push([need.message, texts[`${prefix}/role/${k}`]]));
    for (const [product, reason] of Object.entries(feature.unsupported ?? {}))
      pairs.push([reason, texts[`${prefix}/unsupported/${product}`]]);
    for (const row of feature.rows) pairs.push([row.comment, texts[`row/${row.id}`]]);
  }
  phrases = new Map(pairs.filter((pair): pair is [string, string] => pair[1] !== undefined));
  return phrases;
}

/** The English words of the catalog and the rules that have a Russian text, for the tests. */
export function phraseOf(locale: Locale, english: string): string | undefined {
  return locale === 'ru' ? russianPhrases().get(english) : english;
}

function localizedData(locale: Locale, data: MessageData): MessageData {
  const out: MessageData = {};
  for (const [key, value] of Object.entries(data))
    out[key] = typeof value === 'string' ? (phraseOf(locale, value) ?? value) : value;
  return out;
}

/** The finding with its message and detail in `locale`; findings without an id (yaml, schema, model) stay English. */
export function localizeDiagnostic(diagnostic: Diagnostic, locale: Locale): Diagnostic {
  if (locale === 'en' || diagnostic.messageId === undefined) return diagnostic;
  const id = `${diagnostic.code}/${diagnostic.messageId}`;
  const data = diagnostic.data ?? {};
  const message = t(locale, id, data);
  return diagnostic.detail === undefined
    ? { ...diagnostic, message }
    : { ...diagnostic, message, detail: t(locale, `${id}/detail`, data) };
}

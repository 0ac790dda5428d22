import { CATALOG } from '../catalog';
import { formatMessage, type MessageData } from '../messageFormat';
import type { Locale } from '../../shared/locale';
import type { Diagnostic, Fix, FlowModel } from '../types';
import { EN } from './en';
import ru from './ru.json';
import schemaRu from './schema.ru.json';
import { capitalize, firstSentence, stripArticle } from '../schema/messages';

// One lookup for every text the server shows: `t(locale, id, data)`. The engine's findings carry
// ids and data; their English text is filled in as they are made, and any other language is
// filled in here from the same id and data. Data values that are English words of the catalog or
// of a rule (a row's comment, a feature's reason) are put in the language too.

const CATALOGS: Record<Locale, Readonly<Record<string, string>>> = { en: EN, ru: ru.texts };

/** The id's text in `locale` with its {{placeholders}} filled; English when the language lacks it. */
export function t(locale: Locale, id: string, data: MessageData = {}): string {
  const template = CATALOGS[locale][id] ?? EN[id];
  if (template === undefined) throw new Error(`no text has the id '${id}'`);
  const words = id.startsWith('schema/') ? schemaPhraseOf : phraseOf;
  return formatMessage(template, locale === 'en' ? data : localizedData(locale, data, words), (ref) =>
    t(locale, ref.id, ref.data),
  );
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

type Phrases = (locale: Locale, english: string) => string | undefined;

function localizedData(locale: Locale, data: MessageData, words: Phrases): MessageData {
  const out: MessageData = {};
  for (const [key, value] of Object.entries(data))
    out[key] = typeof value === 'string' ? (words(locale, value) ?? value) : value;
  return out;
}

let schemaPhrases: Map<string, string> | undefined;

/**
 * The schema's words (schemas/topology.schema.json: description, x-noun, errorMessage, ...) →
 * Russian, with the forms the schema findings make of them: capitalised, without the article, the
 * first sentence. Only schema findings read them: "server" or "network" may be a name elsewhere.
 */
function russianSchemaPhrases(): Map<string, string> {
  if (schemaPhrases) return schemaPhrases;
  const map = new Map<string, string>();
  for (const [english, russian] of Object.entries(schemaRu as Record<string, string>)) {
    const first = firstSentence(english);
    if (first !== undefined && !map.has(first)) map.set(first, firstSentence(russian) ?? russian);
    map.set(stripArticle(english), russian);
    map.set(capitalize(english), capitalize(russian));
    map.set(english, russian);
  }
  schemaPhrases = map;
  return map;
}

function schemaPhraseOf(locale: Locale, english: string): string | undefined {
  return locale === 'ru' ? (russianSchemaPhrases().get(english) ?? phraseOf(locale, english)) : english;
}

/** A text of the schema (a description, a noun) in `locale`, as the hover and completion show it. */
export function schemaTextIn(locale: Locale, english: string): string {
  return locale === 'ru' ? ((schemaRu as Record<string, string>)[english] ?? english) : english;
}

/** Whether the schema's text has a Russian one (the tests ask it of every description and annotation). */
export function hasSchemaText(english: string): boolean {
  return (schemaRu as Record<string, string>)[english] !== undefined;
}

/** The finding with its message and detail in `locale`; a finding without an id (none should be) stays English. */
export function localizeDiagnostic(diagnostic: Diagnostic, locale: Locale): Diagnostic {
  if (locale === 'en' || diagnostic.messageId === undefined) return diagnostic;
  const id = `${diagnostic.code}/${diagnostic.messageId}`;
  const data = diagnostic.data ?? {};
  const message = t(locale, id, data);
  const fixes = diagnostic.fixes && {
    fixes: diagnostic.fixes.map((fix) => ({ ...fix, title: fixTitleIn(fix, locale) })),
  };
  return diagnostic.detail === undefined
    ? { ...diagnostic, message, ...fixes }
    : { ...diagnostic, message, detail: t(locale, `${id}/detail`, data), ...fixes };
}

/** A quick fix's title in `locale` (the English one when the fix has no title id). */
export function fixTitleIn(fix: Pick<Fix, 'title' | 'titleId' | 'titleData'>, locale: Locale): string {
  return locale === 'en' || fix.titleId === undefined ? fix.title : t(locale, fix.titleId, fix.titleData ?? {});
}

/**
 * The flow model with each arrow's finding (its tooltip) in `locale`: the model quotes the English
 * message of the finding the arrow is drawn for, one of `diagnostics`.
 */
export function localizeFlowModel(model: FlowModel, diagnostics: readonly Diagnostic[], locale: Locale): FlowModel {
  if (locale === 'en' || !model.flows.some((flow) => flow.message !== undefined)) return model;
  const inLocale = new Map<string, string>();
  for (const diagnostic of diagnostics)
    if (!inLocale.has(diagnostic.message))
      inLocale.set(diagnostic.message, localizeDiagnostic(diagnostic, locale).message);
  const flows = model.flows.map((flow) =>
    flow.message === undefined ? flow : { ...flow, message: inLocale.get(flow.message) ?? flow.message },
  );
  return { ...model, flows };
}

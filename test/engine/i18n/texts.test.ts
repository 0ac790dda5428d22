import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CATALOG,
  checkTopology,
  completionsAt,
  EN,
  hasSchemaText,
  hasText,
  LOCALES,
  localeOf,
  localeOfEnvironment,
  phraseOf,
  RULES,
  schemaTextIn,
  t,
  textIds,
} from '../../../server/src/engine/index';
import { REPO } from '../../support/examples';

// The catalogs of texts: every id of the findings (`<code>/<messageId>` and its detail) and of the
// hover has a Russian text with the very same {{placeholders}}, and so has every English word of
// the catalog that a finding or the hover shows (row comments, feature texts).

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

describe('texts by id', () => {
  test("every rule's messages and details have an English id", () => {
    for (const { meta } of RULES) {
      for (const id of Object.keys(meta.messages)) assert.ok(EN[`${meta.code}/${id}`], `${meta.code}/${id}`);
      const details: Record<string, string> = 'details' in meta ? meta.details : {};
      for (const id of Object.keys(details)) {
        assert.ok(id in meta.messages, `${meta.code}: a detail '${id}' without a message`);
        assert.ok(EN[`${meta.code}/${id}/detail`], `${meta.code}/${id}/detail`);
      }
    }
  });

  test('every id has a Russian text', () => {
    const missing = Object.keys(EN).filter((id) => !hasText('ru', id));
    assert.deepEqual(missing, [], `ids without a Russian text: ${missing.join(', ')}`);
  });

  test('the Russian text of an id has the same placeholders as the English one', () => {
    for (const id of Object.keys(EN)) {
      // Each English placeholder filled with a marker: a Russian placeholder beyond them throws, one
      // left out leaves its marker out.
      const names = placeholders(EN[id]);
      const data = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
      const russian = t('ru', id, data);
      const used = [...russian.matchAll(/<(\w+)>/g)].map((match) => match[1]);
      assert.deepEqual([...new Set(used)].sort(), [...new Set(names)].sort(), `${id}: ${russian}`);
    }
  });

  test('the Russian catalog holds no id the English one lacks, but the catalog words', () => {
    const catalogIds = new Set<string>();
    for (const feature of CATALOG) {
      for (const row of feature.rows) catalogIds.add(`row/${row.id}`);
      for (const part of ['title', 'description']) catalogIds.add(`feature/${feature.name}/${part}`);
      feature.requiredRoles.forEach((_, k) => catalogIds.add(`feature/${feature.name}/role/${k}`));
      for (const product of Object.keys(feature.unsupported ?? {}))
        catalogIds.add(`feature/${feature.name}/unsupported/${product}`);
    }
    // Russian has more plural forms than English: `x/few` and `x/many` stand beside English's `x/other`.
    const pluralOfEnglish = (id: string) => /\/(few|many)$/.test(id) && id.replace(/(few|many)$/, 'other') in EN;
    const stray = textIds('ru').filter((id) => !(id in EN) && !catalogIds.has(id) && !pluralOfEnglish(id));
    assert.deepEqual(stray, []);
  });

  test('every English word of the catalog that findings and the hover show has a Russian text', () => {
    const words = CATALOG.flatMap((feature) => [
      feature.title,
      feature.description,
      ...feature.requiredRoles.map((need) => need.message),
      ...Object.values(feature.unsupported ?? {}),
      ...feature.rows.map((row) => row.comment),
    ]);
    const missing = words.filter((word) => !/[а-яё]/i.test(phraseOf('ru', word) ?? ''));
    assert.deepEqual(missing, []);
  });

  test('English first sentences are short: at most 120 characters before the data is filled in', () => {
    for (const { meta } of RULES)
      for (const [id, text] of Object.entries(meta.messages as Record<string, string>))
        assert.ok(text.length <= 120, `${meta.code}/${id} is ${text.length} characters: ${text}`);
  });

  test('t fills the placeholders in the language, and falls back to English only for unknown languages', () => {
    assert.equal(t('en', 'hover/pool', { pool: 'edgepool.contoso.com' }), 'pool edgepool.contoso.com');
    assert.equal(t('ru', 'hover/pool', { pool: 'edgepool.contoso.com' }), 'пул edgepool.contoso.com');
    assert.throws(() => t('ru', 'no/such/id'), /no text has the id 'no\/such\/id'/);
  });
});

describe("the schema's words", () => {
  const ANNOTATIONS = [
    'description',
    'markdownDescription',
    'errorMessage',
    'patternErrorMessage',
    'x-noun',
    'x-keyNoun',
    'x-where',
    'title',
  ];
  const schema: unknown = JSON.parse(readFileSync(join(REPO, 'schemas', 'topology.schema.json'), 'utf8'));

  function annotations(node: unknown, into: string[] = []): string[] {
    if (Array.isArray(node)) node.forEach((item) => annotations(item, into));
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (ANNOTATIONS.includes(key) && typeof value === 'string') into.push(value);
        else annotations(value, into);
      }
    return into;
  }

  test("the whole-file snippet's description, which is not in the schema, has Russian too", () => {
    const english =
      'A whole topology: product, XMPP federation, networks, an Edge Server, a Front End with the XMPP gateway';
    const snippet = completionsAt(checkTopology(''), 0).find(
      (entry) => entry.kind === 'snippet' && entry.label === 'topology',
    );
    assert.equal(snippet?.detail, english);
    assert.ok(hasSchemaText(english));
    assert.match(schemaTextIn('ru', english), /пограничный сервер/);
  });

  test('every description, noun and hint of the schema has a Russian text', () => {
    const texts = annotations(schema);
    assert.ok(texts.length > 200, `${texts.length} texts`);
    const missing = texts.filter((text) => !hasSchemaText(text) || !/[а-яё]/i.test(schemaTextIn('ru', text)));
    assert.deepEqual(missing, []);
  });

  test("a Russian text keeps the English one's code spans and line structure (tables, lists)", () => {
    const spans = (text: string) => (text.match(/`[^`]*`/g) ?? []).sort();
    for (const text of annotations(schema)) {
      const russian = schemaTextIn('ru', text);
      assert.deepEqual(spans(russian), spans(text), text);
      assert.equal(russian.split('\n').length, text.split('\n').length, text);
      assert.equal((russian.match(/\|/g) ?? []).length, (text.match(/\|/g) ?? []).length, text);
    }
  });

  test('English stays English', () => {
    for (const text of annotations(schema)) assert.equal(schemaTextIn('en', text), text);
  });
});

describe('which language a tag picks', () => {
  test('ru, ru-RU and ru_RU.UTF-8 are Russian; everything else is English', () => {
    assert.deepEqual(LOCALES, ['en', 'ru']);
    for (const tag of ['ru', 'ru-RU', 'RU', 'ru_RU.UTF-8', 'ru_RU@euro']) assert.equal(localeOf(tag), 'ru', tag);
    for (const tag of ['en', 'en-US', 'de-DE', 'C', 'POSIX', 'C.UTF-8', '', undefined, null, 'rus'])
      assert.equal(localeOf(tag), 'en', String(tag));
  });

  test('the environment: LC_ALL, then LC_MESSAGES, then LANG; empty ones are skipped', () => {
    assert.equal(localeOfEnvironment({ LANG: 'ru_RU.UTF-8' }), 'ru');
    assert.equal(localeOfEnvironment({ LC_ALL: 'C', LANG: 'ru_RU.UTF-8' }), 'en');
    assert.equal(localeOfEnvironment({ LC_ALL: '', LC_MESSAGES: 'ru_RU.UTF-8', LANG: 'en_US.UTF-8' }), 'ru');
    assert.equal(localeOfEnvironment({}), 'en');
  });
});

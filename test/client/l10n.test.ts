// English and Russian: every string the extension shows goes through vscode.l10n.t and has a text
// in l10n/bundle.l10n.json and bundle.l10n.ru.json; every user-visible string of the manifest is a
// %key% of package.nls.json with its Russian text in package.nls.ru.json.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const ROOT = join(__dirname, '../../..');
const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The literal of each t('...') / vscode.l10n.t('...') call, with '...' + '...' joined. */
function l10nKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const path of sources(join(ROOT, 'client/src'))) {
    const text = readFileSync(path, 'utf8');
    for (const call of text.matchAll(/\b(?:l10n\.)?t\(\s*((?:'(?:[^'\\]|\\.)*'\s*(?:\+\s*)?)+)/g)) {
      const parts = [...call[1].matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((part) => part[1].replace(/\\(.)/g, '$1'));
      found.set(parts.join(''), path.slice(ROOT.length + 1));
    }
  }
  return found;
}

/** Placeholders like {0}, which a translation must keep. */
const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();

/** The user-visible strings of package.json: each is a %key%. */
function manifestStrings(manifest: Record<string, unknown>): { path: string; value: string }[] {
  const found: { path: string; value: string }[] = [];
  const visible = /^(displayName|description|markdownDescription|title|altText|enumDescriptions|category)$/;
  const walk = (value: unknown, path: string, visibleHere: boolean) => {
    if (typeof value === 'string') {
      if (visibleHere) found.push({ path, value });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, visibleHere));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`, visible.test(key));
    }
  };
  walk({ displayName: manifest.displayName, description: manifest.description }, '', false);
  walk(manifest.contributes, 'contributes', false);
  walk(manifest.capabilities, 'capabilities', false);
  return found;
}

describe('English and Russian', () => {
  test('every string of the extension is in both l10n bundles, with the same placeholders', () => {
    const keys = l10nKeys();
    const english = json('l10n/bundle.l10n.json');
    const russian = json('l10n/bundle.l10n.ru.json');
    assert.ok(keys.size > 80, `found ${keys.size} strings`);
    for (const [key, file] of keys) {
      assert.equal(english[key], key, `${file}: ${JSON.stringify(key)} lacks its English text`);
      const text = russian[key];
      assert.equal(typeof text, 'string', `${file}: ${JSON.stringify(key)} lacks its Russian text`);
      assert.match(text as string, /[а-яё]/i, `${JSON.stringify(key)}: the Russian text is not Russian`);
      assert.deepEqual(placeholders(text as string), placeholders(key), key);
    }
    // No stale entries either.
    assert.deepEqual(Object.keys(english).sort(), [...keys.keys()].sort());
    assert.deepEqual(Object.keys(russian).sort(), [...keys.keys()].sort());
  });

  test('every user-visible manifest string is a %key% of package.nls.json, translated in package.nls.ru.json', () => {
    const manifest = json('package.json');
    assert.equal(manifest.l10n, './l10n');
    const english = json('package.nls.json');
    const russian = json('package.nls.ru.json');
    const strings = manifestStrings(manifest);
    assert.ok(strings.length > 30, `found ${strings.length}`);
    const used = new Set<string>();
    for (const { path, value } of strings) {
      const key = /^%([^%]+)%$/.exec(value)?.[1];
      assert.ok(key, `${path} is not localized: ${JSON.stringify(value)}`);
      used.add(key);
      assert.equal(typeof english[key], 'string', `${key} lacks its English text`);
      assert.equal(typeof russian[key], 'string', `${key} lacks its Russian text`);
    }
    assert.deepEqual(Object.keys(english).sort(), [...used].sort(), 'package.nls.json has no unused keys');
    assert.deepEqual(Object.keys(russian).sort(), [...used].sort(), 'package.nls.ru.json has the same keys');
    // Names stay names; everything else reads Russian.
    const untranslated = [...used].filter((key) => !/[а-яё]/i.test(String(russian[key])));
    assert.deepEqual(untranslated.sort(), ['category', 'config.defaultProduct.enum.lync2013', 'configuration.title']);
    // A walkthrough button's command survives the translation.
    for (const key of [...used].filter((name) => name.endsWith('.description') && name.startsWith('walkthrough.')))
      assert.deepEqual(
        String(russian[key]).match(/\(command:[\w.]+\)/g),
        String(english[key]).match(/\(command:[\w.]+\)/g),
        key,
      );
  });

  test("the Russian texts use Microsoft's terms", () => {
    const russian = Object.values(json('l10n/bundle.l10n.ru.json')).join('\n');
    const manifest = Object.values(json('package.nls.ru.json')).join('\n');
    for (const term of ['пограничн', 'федерация XMPP', 'брандмауэр', 'внутреннего интерфейса', 'внешних интерфейсах'])
      assert.ok(russian.toLowerCase().includes(term.toLowerCase()), term);
    for (const term of ['сводк', 'пограничных серверов', 'правила брандмауэра'])
      assert.ok(manifest.includes(term), term);
    // Not the other words for them.
    assert.doesNotMatch(russian + manifest, /фаервол|файрвол|межсетевой экран|(?<![а-я])граничн/i);
  });
});

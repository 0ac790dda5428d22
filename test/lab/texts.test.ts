import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAB_TEXTS } from '../../server/src/lab/texts';

// The lab's run-time words live in its own module (out of the CLI's entry): each needs its Russian.
test('every lab text has a Russian one with the same placeholders', () => {
  const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
  assert.deepEqual(Object.keys(LAB_TEXTS.ru).sort(), Object.keys(LAB_TEXTS.en).sort());
  for (const [key, text] of Object.entries(LAB_TEXTS.en)) {
    const russian = (LAB_TEXTS.ru as Record<string, string>)[key];
    assert.match(russian, /[а-яё]/i, key);
    assert.deepEqual(names(russian), names(text), key);
  }
});

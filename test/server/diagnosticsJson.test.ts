import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCheckSession, findingOrigin } from '../../server/src/engine/index';
import { toLspDiagnostics } from '../../server/src/lsp/convert';
import { lspDiagnosticsBytes, type PublishedPieces } from '../../server/src/lsp/diagnosticsJson';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/lsp/settings';
import { FUZZ_EXAMPLES, random } from '../support/fuzz';
import { forEachExampleInEachLocale } from '../support/serverLocales';

// The worker's JSON of a check's diagnostics is the text JSON.stringify makes of the LSP
// diagnostics, byte for byte: in both languages, with severities changed or turned off, for two
// documents, and for the findings an incremental re-check keeps or moves. The worker hands it over
// as UTF-8 bytes in a buffer of their own, which crosses to the main thread without a copy.

const OVERRIDES: Settings = {
  ...DEFAULT_SETTINGS,
  severity: { 'unneeded-rule': 'off', 'missing-flow': 'info', 'shadowed-rule': 'error' },
};

function expected(
  diagnostics: Parameters<typeof toLspDiagnostics>[0],
  uri: string,
  version: number | null,
  settings: Settings,
) {
  return JSON.stringify(toLspDiagnostics(diagnostics, uri, version, settings));
}

test('diagnostics JSON: the text JSON.stringify makes of the LSP diagnostics, for every example and broken one', () => {
  forEachExampleInEachLocale(({ name, diagnostics, locale }) => {
    for (const [settings, uri] of [
      [DEFAULT_SETTINGS, 'file:///a/one.topology.yaml'],
      [OVERRIDES, 'file:///a/one.topology.yaml'],
      [DEFAULT_SETTINGS, 'file:///b/two "quoted".topology.yaml'],
    ] as const) {
      const json = lspDiagnosticsBytes(diagnostics, uri, 7, settings, locale).toString('utf8');
      assert.equal(json, expected(diagnostics, uri, 7, settings), `${name}, ${locale}, ${uri}`);
    }
  });
});

test("diagnostics JSON: a document's pieces, kept between publications, follow its language and settings", () => {
  const pieces: PublishedPieces = {};
  forEachExampleInEachLocale(({ name, diagnostics, locale }) => {
    for (const [settings, uri] of [
      [DEFAULT_SETTINGS, 'file:///a/one.topology.yaml'],
      [DEFAULT_SETTINGS, 'file:///a/one.topology.yaml'],
      [OVERRIDES, 'file:///a/one.topology.yaml'],
      [DEFAULT_SETTINGS, 'file:///b/two "quoted".topology.yaml'],
    ] as const) {
      const json = lspDiagnosticsBytes(diagnostics, uri, 3, settings, locale, pieces).toString('utf8');
      assert.equal(json, expected(diagnostics, uri, 3, settings), `${name}, ${locale}, ${uri}`);
    }
  });
});

const marker = '  internal:\n    between';

/** The public-Edge example with `count` partner rules no feature needs (every fifth repeats the one before it). */
function withPartnerRules(count: number): string {
  const base = FUZZ_EXAMPLES.find((example) => example.name === 'sfb2015-single-edge-public.topology.yaml')!.text;
  const rules = Array.from(
    { length: count },
    (_, k) =>
      `      - name: partner ${k}\n        service: TCP/${9000 + (k % 5 === 4 ? k - 1 : k)}\n` +
      '        from: any\n        to: edge01.avEdge\n',
  ).join('');
  return base.replace(marker, `${rules}${marker}`);
}

test('diagnostics JSON: the same text for the findings a re-check keeps or moves, version after version', () => {
  let text = withPartnerRules(60);
  const session = createCheckSession();
  const pieces: PublishedPieces = {};
  const rng = random(77);
  let moved = 0;
  let movedRelated = 0;
  for (let version = 1; version <= 12; version++) {
    const result = session.update(text);
    const uri = 'file:///a/edited.topology.yaml';
    const json = lspDiagnosticsBytes(result.diagnostics, uri, version, DEFAULT_SETTINGS, 'en', pieces).toString('utf8');
    assert.equal(json, expected(result.diagnostics, uri, version, DEFAULT_SETTINGS));
    // The pieces hold this version's findings, and of the findings gone since no more than those.
    const live = new Set(result.diagnostics.map(findingOrigin)).size;
    assert.ok(pieces.kept!.store.slots.size <= 2 * live + 1024, `${pieces.kept!.store.slots.size} slots`);
    if (session.lastUpdate === 'incremental') moved++;
    // Every fifth partner rule repeats the one before it: a duplicate whose related rule moves too.
    if (session.lastUpdate === 'incremental' && json.includes('"relatedInformation"')) movedRelated++;
    // One partner rule changed: its port (the findings below move along the line), or a line more
    // (they move down).
    const start = text.indexOf(`- name: partner ${Math.floor(rng() * 60)}\n`);
    const from = text.indexOf('        from:', start);
    const described = text.slice(start, from).includes('description');
    text = described
      ? text.slice(0, start) +
        text.slice(start).replace(/(service: TCP\/)(\d+)/, (_, head, port) => `${head}${Number(port) + 1}`)
      : `${text.slice(0, from)}        description: v${version}\n${text.slice(from)}`;
  }
  assert.ok(moved > 4, `${moved} incremental re-checks`);
  assert.ok(movedRelated > 4, `${movedRelated} incremental re-checks with related information`);
});

test('diagnostics JSON: as UTF-8 bytes in a buffer of their own, which a transfer moves to another thread', () => {
  forEachExampleInEachLocale(({ name, diagnostics, locale }) => {
    const uri = 'file:///b/two "quoted" ü.topology.yaml';
    const json = lspDiagnosticsBytes(diagnostics, uri, null, OVERRIDES, locale);
    assert.deepEqual(json, Buffer.from(expected(diagnostics, uri, null, OVERRIDES), 'utf8'), `${name}, ${locale}`);
    assert.equal(json.byteOffset, 0, `${name}: no pool's slice`);
    assert.equal(json.buffer.byteLength, json.length, `${name}: the whole buffer`);
    const moved = structuredClone(json, { transfer: [json.buffer] });
    assert.equal(json.length, 0, `${name}: transferred, not copied`);
    assert.equal(Buffer.from(moved).toString('utf8'), expected(diagnostics, uri, null, OVERRIDES));
  });
});

test("diagnostics JSON: what a document's publication keeps for the next is a few hundred bytes each", async () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  // Collected in macrotasks of their own: what a job keeps alive (WeakRef targets) and the
  // buffers V8 frees beside the collection are gone before each count.
  const used = async () => {
    for (let k = 0; k < 6; k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      collect();
    }
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const { diagnostics } = createCheckSession().update(withPartnerRules(4000));
  // Once before, so that what the first publication of all compiles and loads is not counted.
  const few = createCheckSession().update(withPartnerRules(10)).diagnostics;
  lspDiagnosticsBytes(few, 'file:///a/few.topology.yaml', 1, DEFAULT_SETTINGS, 'en', {});
  const pieces: PublishedPieces = {};
  const before = await used();
  lspDiagnosticsBytes(diagnostics, 'file:///a/many.topology.yaml', 1, DEFAULT_SETTINGS, 'en', pieces);
  const each = ((await used()) - before) / diagnostics.length;
  assert.ok(diagnostics.length > 3000, `${diagnostics.length} findings`);
  // Their texts as bytes (a message of ~100 and a fix title) and a table; objects cost 700 and more.
  assert.ok(each < 400, `${each.toFixed(0)} bytes a finding`);
  assert.equal(pieces.kept?.store.slots.size, diagnostics.length);
});

test('diagnostics JSON: the pieces of findings gone since never take more room than the live ones', () => {
  const pieces: PublishedPieces = {};
  const sizes: number[] = [];
  for (let version = 0; version < 6; version++) {
    // A fresh check each time: none of its findings is one the pieces know.
    const { diagnostics } = createCheckSession().update(withPartnerRules(1500 + 100 * version));
    const json = lspDiagnosticsBytes(
      diagnostics,
      'file:///a/many.topology.yaml',
      version,
      DEFAULT_SETTINGS,
      'en',
      pieces,
    );
    assert.equal(
      json.toString('utf8'),
      expected(diagnostics, 'file:///a/many.topology.yaml', version, DEFAULT_SETTINGS),
    );
    const { store } = pieces.kept!;
    let live = 0;
    for (const finding of diagnostics) live += store.size(store.slots.get(findingOrigin(finding))!);
    assert.ok(store.at <= 2 * live + (1 << 16), `version ${version}: ${store.at} bytes for ${live} live`);
    sizes.push(store.slots.size);
  }
  assert.ok(
    sizes.some((size, k) => k > 0 && size < sizes[k - 1]),
    `compacted: ${sizes.join(', ')}`,
  );
});

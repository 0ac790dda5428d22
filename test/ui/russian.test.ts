// The packaged extension in a Russian VS Code (code-server --locale ru), once: the manifest's
// words (package.nls.ru.json), the extension's (l10n/bundle.l10n.ru.json) in the status bar, the
// New Topology File wizard and the diagram. Screenshots go to test-artifacts/ui-ru.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { installExtension, REPO, type RunningCodeServer, startCodeServer } from '../support/codeServer';
import { packageVsix } from '../support/vsix';
import { prepareWorkspace } from '../ext/workspace';
import { diagramFrame, LONG, openFile, runCommand } from './workbench';

const OUT = process.env.OUT_RU ?? join(REPO, 'test-artifacts/ui-ru');
const SHOWCASE = 'showcase.topology.yaml';
const readJson = (path: string) => JSON.parse(readFileSync(join(REPO, path), 'utf8')) as Record<string, string>;
const RU = readJson('l10n/bundle.l10n.ru.json');
const NLS_RU = readJson('package.nls.ru.json');

/** test/ui/fixtures/ru-language-pack as a .vsix: 'ru' as a display language, with no download. */
function russianLanguagePack(): string {
  const target = join(OUT, 'ru-language-pack.vsix');
  const vsce = join(REPO, 'node_modules/@vscode/vsce/vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '-o', target], {
    cwd: join(REPO, 'test/ui/fixtures/ru-language-pack'),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
  return target;
}

/**
 * What VS Code writes to languagepacks.json when a pack is installed in a running window, and
 * reads at start to pick the display language; the command-line install does not write it.
 */
function registerLanguagePack(userData: string): void {
  const extensions = join(userData, '..', 'extensions');
  const folder = readdirSync(extensions).find((name) => name.startsWith('lync-port-planner-tests.ru-language-pack'));
  assert.ok(folder, 'the language pack is installed');
  mkdirSync(userData, { recursive: true });
  const id = 'lync-port-planner-tests.ru-language-pack';
  writeFileSync(
    join(userData, 'languagepacks.json'),
    JSON.stringify({
      ru: {
        hash: 'ui-test-ru',
        extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
        translations: { vscode: join(extensions, folder, 'translations', 'main.i18n.json') },
        label: 'русский',
      },
    }),
  );
}

let server: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;

describe('the extension in Russian (code-server --locale ru)', () => {
  before(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const vsix = packageVsix(OUT);
    assert.match(installExtension(join(OUT, 'code-server'), vsix), /was successfully installed/);
    // Without a language pack for 'ru' VS Code falls back to English for extensions too.
    assert.match(installExtension(join(OUT, 'code-server'), russianLanguagePack()), /was successfully installed/);
    registerLanguagePack(join(OUT, 'code-server', 'user-data'));
    workspace = prepareWorkspace(join(OUT, 'workspace'));
    copyFileSync(join(REPO, 'test/ui/fixtures', SHOWCASE), join(workspace, SHOWCASE));
    server = await startCodeServer({ dir: join(OUT, 'code-server'), workspace, args: ['--locale', 'ru'] });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.setDefaultTimeout(LONG);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the status bar and the diagram speak Russian', async () => {
    await openFile(page, SHOWCASE);
    const counts = RU['required flows allowed: {0}/{1}'].replace('{0}', '5').replace('{1}', '8');
    const item = page.locator('.statusbar-item', { hasText: counts });
    await item.waitFor();
    // A command by its Russian title, as the palette lists it (package.nls.ru.json).
    await runCommand(page, NLS_RU['command.showDiagram']);
    const frame = diagramFrame(page);
    await frame.locator('#diagram svg [data-flow-id]').first().waitFor({ timeout: LONG });
    assert.equal(await frame.locator('#summary').textContent(), counts);
    assert.equal(await frame.locator('#fit').textContent(), RU['Fit Width']);
    assert.equal(await frame.locator('html').getAttribute('lang'), 'ru');
    const firewalls = await frame.locator('#filter-firewall option').first().textContent();
    assert.equal(firewalls, RU['All firewalls']);
    await page.locator('.tabs-container .tab', { hasText: RU['Flows: {0}'].replace('{0}', SHOWCASE) }).waitFor();
    await page.screenshot({ path: join(OUT, '01-diagram-ru.png') });
  });

  test('the New Topology File wizard asks in Russian and names the file after the deployment', async () => {
    await runCommand(page, NLS_RU['command.newTopologyFile']);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const title = page.locator('.quick-input-widget .quick-input-title');
    // Each step keeps its proposed answer: Enter takes it.
    for (const step of [
      RU['New Topology File'],
      RU['Product'],
      RU['Edge Servers'],
      RU['External addresses'],
      RU['Features'],
    ]) {
      await title.filter({ hasText: step }).waitFor();
      if (step === RU['Features']) {
        await page.locator('.quick-input-list .monaco-list-row', { hasText: RU['SIP federation'] }).waitFor();
        await page.screenshot({ path: join(OUT, '02-wizard-features-ru.png') });
      }
      await input.press('Enter');
    }
    for (const step of [RU['Edge external address'], RU['Edge internal address']]) {
      await title.filter({ hasText: step }).waitFor();
      await input.press('Enter');
    }
    // By resource: the diagram's tab beside it is titled with the same file name.
    await page.locator('.tabs-container .tab.active[data-resource-name="contoso-edge.topology.yaml"]').waitFor();
    // Checked once the wizard's text is in: nothing allowed yet, every required flow to insert.
    const prefix = RU['required flows allowed: {0}/{1}'].split('{0}')[0];
    await page.locator('.statusbar-item', { hasText: new RegExp(`${prefix}0/[1-9]`) }).waitFor();
    await diagramFrame(page).locator('#diagram [data-status="missing"]').first().waitFor();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.screenshot({ path: join(OUT, '03-new-file-ru.png') });
  });
});

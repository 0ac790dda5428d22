// The diagram webview's page alone in headless Chromium: the real HTML (with its CSP and nonce),
// the real bundle and stylesheet, and a fake acquireVsCodeApi standing in for VS Code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FlowModel } from '../../server/src/engine/index';
import type { HostToWebview } from '../../client/src/webview/messages';
import { contentSecurityPolicy } from '../../client/src/webviewHtml';
import { launchChromium } from '../support/chromium';
import { FAKE_VSCODE_API } from './fakeVsCodeApi';
import { startWebviewServer, type WebviewServer } from './webviewServer';

/** The test's view of the page's window: what fakeVsCodeApi.ts records, and what an injection would set. */
interface RecordingWindow {
  __posted: { type: string }[];
  __state: { uri?: string; fit?: boolean } | undefined;
  __pwned?: unknown;
}

const ROOT = join(__dirname, '../../..');
const fixture = (name: string): FlowModel =>
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/flowmodel', `${name}.json`), 'utf8'));

let browser: Browser;
let server: WebviewServer;
let page: Page;
let consoleErrors: string[];

async function openPage(initialState?: unknown): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  consoleErrors = [];
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  await opened.addInitScript(`window.__initialState = ${JSON.stringify(initialState ?? null)};`);
  await opened.addInitScript(FAKE_VSCODE_API);
  await opened.goto(server.origin + '/');
  await opened.waitForFunction(() =>
    (window as unknown as RecordingWindow).__posted.some((message) => message.type === 'ready'),
  );
  return opened;
}

async function send(target: Page, message: HostToWebview): Promise<void> {
  await target.evaluate((data) => window.postMessage(data, '*'), message);
}

async function showModel(target: Page, model: FlowModel | null, fileName = 'test.topology.yaml'): Promise<void> {
  await send(target, { type: 'model', uri: `file:///work/${fileName}`, fileName, model });
  if (model) await target.waitForSelector(`#diagram svg [data-flow-id], #diagram svg .extras, #diagram svg text`);
}

const posted = (target: Page) => target.evaluate(() => (window as unknown as RecordingWindow).__posted as unknown[]);

before(async () => {
  server = await startWebviewServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('diagram webview page', () => {
  beforeEach(async () => {
    page = await openPage();
  });

  test('carries the strict CSP with its nonce and loads only our script and stylesheet', async () => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.equal(csp, contentSecurityPolicy(server.origin, server.nonce));
    assert.match(csp!, /default-src 'none'/);
    assert.match(csp!, new RegExp(`script-src 'nonce-${server.nonce.replace(/[+/]/g, '\\$&')}'(;|$)`));
    assert.equal(await page.$eval('script', (script) => (script as HTMLScriptElement).nonce), server.nonce);
    assert.equal(await page.$eval('link[rel=stylesheet]', (link) => (link as HTMLLinkElement).nonce), server.nonce);
    await showModel(page, fixture('mixed-status'));
    // The browser asks for /favicon.ico on its own; the page itself fetches only these.
    const fetched = [...new Set(server.requests)].filter((path) => path !== '/favicon.ico').sort();
    assert.deepEqual(fetched, ['/', '/client/media/diagram.css', '/dist/webview.js']);
    assert.deepEqual(consoleErrors, []);
  });

  test('says hello, keeps the document in its state, and only then enables export', async () => {
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    assert.equal(await page.isDisabled('#export'), true);
    await showModel(page, fixture('contoso-allowed'), 'contoso.topology.yaml');
    assert.deepEqual(await page.evaluate(() => (window as unknown as RecordingWindow).__state), {
      uri: 'file:///work/contoso.topology.yaml',
      fit: true,
    });
    assert.equal(await page.textContent('#file-name'), 'contoso.topology.yaml');
    assert.equal(await page.textContent('#summary'), 'required flows allowed: 3/3');
    assert.equal(await page.isDisabled('#export'), false);
    await page.click('#export');
    assert.deepEqual((await posted(page)).at(-1), { type: 'exportSvg' });
  });

  test('renders each status, each in its own theme colour', async () => {
    await showModel(page, fixture('mixed-status'));
    const statuses = await page.$$eval('#diagram [data-flow-id]', (elements) =>
      elements.map((element) => element.getAttribute('data-status')),
    );
    assert.equal(statuses.length, 11);
    assert.deepEqual(new Set(statuses), new Set(['allowed', 'missing', 'misconfigured', 'blocked']));
    const strokeOf = (status: string) =>
      page.$eval(`#diagram .flow-${status} .flow-line`, (line) => getComputedStyle(line).stroke);
    // The fallbacks of diagram.css when no VS Code theme variables are set.
    assert.equal(await strokeOf('allowed'), 'rgb(56, 138, 52)');
    assert.equal(await strokeOf('missing'), 'rgb(229, 20, 0)');
    assert.equal(await strokeOf('misconfigured'), 'rgb(209, 134, 22)');
    assert.equal(await strokeOf('blocked'), 'rgb(130, 80, 223)');
    // With a theme's variables, the drawing takes the theme's colours.
    await page.evaluate(() => document.documentElement.style.setProperty('--vscode-charts-red', 'rgb(1, 2, 3)'));
    assert.equal(await strokeOf('missing'), 'rgb(1, 2, 3)');
    const visible = await page.isVisible('#diagram .flow-missing .flow-mark');
    assert.equal(visible, true);
  });

  test('a click on an arrow asks the extension to open that flow', async () => {
    await showModel(page, fixture('mixed-status'));
    await page.click('#diagram [data-flow-id="X2@external"] .flow-label');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openFlow', flowId: 'X2@external' });
    await page.click('#diagram [data-flow-id="I04@internal"] .flow-line', { force: true });
    assert.deepEqual((await posted(page)).at(-1), { type: 'openFlow', flowId: 'I04@internal' });
    await page.click('#diagram [data-extra-index="1"]');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openExtraRule', index: 1 });
    await page.click('#diagram [data-node-id="fe01"] .node-box');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openNode', nodeId: 'fe01' });
  });

  test('the keyboard reaches every arrow, and Enter or Space opens it', async () => {
    await showModel(page, fixture('mixed-status'));
    const focusable = await page.$$eval('#diagram [data-flow-id]', (elements) =>
      elements.every(
        (element) =>
          element.getAttribute('tabindex') === '0' &&
          element.getAttribute('role') === 'button' &&
          (element.getAttribute('aria-label') ?? '').length > 20,
      ),
    );
    assert.equal(focusable, true);
    // Tab from the toolbar into the drawing until an arrow has the focus.
    await page.focus('#export');
    let focusedFlow: string | null = null;
    for (let presses = 0; presses < 20 && !focusedFlow; presses++) {
      await page.keyboard.press('Tab');
      focusedFlow = await page.evaluate(() => document.activeElement?.getAttribute('data-flow-id') ?? null);
    }
    assert.ok(focusedFlow, 'Tab never reached an arrow');
    const before = (await posted(page)).length;
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openFlow', flowId: focusedFlow });
    await page.keyboard.press('Space');
    assert.deepEqual((await posted(page)).slice(before), [
      { type: 'openFlow', flowId: focusedFlow },
      { type: 'openFlow', flowId: focusedFlow },
    ]);
    // The focus ring is drawn with the theme's focus colour.
    const ring = await page.evaluate(
      (id) => getComputedStyle(document.querySelector(`[data-flow-id="${id}"] .hit`)!).stroke,
      focusedFlow,
    );
    assert.equal(ring, 'rgb(0, 120, 212)');
  });

  test('a live update keeps the focused arrow focused', async () => {
    await showModel(page, fixture('mixed-status'));
    await page.focus('#diagram [data-flow-id="X3@internal"]');
    const updated = fixture('mixed-status');
    updated.flows.find((flow) => flow.id === 'X3@internal')!.status = 'allowed';
    updated.summary.allowed = 7;
    await send(page, {
      type: 'model',
      uri: 'file:///work/test.topology.yaml',
      fileName: 'test.topology.yaml',
      model: updated,
    });
    await page.waitForSelector('#diagram [data-flow-id="X3@internal"][data-status="allowed"]');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-flow-id')), 'X3@internal');
    assert.equal(await page.textContent('#summary'), 'required flows allowed: 7/11');
  });

  test('without a model it says why and draws nothing', async () => {
    await send(page, {
      type: 'model',
      uri: 'file:///work/x.topology.yaml',
      fileName: 'x.topology.yaml',
      model: null,
      notice: 'Waiting for the language server to check this file…',
    });
    await page.waitForSelector('#notice:not([hidden])');
    assert.equal(await page.textContent('#notice'), 'Waiting for the language server to check this file…');
    assert.equal(await page.$('#diagram svg'), null);
  });

  test('Fit Width (on at first) scales the drawing down to the panel, not below 60 %, and is remembered', async () => {
    await showModel(page, fixture('mixed-status'));
    const natural = Number(await page.getAttribute('#diagram svg', 'width'));
    const width = () => page.$eval('#diagram svg', (svg) => svg.getBoundingClientRect().width);
    const panel = () => page.$eval('#diagram', (element) => element.clientWidth);
    assert.equal(await page.getAttribute('#fit', 'aria-pressed'), 'true');
    assert.ok(natural > (await panel()), 'the fixture is wider than the page');
    assert.equal(Math.round(await width()), await panel());
    // A narrow panel: the drawing stops shrinking at 60 % and the panel scrolls.
    await page.setViewportSize({ width: 700, height: 700 });
    await page.waitForFunction(
      (least) => Math.round(document.querySelector('#diagram svg')!.getBoundingClientRect().width) === least,
      Math.round(natural * 0.6),
    );
    await page.click('#fit');
    assert.equal(await page.getAttribute('#fit', 'aria-pressed'), 'false');
    assert.equal(Math.round(await width()), natural);
    assert.equal((await page.evaluate(() => (window as unknown as RecordingWindow).__state))?.fit, false);
  });
});

describe('diagram webview security', () => {
  beforeEach(async () => {
    page = await openPage();
  });

  test('names holding HTML and script from the file run nothing and show as text', async () => {
    await showModel(page, fixture('hostile-names'));
    await page.waitForSelector('#diagram [data-flow-id]');
    // Give any injected handler (onerror, onload) the chance to fire before checking.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    assert.equal(await page.evaluate(() => (window as unknown as RecordingWindow).__pwned), undefined);
    assert.equal(
      await page.$$eval(
        '#diagram script, #diagram img, #diagram iframe, #diagram foreignObject, #diagram a',
        (found) => found.length,
      ),
      0,
    );
    const handlers = await page.$$eval('#diagram *', (elements) =>
      elements
        .flatMap((element) => Array.from(element.attributes).map((attribute) => attribute.name))
        .filter((name) => name.startsWith('on')),
    );
    assert.deepEqual(handlers, []);
    const text = await page.textContent('#diagram');
    assert.ok(text?.includes('<script>window.__pwned=1</script> edge'), 'the hostile name is shown as text');
    const ids = await page.$$eval('#diagram [data-flow-id]', (elements) =>
      elements.map((element) => element.getAttribute('data-flow-id')),
    );
    assert.ok(ids.includes('X1"><script>window.__pwned=1</script>'));
    await page.click('#diagram [data-flow-id^="X1"] .flow-label');
    assert.deepEqual((await posted(page)).at(-1), {
      type: 'openFlow',
      flowId: 'X1"><script>window.__pwned=1</script>',
    });
  });

  test('the CSP stops inline script and inline handlers even if markup got in', async () => {
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = "inline script"';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:image/gif;base64,AAAA" onerror="window.__pwned = \'handler\'">';
      document.body.append(holder);
    });
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    assert.equal(await page.evaluate(() => (window as unknown as RecordingWindow).__pwned), undefined);
    assert.ok(
      consoleErrors.some((error) => /Content Security Policy/.test(error)),
      'Chromium reports the blocked script',
    );
  });

  test('a malformed message is ignored', async () => {
    await page.evaluate(() =>
      window.postMessage({ type: 'model', uri: 42, model: '<img src=x onerror=alert(1)>' }, '*'),
    );
    await page.evaluate(() => window.postMessage('<script>', '*'));
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    assert.equal(await page.$('#diagram svg'), null);
    assert.deepEqual(consoleErrors, []);
  });
});

// The diagram webview's page alone in headless Chromium: the real HTML (with its CSP and nonce),
// the real bundle and stylesheet, and a fake acquireVsCodeApi standing in for VS Code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { FlowModel } from '../../server/src/engine/index';
import type { HostToWebview } from '../../client/src/webview/messages';
import { ENGLISH_TEXTS } from '../../client/src/webview/texts';
import { contentSecurityPolicy } from '../../client/src/webviewHtml';
import { launchChromium } from '../support/chromium';
import { FAKE_VSCODE_API } from './fakeVsCodeApi';
import { startWebviewServer, type WebviewServer } from './webviewServer';

/** The test's view of the page's window: what fakeVsCodeApi.ts records, and what an injection would set. */
interface RecordingWindow {
  __posted: { type: string }[];
  __state: { uri?: string; fit?: boolean; zoom?: number; firewall?: string; feature?: string } | undefined;
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
      zoom: 1,
      firewall: '',
      feature: '',
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

  test('Fit Width (on at first) fits the whole drawing in the panel, however narrow, and is remembered', async () => {
    await showModel(page, fixture('mixed-status'));
    const natural = Number(await page.getAttribute('#diagram svg', 'width'));
    const width = () => page.$eval('#diagram svg', (svg) => svg.getBoundingClientRect().width);
    const inner = () =>
      page.$eval('#diagram', (element) => {
        const style = getComputedStyle(element);
        return element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      });
    assert.equal(await page.getAttribute('#fit', 'aria-pressed'), 'true');
    assert.ok(natural > (await inner()), 'the fixture is wider than the page');
    assert.ok(Math.abs((await width()) - (await inner())) <= 1, `${await width()} in ${await inner()}`);
    // The panel beside the editor: 786 px wide (the 2073 px drawing was drawn 1244 px wide there).
    await page.setViewportSize({ width: 786, height: 700 });
    await page.waitForFunction(() => {
      const diagram = document.querySelector('#diagram')!;
      return document.querySelector('#diagram svg')!.getBoundingClientRect().width <= diagram.clientWidth;
    });
    assert.ok((await width()) <= (await inner()) + 0.5);
    assert.ok((await width()) >= (await inner()) - 1);
    // Nothing scrolls sideways: the whole width is on screen.
    assert.equal(await page.$eval('#diagram', (element) => element.scrollWidth <= element.clientWidth), true);
    assert.equal(await page.textContent('#zoom-level'), `${Math.round(((await width()) / natural) * 100)}%`);
    await page.click('#fit');
    assert.equal(await page.getAttribute('#fit', 'aria-pressed'), 'false');
    assert.equal(Math.round(await width()), natural);
    assert.equal((await page.evaluate(() => (window as unknown as RecordingWindow).__state))?.fit, false);
  });

  test('zoom by the buttons and by Ctrl+wheel, in steps, leaving Fit Width', async () => {
    await showModel(page, fixture('mixed-status'));
    const natural = Number(await page.getAttribute('#diagram svg', 'width'));
    const width = () => page.$eval('#diagram svg', (svg) => Math.round(svg.getBoundingClientRect().width));
    const fitted = await width();
    await page.click('#zoom-in');
    assert.equal(await page.getAttribute('#fit', 'aria-pressed'), 'false');
    const zoomed = (await page.evaluate(() => (window as unknown as RecordingWindow).__state))!.zoom!;
    assert.ok(zoomed > fitted / natural, `${zoomed} after ${fitted / natural}`);
    assert.equal(await width(), Math.floor(natural * zoomed));
    assert.equal(await page.textContent('#zoom-level'), `${Math.round(zoomed * 100)}%`);
    await page.click('#zoom-in');
    await page.click('#zoom-out');
    assert.equal(await width(), Math.floor(natural * zoomed));
    // Ctrl+wheel over the drawing zooms it, not the page; a plain wheel scrolls.
    const box = (await page.$('#diagram'))!;
    const { x, y } = (await box.boundingBox())!;
    await page.mouse.move(x + 200, y + 100);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await page.waitForFunction((before) => {
      const state = (window as unknown as RecordingWindow).__state;
      return (state?.zoom ?? 0) > before;
    }, zoomed);
    const wheeled = (await page.evaluate(() => (window as unknown as RecordingWindow).__state))!.zoom!;
    assert.equal(await width(), Math.floor(natural * wheeled));
    assert.equal(await page.evaluate(() => window.visualViewport?.scale ?? 1), 1);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 100);
    await page.keyboard.up('Control');
    await page.waitForFunction(
      (before) => ((window as unknown as RecordingWindow).__state?.zoom ?? 0) < before,
      wheeled,
    );
    // Fit Width again.
    await page.click('#fit');
    assert.equal(await width(), fitted);
  });

  test('filters by firewall and by feature redraw only those flows, and are remembered', async () => {
    const model = fixture('mixed-status');
    await showModel(page, model);
    const flowIds = () =>
      page.$$eval('#diagram [data-flow-id]', (elements) =>
        elements.map((element) => element.getAttribute('data-flow-id')),
      );
    assert.equal((await flowIds()).length, model.flows.length);
    const firewalls = await page.$$eval('#filter-firewall option', (options) =>
      options.map((option) => [(option as HTMLOptionElement).value, option.textContent]),
    );
    assert.deepEqual(firewalls, [
      ['', 'All firewalls'],
      ['external', 'external'],
      ['internal', 'internal'],
    ]);
    await page.selectOption('#filter-firewall', 'internal');
    const internal = model.flows.filter((flow) => flow.firewall === 'internal').map((flow) => flow.id);
    assert.deepEqual((await flowIds()).sort(), internal.sort());
    assert.match(
      (await page.textContent('#summary'))!,
      new RegExp(`showing ${internal.length} of ${model.flows.length} flows`),
    );
    await page.selectOption('#filter-feature', 'xmppFederation');
    const both = model.flows.filter((flow) => flow.firewall === 'internal' && flow.feature === 'xmppFederation');
    assert.deepEqual((await flowIds()).sort(), both.map((flow) => flow.id).sort());
    assert.equal(await page.$('#diagram [data-extra-index]'), null, 'a feature filter hides the extra rules');
    const state = await page.evaluate(() => (window as unknown as RecordingWindow).__state);
    assert.equal(state?.firewall, 'internal');
    assert.equal(state?.feature, 'xmppFederation');
    // A live update keeps the filters; another file drops them.
    await showModel(page, model);
    assert.deepEqual((await flowIds()).sort(), both.map((flow) => flow.id).sort());
    await showModel(page, model, 'other.topology.yaml');
    assert.equal((await flowIds()).length, model.flows.length);
    assert.equal(await page.$eval('#filter-firewall', (select) => (select as HTMLSelectElement).value), '');
  });

  test('while the YAML does not parse, a banner says the drawing is the last good check', async () => {
    const model = fixture('mixed-status');
    await showModel(page, model);
    assert.equal(await page.isHidden('#stale'), true);
    await send(page, {
      type: 'model',
      uri: 'file:///work/test.topology.yaml',
      fileName: 'test.topology.yaml',
      model,
      stale: true,
    });
    await page.waitForSelector('#stale:not([hidden])');
    assert.equal(
      await page.textContent('#stale'),
      'The YAML of this file does not parse: showing the last good check until it parses again.',
    );
    assert.equal(await page.getAttribute('#stale', 'role'), 'alert');
    assert.ok(await page.$('#diagram [data-flow-id]'), 'the last good drawing stays');
    await send(page, { type: 'model', uri: 'file:///work/test.topology.yaml', fileName: 'test.topology.yaml', model });
    await page.waitForSelector('#stale[hidden]', { state: 'attached' });
  });
});

describe('diagram webview in Russian', () => {
  let russian: WebviewServer;
  before(async () => {
    russian = await startWebviewServer({
      language: 'ru',
      texts: {
        ...ENGLISH_TEXTS,
        fitWidth: 'По ширине',
        summary: 'разрешено обязательных потоков: {0}/{1}',
        allFirewalls: 'Все брандмауэры',
        stale: 'YAML не разбирается <img src=x onerror="window.__pwned=1">',
        features: { xmppFederation: 'Федерация XMPP <script>window.__pwned=2</script>' },
      },
    });
  });
  after(() => russian.close());

  test('the words come from the extension, as text, under the same CSP', async () => {
    const opened = await browser.newPage();
    const errors: string[] = [];
    opened.on('pageerror', (error) => errors.push(error.message));
    await opened.addInitScript('window.__initialState = null;');
    await opened.addInitScript(FAKE_VSCODE_API);
    await opened.goto(russian.origin + '/');
    await opened.waitForFunction(() => (window as unknown as RecordingWindow).__posted.length > 0);
    assert.equal(await opened.getAttribute('html', 'lang'), 'ru');
    assert.equal(await opened.textContent('#fit'), 'По ширине');
    await showModel(opened, fixture('mixed-status'));
    assert.equal(await opened.textContent('#summary'), 'разрешено обязательных потоков: 6/11');
    await send(opened, {
      type: 'model',
      uri: 'file:///work/test.topology.yaml',
      fileName: 'test.topology.yaml',
      model: fixture('mixed-status'),
      stale: true,
    });
    await opened.waitForSelector('#stale:not([hidden])');
    assert.equal(await opened.textContent('#stale'), 'YAML не разбирается <img src=x onerror="window.__pwned=1">');
    const features = await opened.$$eval('#filter-feature option', (options) =>
      options.map((option) => option.textContent),
    );
    assert.ok(features.includes('Федерация XMPP <script>window.__pwned=2</script>'));
    assert.equal(await opened.$$eval('img, body script:not([src])', (found) => found.length), 0);
    await opened.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    assert.equal(await opened.evaluate(() => (window as unknown as RecordingWindow).__pwned), undefined);
    assert.deepEqual(errors, []);
    await opened.close();
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

// The change board's report in headless Chromium: it shows without loading or running anything,
// names from a hostile topology stay text, and it prints to PDF. The screenshot and the PDF are
// left in out/report/ to look at.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkTopology, renderReport } from '../../server/src/engine/index';
import { launchChromium } from '../support/chromium';

const ROOT = join(__dirname, '../../..');
const OUT = join(ROOT, 'out/report');

let browser: Browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
}

/** The report as a file:// page, with every console error, page error, dialog and request recorded. */
async function open(topology: string, name: string): Promise<Opened> {
  const path = join(OUT, `${name}.html`);
  writeFileSync(path, renderReport(checkTopology(readFileSync(join(ROOT, topology), 'utf8')), { title: name }));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`file://${path}`);
  return { page, problems, requests };
}

describe('report in Chromium', () => {
  test('shows the tables and the diagram, loads nothing but itself, and prints to PDF', async () => {
    const { page, problems, requests } = await open('examples/sfb2015-hlb.topology.yaml', 'sfb2015-hlb');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [`file://${join(OUT, 'sfb2015-hlb.html')}`]);
    assert.equal(await page.locator('h2', { hasText: /^Firewall external/ }).count(), 1);
    const diagram = await page.locator('.diagram svg').boundingBox();
    assert.ok(diagram && diagram.width > 1000 && diagram.height > 300, `diagram drawn ${JSON.stringify(diagram)}`);
    await page.screenshot({ path: join(OUT, 'sfb2015-hlb.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(join(OUT, 'sfb2015-hlb.pdf'), pdf);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    assert.ok(pages >= 2, `${pages} PDF pages`);
    await page.close();
  });

  test('a hostile topology stays text: no script runs, no dialog opens, the names read as written', async () => {
    const { page, problems, requests } = await open('test/export/hostile.topology.yaml', 'hostile');
    assert.deepEqual(problems, []);
    assert.equal(requests.length, 1);
    assert.equal(await page.locator('script').count(), 0);
    assert.match((await page.locator('h1').textContent()) ?? '', /<script>alert\(1\)<\/script>/);
    const names = await page.locator('td').allTextContents();
    assert.ok(names.includes('"; rm -rf /; "'), 'a rule name with quotes, as written');
    await page.close();
  });
});

// Playwright moves in the VS Code 1.100 workbench that held up in ../shared/E2E-RECIPE.md §2:
// event-based waits on the DOM, F1 for the command palette, nested iframes for webviews.
import type { FrameLocator, Page } from 'playwright-core';

export const LONG = 60_000;

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

export async function openFile(page: Page, path: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  // fill() replaces the '>' prefix: the palette becomes Quick Open.
  await input.fill(path);
  const name = path.split('/').pop()!;
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first().click();
  // By resource: a diagram tab is titled with the same file name.
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: LONG });
}

/** The document inside the diagram webview: VS Code's outer iframe, then our page. */
export function diagramFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** "Ln 40, Col 9 (36 selected)" → 40 */
export async function cursorLine(page: Page): Promise<number> {
  const text = (await page.locator('#status\\.editor\\.selection').textContent({ timeout: LONG })) ?? '';
  const match = /Ln (\d+)/.exec(text);
  if (!match) throw new Error(`no line in the status bar: ${text}`);
  return Number(match[1]);
}

// The page checks every portal journey runs: they find what they are for, in real Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, launchChromium, obscuredWhenFocused } from './browser.js';

describe('the page checks', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  });
  afterAll(() => browser?.close());

  it('finds a control hidden under a sticky header when focused, and passes one that shows', async () => {
    await page.setContent(`<!doctype html><html lang="en"><title>t</title>
      <header style="position:fixed;top:0;left:0;right:0;height:120px;background:#fff;z-index:1">Header</header>
      <main style="padding-top:130px">
        <button id="shows">Shows</button>
        <div style="height:2000px"></div>
        <button id="covered" style="position:absolute;top:20px">Covered</button>
      </main></html>`);
    expect(await obscuredWhenFocused(page)).toEqual(['#covered']);
  });

  it('counts WCAG 2.2 target size only when asked', async () => {
    await page.setContent(`<!doctype html><html lang="en"><title>t</title><main>
      <button aria-label="Close" style="width:12px;height:12px;padding:0;border:0"></button>
      <button aria-label="Open" style="width:12px;height:12px;padding:0;border:0;margin-left:2px"></button></main></html>`);
    expect((await accessibilityProblems(page)).map((problem) => problem.id)).not.toContain('target-size');
    expect((await accessibilityProblems(page, { wcag22: true })).map((problem) => problem.id)).toContain('target-size');
  });
});

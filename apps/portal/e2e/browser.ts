// Each journey file gets a real StudentDesk (the built API serving the BUILT portal on a fresh
// database with the journey school) and Debian's Chromium, with the checks every page gets: an
// axe-core audit (no serious or critical violation) and proof that no request leaves the machine.
import { mkdirSync } from 'node:fs';
import { startJourneyStack, type JourneyOptions, type JourneyStack } from '@studentdesk/testing';
import { accessibilityProblems, launchChromium, obscuredWhenFocused } from '@studentdesk/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const RESULTS_DIR = new URL('../test-results/', import.meta.url).pathname;
export const PORTAL_DIST = new URL('../dist/', import.meta.url).pathname;

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * For one test file: a running StudentDesk and a browser, started before its tests and stopped
 * after them. `prepare` adds what the file needs to the school (articles, incidents…).
 */
export function useStackAndBrowser(prepare?: JourneyOptions['prepare']) {
  const started = {} as { stack: JourneyStack; browser: Browser };
  beforeAll(async () => {
    [started.stack, started.browser] = await Promise.all([startJourneyStack({ portalDist: PORTAL_DIST, prepare }), launchChromium()]);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.stop();
  });
  return started;
}

/**
 * A fresh page (own cookies and storage) that records every URL it requests; `locale` is the
 * browser's language (navigator.languages and the Accept-Language header), en-US unless given.
 */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, options: { locale?: string } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  // Every wait is on a condition; under a loaded machine a step may take a while.
  page.setDefaultTimeout(30_000);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, requested, close: () => context.close() };
}

/** Every request went to the portal's own origin (or stayed inside the page: data: and the page's own blob: URLs). */
export function expectNothingLeftTheMachine(requested: string[], origin: string) {
  const outside = requested.filter(
    (url) =>
      !url.startsWith(origin) &&
      !url.startsWith(origin.replace(/^http/, 'ws')) &&
      !url.startsWith('data:') &&
      !url.startsWith(`blob:${origin}/`),
  );
  expect(outside).toEqual([]);
}

/**
 * Fails on any serious or critical accessibility violation on the page as it is now, WCAG 2.2's
 * target size included, on any element that Tab reaches but that stays hidden when focused, and,
 * on a phone, on a page whose heading is below the first screen.
 */
export async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityProblems(page, { wcag22: true }), `accessibility of ${what}`).toEqual([]);
  expect(await obscuredWhenFocused(page), `focused elements hidden on ${what}`).toEqual([]);
  if ((page.viewportSize()?.width ?? Infinity) <= PHONE.width) {
    // On a phone the page says what it is in the first screen, whatever banners it carries.
    const fold = await page.evaluate(() => {
      const heading = document.querySelector('h1')?.getBoundingClientRect();
      return heading ? { bottom: heading.bottom + window.scrollY, screen: window.innerHeight } : null;
    });
    expect(fold, `the heading of ${what}`).not.toBeNull();
    expect(fold!.bottom, `the heading of ${what} ends within the first screen`).toBeLessThanOrEqual(fold!.screen);
  }
}

/** The page fits the viewport's width: nothing to scroll sideways on a phone. */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: `${RESULTS_DIR}${name}.png`, fullPage: true });
}

// Debian's Chromium driven by playwright-core, with the checks every page gets: an axe-core audit
// (no serious or critical violation) and proof that no request leaves the machine.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startStack, type Stack } from './stack.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const RESULTS_DIR = new URL('../test-results/', import.meta.url).pathname;

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * For one test file: a running StudentDesk and a browser, started before its tests and stopped
 * after them. `prepare` adds what the file needs to the school (articles, incidents…).
 */
export function useStackAndBrowser(prepare?: (stack: Stack) => Promise<unknown>) {
  const started = {} as { stack: Stack; browser: Browser };
  beforeAll(async () => {
    [started.stack, started.browser] = await Promise.all([startStack(), launchChromium()]);
    await prepare?.(started.stack);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.close();
  });
  return started;
}

/** A fresh page (own cookies and storage) that records every URL it requests. */
export async function openPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return { page, requested, close: () => context.close() };
}

/** Every request went to the portal's own origin (or stayed inside the page). */
export function expectNothingLeftTheMachine(requested: string[], origin: string) {
  const outside = requested.filter(
    (url) => !url.startsWith(origin) && !url.startsWith(origin.replace(/^http/, 'ws')) && !url.startsWith('data:'),
  );
  expect(outside).toEqual([]);
}

/** Runs axe-core on the page as it is now; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, what: string) {
  // Evaluated through DevTools, not a script tag, so the page's Content-Security-Policy stays on.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      targets: nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious, `accessibility of ${what}`).toEqual([]);
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

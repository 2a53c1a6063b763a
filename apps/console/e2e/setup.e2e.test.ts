// First run as a new school's IT team meets it, in real Chromium: the built API started as
// `pnpm start` on an empty embedded database with no demo prints a setup link (a production start
// on PostgreSQL is school-adoption.e2e.test.ts); the link opens the console's setup page;
// the form says what is wrong per field; once filled, the admin lands signed in under the
// school's name and colours, and the empty console and portal do not break.
import { startApiProcess, until, type ApiProcess } from '@studentdesk/testing';
import { accessibilityProblems, launchChromium } from '@studentdesk/testing/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIST, PORTAL_DIST } from './stack.js';

/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('first run without the demo', () => {
  let api: ApiProcess;
  let browser: Browser;
  let page: Page;
  let link: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      startApiProcess({ DATABASE_URL: '', SEED_DEMO: 'never', CONSOLE_DIST, PORTAL_DIST }, { healthyWithinMs: 90_000 }),
      launchChromium(),
    ]);
    link = await until(() => /https?:\/\/[^\s"]+\/console\/setup#token=[A-Za-z0-9_-]+/.exec(api.output())?.[0], 10_000, 'the setup link');
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('opens the printed link, shows problems per field, then lands the admin signed in under the school’s name', async () => {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Set up StudentDesk' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('School name').fill('Lakeside Academy');
    await page.getByLabel('Time zone').fill('America/Chicago');
    await page.getByLabel('Main colour').fill('#7c2d12');
    await page
      .getByLabel('Logo (optional)')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG, 'base64') });
    await page.getByLabel('Your name').fill('Rosa Lind');
    await page.getByLabel('Your email').fill('rosa@lakeside.edu');
    await page.getByLabel('Password').fill('too short');
    await page.getByRole('button', { name: 'Finish setup' }).click();
    await expect.poll(() => page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText(/Choose a password of at least 12 characters/).isVisible()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByLabel('Password').fill('lakeside first admin');
    await page.getByRole('button', { name: 'Finish setup' }).click();
    // The setup page leaves for the console home once the API has accepted the form.
    await page.waitForURL((url) => url.pathname === '/console/');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.locator('header.top .brand').textContent()).toBe('Lakeside Academy');
    expect(await page.locator('header.top .brand img').getAttribute('src')).toBe(`data:image/png;base64,${PIXEL_PNG}`);
    expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--accent'))).toBe('#7c2d12');
    expect(await page.getByText('Rosa Lind').first().isVisible()).toBe(true);
    // The empty school's pages: no departments, no tickets, nothing breaks.
    for (const path of ['/console/queue/mine', '/console/insights', '/console/incidents']) {
      await page.goto(`${api.origin}${path}`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await expect.poll(() => page.locator('main').textContent()).not.toMatch(/Loading…$/);
      expect(await page.getByText(/cannot be reached|Something went wrong/).count(), path).toBe(0);
    }
  });

  it('refuses the link a second time, saying why', async () => {
    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByLabel('School name').fill('Someone Else');
    await again.getByLabel('Your name').fill('Mallory');
    await again.getByLabel('Your email').fill('mallory@example.edu');
    await again.getByLabel('Password').fill('let me in as the admin please');
    await again.getByRole('button', { name: 'Finish setup' }).click();
    await again.getByText(/This setup link cannot be used/).waitFor();
    await again.close();
  });

  it('the portal shows the school’s name and colours, and its empty school without breaking', async () => {
    const portal = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    portal.on('pageerror', (error) => errors.push(error.message));
    await portal.goto(`${api.origin}/`);
    await portal.getByRole('heading', { level: 1 }).first().waitFor();
    await expect.poll(() => portal.locator('.site-header .brand').textContent()).toBe('Lakeside Academy');
    expect(await portal.evaluate(() => document.documentElement.style.getPropertyValue('--accent'))).toBe('#7c2d12');
    expect(errors).toEqual([]);
    await portal.close();
  });
});

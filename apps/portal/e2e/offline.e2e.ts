// A student on a phone whose connection comes and goes: the portal, opened once, opens again with no
// connection (its service worker keeps the app shell), keeps the report written offline, says that
// it waits, and sends it by itself, once, when the phone is back online.
import type { Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { expectAccessible, expectNothingLeftTheMachine, openPage, PHONE, screenshot, useStackAndBrowser } from './browser.js';
import { findTickets } from './desk.js';

const started = useStackAndBrowser();

const TITLE = 'No Wi-Fi in the basement study rooms';
const OFFLINE = /^You are offline\. What you write is kept on this device/;
const WAITING = 'You are offline. Your report is kept on this device and will be sent when you are back online.';

it('a guest writes and sends a report offline; it waits on the phone and goes by itself, once, when back online', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, PHONE);
  const context = page.context();
  // Playwright's setOffline cuts the service worker's own fetches too in Chromium (its network
  // emulation covers the worker's target): the worker's try at the network fails, which is how
  // this proves that the page then came from the worker's cache, not from the server.
  const failedInWorker: string[] = [];
  context.on('requestfailed', (request: Request) => {
    if (request.serviceWorker()) failedInWorker.push(request.url());
  });

  await page.goto(`${stack.origin}/report/guest`);
  await page.getByRole('heading', { name: 'Report a problem without signing in' }).waitFor();
  await page.getByRole('option', { name: 'Wi-Fi & network' }).waitFor({ state: 'attached' });
  // The worker has kept the shell and controls the page (clients.claim): it answers from now on.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL)).toBe(`${stack.origin}/sw.js`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  const offlineLoad = await page.reload();
  await page.getByRole('heading', { name: 'Report a problem without signing in' }).waitFor();
  expect(offlineLoad?.fromServiceWorker()).toBe(true);
  await expect.poll(() => failedInWorker).toContain(`${stack.origin}/report/guest`);
  await page.getByText(OFFLINE).waitFor();

  await page.getByLabel('What is it about?').selectOption({ label: 'Wi-Fi & network' });
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('What happened?').fill('My phone finds the network but never gets an address, since this morning.');
  await page.getByLabel('Your name').fill('Olu Offline');
  await page.getByLabel('Email').fill('olu@student.test');
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByText(WAITING).waitFor();
  await expectAccessible(page, 'the report waiting to be sent');
  await screenshot(page, 'offline-waiting');

  // Closed and opened again, still offline: the report is still there, still waiting.
  await page.reload();
  await page.getByText(WAITING).waitFor();
  expect(await page.getByLabel('Title').inputValue()).toBe(TITLE);
  expect(await page.getByLabel('Your name').inputValue()).toBe('Olu Offline');
  expect(await findTickets(stack, TITLE)).toEqual([]);

  await context.setOffline(false);
  await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
  expect(await page.locator('.ticket-number').textContent()).toMatch(/^SD-\d+$/);
  const made = await findTickets(stack, TITLE);
  expect(made.filter((ticket) => ticket.title === TITLE)).toHaveLength(1);
  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

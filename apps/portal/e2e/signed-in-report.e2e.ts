// A signed-in student, keyboard only: sign in, report a problem, and watch the reply and the
// assignment arrive on the open ticket page without reloading.
import { TicketStatus } from '@studentdesk/domain';
import { JOURNEY_PEOPLE, PASSWORD } from '@studentdesk/testing';
import { watchSubscriptions } from '@studentdesk/testing/browser';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DESKTOP, expectAccessible, expectNothingLeftTheMachine, openPage, screenshot, useStackAndBrowser } from './browser.js';
import { findTickets } from './desk.js';

const started = useStackAndBrowser();

/** Presses Tab until the element matching `selector` has focus; fails after 20 presses. */
async function tabTo(page: Page, selector: string) {
  for (let presses = 0; presses < 20; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Moves the focused closed select down to the option, as arrow keys do. (Typing the option's
 * name works too, but only while the keys come within a second of each other: not on a loaded machine.)
 */
async function chooseByKeyboard(page: Page, label: string) {
  // The categories arrive after the form: arrow keys on the lone placeholder would go nowhere.
  await page.locator('select:focus option', { hasText: label }).waitFor({ state: 'attached' });
  const selected = () => page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.label);
  for (let presses = 0; presses < 30 && (await selected()) !== label; presses += 1) await page.keyboard.press('ArrowDown');
  expect(await selected()).toBe(label);
}

const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { id } }`;
const RESOLVE = `mutation($input: ResolveTicketInput!) { resolveTicket(input: $input) { id } }`;
const ASSIGN = `mutation($ticketId: ID!, $assigneeId: ID) { assignTicket(ticketId: $ticketId, assigneeId: $assigneeId) { id } }`;

it('a signed-in student reports a problem and sees the staff reply appear without a reload', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, DESKTOP);
  const subscriptions = watchSubscriptions(page);
  const asStaff = await stack.as('staff');
  await page.goto(`${stack.origin}/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();

  await tabTo(page, 'input[type=email]');
  await page.keyboard.type(JOURNEY_PEOPLE.amara.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'My tickets' }).waitFor();
  await page.getByText('You have not reported anything yet.').waitFor();
  await expectAccessible(page, 'My tickets');

  await tabTo(page, 'main a[href="/report"]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Report a problem' }).waitFor();
  await tabTo(page, 'select');
  await chooseByKeyboard(page, 'Login & accounts');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Printer in the library eats my card');
  await page.keyboard.press('Tab');
  await page.keyboard.type('The card reader on printer 2 keeps my student card.');
  await expectAccessible(page, 'the report form');
  await tabTo(page, 'button[type=submit]');
  await page.keyboard.press('Enter');

  await page.getByText(/Thank you: we have your report, SD-\d+\./).waitFor();
  await page.getByText('Waiting for someone to pick it up.').waitFor();
  await page.getByText(/Our reply is due (today|tomorrow) by \d\d:\d\d\./).waitFor();
  const ticket = (await findTickets(stack, 'Printer in the library eats my card')).find(
    (found) => found.title === 'Printer in the library eats my card',
  );
  const ticketId = ticket.id as string;
  expect(page.url()).toBe(`${stack.origin}/tickets/${ticketId}`);
  await subscriptions.untilSent('TicketLive');

  await asStaff(ASSIGN, { ticketId, assigneeId: await stack.userId('staff') });
  await asStaff(REPLY, { input: { ticketId, body: 'I have freed your card; it is at the library desk.' } });
  await page.getByText('Jonas Weber is handling it.').waitFor();
  await page.getByText('I have freed your card; it is at the library desk.').waitFor();
  await page.getByText('Being worked on', { exact: true }).waitFor();
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);

  await page.getByLabel('Your reply').fill('Got it, thank you!');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.locator('.message.mine', { hasText: 'Got it, thank you!' }).waitFor();
  await expectAccessible(page, 'the ticket page');
  await screenshot(page, 'signed-in-report-live-reply');

  // Resolved, but not really solved: the student reopens it with a reason.
  await asStaff(RESOLVE, { input: { ticketId, resolution: 'The reader was replaced.' } });
  await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
  await page.getByRole('button', { name: 'Not solved? Reopen it' }).click();
  await page.getByLabel('What is still not working?').fill('The new reader keeps my card too.');
  await expectAccessible(page, 'the resolved ticket page with the rating and reopen forms');
  await page.getByRole('button', { name: 'Reopen', exact: true }).click();
  await page.getByText('Being worked on', { exact: true }).waitFor();
  await page.locator('.message.mine', { hasText: 'The new reader keeps my card too.' }).waitFor();
  expect((await findTickets(stack, ticket.number))[0].status).toBe(TicketStatus.OPEN);

  await page.getByRole('link', { name: 'My tickets' }).click();
  await page.getByRole('link', { name: /SD-\d+: Printer in the library eats my card/ }).waitFor();
  await page.getByText('Jonas Weber is handling it.').waitFor();
  await expectAccessible(page, 'My tickets with a ticket');
  await page.goto(`${stack.origin}/no/such/page`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await expectAccessible(page, 'an unknown address');

  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

// One report is one ticket: the draft survives a reload, a lost answer is retried with the same
// idempotency key, and clicking "Send" twice changes nothing.
import { expect, it } from 'vitest';
import { DESKTOP, expectAccessible, openPage, screenshot, useStackAndBrowser } from './browser.js';
import { findTickets } from './desk.js';

const started = useStackAndBrowser();

it('a double-clicked report whose first answer is lost makes exactly one ticket', async () => {
  const { stack, browser } = started;
  const { page, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/report/guest`);
  await page.getByLabel('Your name').fill('Dana Double');
  await page.getByLabel('Email').fill('dana@student.test');
  await page.getByLabel('What is it about?').selectOption({ label: 'Wi-Fi & network' });
  await page.getByLabel('Title').fill('Eduroam drops every five minutes');
  await page.getByLabel('What happened?').fill('In the library, on my laptop, since Monday.');

  // The draft is kept on the device: a reload (or a lost connection) loses nothing.
  await page.reload();
  expect(await page.getByLabel('Title').inputValue()).toBe('Eduroam drops every five minutes');
  expect(await page.getByLabel('Your name').inputValue()).toBe('Dana Double');

  // The first report reaches the API, but its answer never reaches the browser.
  const sentKeys: string[] = [];
  let answersLost = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes('ReportProblem')) return route.continue();
    sentKeys.push(JSON.parse(body).variables.input.idempotencyKey);
    if (answersLost === 0) {
      answersLost += 1;
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.getByRole('button', { name: 'Send report' }).dblclick();

  await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
  await expectAccessible(page, 'the confirmation page');
  await screenshot(page, 'double-submit-one-ticket');

  expect(sentKeys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(sentKeys).size).toBe(1);
  const made = await findTickets(stack, 'Eduroam drops every five minutes');
  expect(made.filter((ticket) => ticket.title === 'Eduroam drops every five minutes')).toHaveLength(1);
  // Sent: the draft is gone.
  await page.goto(`${stack.origin}/report/guest`);
  expect(await page.getByLabel('Title').inputValue()).toBe('');
  await close();
});

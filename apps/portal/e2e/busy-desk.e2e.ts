// A busy desk: the first send is answered 503 with Retry-After, as the API answers when its
// database is saturated (only that answer is simulated, in the browser's network; the API behind
// it is real). The form says it is waiting, sends again with the same key after the wait, and the
// report is one ticket.
import { expect, it } from 'vitest';
import { DESKTOP, expectAccessible, openPage, screenshot, useStackAndBrowser } from './browser.js';
import { findTickets } from './desk.js';

const started = useStackAndBrowser();

const BUSY = {
  errors: [
    {
      message: 'StudentDesk is very busy at the moment. Try again in a few seconds.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 1 },
    },
  ],
};

it('a report sent while the desk is busy is sent again after Retry-After with the same key, and makes one ticket', async () => {
  const { stack, browser } = started;
  const { page, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/report/guest`);
  await page.getByLabel('Your name').fill('Bea Busy');
  await page.getByLabel('Email').fill('bea@student.test');
  await page.getByLabel('What is it about?').selectOption({ label: 'Wi-Fi & network' });
  await page.getByLabel('Title').fill('Printer queue never empties');
  await page.getByLabel('What happened?').fill('Jobs sit in the queue of the second-floor printer for hours.');

  const sentKeys: string[] = [];
  let busyAnswers = 0;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (!body.includes('ReportProblem')) return route.continue();
    sentKeys.push(JSON.parse(body).variables.input.idempotencyKey);
    if (busyAnswers > 0) return route.continue();
    busyAnswers += 1;
    // What Apollo Server sends to a client that accepts application/graphql-response+json.
    return route.fulfill({
      status: 503,
      headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', 'retry-after': '1' },
      body: JSON.stringify(BUSY),
    });
  });
  await page.getByRole('button', { name: 'Send report' }).click();

  await page
    .getByRole('status')
    .filter({ hasText: /The help desk is busy: trying again in \d s\./ })
    .waitFor();
  await page.getByRole('button', { name: 'Stop trying' }).waitFor();
  await expectAccessible(page, 'the report form waiting for a busy desk');
  await screenshot(page, 'busy-desk-waiting');

  await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
  expect(sentKeys).toHaveLength(2);
  expect(new Set(sentKeys).size).toBe(1);
  const made = await findTickets(stack, 'Printer queue never empties');
  expect(made.filter((ticket) => ticket.title === 'Printer queue never empties')).toHaveLength(1);
  await close();
});

it('a student who stops waiting keeps the report, and sends it later as one ticket', async () => {
  const { stack, browser } = started;
  const { page, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/report/guest`);
  await page.getByLabel('Your name').fill('Carl Cancel');
  await page.getByLabel('Email').fill('carl@student.test');
  await page.getByLabel('What is it about?').selectOption({ label: 'Wi-Fi & network' });
  await page.getByLabel('Title').fill('Projector in room B2 flickers');
  await page.getByLabel('What happened?').fill('Every few seconds the image goes dark.');

  let busy = true;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postData() ?? '';
    if (!busy || !body.includes('ReportProblem')) return route.continue();
    return route.fulfill({
      status: 503,
      headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', 'retry-after': '30' },
      body: JSON.stringify({ errors: [{ ...BUSY.errors[0], extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 30 } }] }),
    });
  });
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByRole('button', { name: 'Stop trying' }).click();

  await page.getByRole('alert').filter({ hasText: 'Not sent. Your report is saved on this device' }).waitFor();
  expect(await page.getByLabel('Title').inputValue()).toBe('Projector in room B2 flickers');
  await expectAccessible(page, 'the report form after the student stopped waiting');

  busy = false;
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
  const made = await findTickets(stack, 'Projector in room B2 flickers');
  expect(made.filter((ticket) => ticket.title === 'Projector in room B2 flickers')).toHaveLength(1);
  await close();
});

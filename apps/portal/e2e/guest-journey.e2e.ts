// A student who cannot sign in: from the sign-in page to a report without an account, the
// tracking link (shown and emailed), and a rating through the email's one-click link. On a phone.
import { until } from '@studentdesk/testing';
import { watchSubscriptions } from '@studentdesk/testing/browser';
import { expect, it } from 'vitest';
import {
  expectAccessible,
  expectNothingLeftTheMachine,
  expectNoSidewaysScroll,
  openPage,
  PHONE,
  screenshot,
  useStackAndBrowser,
} from './browser.js';
import { emailsTo, findTickets } from './desk.js';

const started = useStackAndBrowser();

const RESOLVE = `mutation($input: ResolveTicketInput!) { resolveTicket(input: $input) { id status } }`;

it('a guest reports a login problem from the sign-in page and rates the fix through the emailed link', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, PHONE);
  const subscriptions = watchSubscriptions(page);
  await page.goto(`${stack.origin}/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await expectAccessible(page, 'the sign-in page');
  await expectNoSidewaysScroll(page);

  await page.getByRole('link', { name: 'Report a problem without signing in' }).click();
  await page.getByRole('heading', { name: 'Report a problem without signing in' }).waitFor();
  await expectAccessible(page, 'the guest report form');

  // The API's own words appear next to the field they concern.
  await page.getByLabel('What is it about?').selectOption({ label: 'Login & accounts' });
  await page.getByLabel('Title').fill('Cannot sign in to the LMS');
  await page.getByLabel('What happened?').fill('It says my password expired, but the reset page rejects my student number.');
  await page.getByRole('button', { name: 'Send report' }).click();
  const nameError = page.getByLabel('Your name');
  await expect.poll(() => nameError.getAttribute('aria-invalid')).toBe('true');
  await expect.poll(() => page.locator('.field-invalid .field-error').first().textContent()).toBe('Tell us your name.');
  await expectAccessible(page, 'the guest report form with an error');

  await page.getByLabel('Your name').fill('Gina Guest');
  await page.getByLabel('Email').fill('gina@student.test');
  await page.getByLabel('Student number (if you know it)').fill('S2000002');
  await page.getByLabel('How soon do you need this solved?').selectOption({ label: 'Within a day' });
  await page.getByLabel('What would a good outcome look like?').fill('I can hand in my essay on Friday.');
  await page.getByRole('button', { name: 'Send report' }).click();

  await page.getByRole('heading', { name: 'Thank you: we have your report' }).waitFor();
  const number = await page.locator('.ticket-number').textContent();
  const trackingUrl = (await page.locator('.tracking-link a').textContent())!;
  expect(number).toMatch(/^SD-\d+$/);
  expect(trackingUrl).toMatch(new RegExp(`^${stack.origin}/track/sdt_[\\w-]+$`));
  await expectAccessible(page, 'the confirmation page');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'guest-journey-confirmation');

  const [ticket] = await findTickets(stack, 'gina@student.test');
  expect(ticket).toMatchObject({
    number,
    expectedResolutionHours: 24,
    desiredOutcome: 'I can hand in my essay on Friday.',
    studentNumber: 'S2000002',
    channel: 'GUEST',
  });
  const trackingEmail = (await emailsTo(stack, 'gina@student.test')).find((email) => email.kind === 'TRACKING_LINK');
  expect(trackingEmail.text).toContain(trackingUrl);

  await page.goto(trackingUrl);
  await page.getByText('Received', { exact: true }).waitFor();
  await page.getByText(/Our reply is due (today|tomorrow) by \d\d:\d\d\./).waitFor();
  await expectAccessible(page, 'the tracking page');
  await subscriptions.untilSent('TicketLive');

  await (
    await stack.as('staff')
  )(RESOLVE, {
    input: {
      ticketId: ticket.id,
      resolution: 'Your password is reset; sign in with the code we texted you.',
      predictedScore: 4,
    },
  });
  // Live: the open tracking page shows the resolution without a reload.
  await page.getByText('Your password is reset; sign in with the code we texted you.').waitFor();

  const resolvedEmail = await until(
    async () => (await emailsTo(stack, 'gina@student.test')).find((email) => email.kind === 'RESOLVED'),
    15_000,
    'the “resolved” email',
  );
  const fourStars = new RegExp(`${stack.origin}/track/sdt_[\\w-]+\\?rate=4`).exec(resolvedEmail.text)![0];

  await page.goto(fourStars);
  await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
  expect(await page.getByLabel('4 – Satisfied').isChecked()).toBe(true);
  await page.getByLabel('As I expected').check();
  await page.getByLabel('Anything to add? (optional)').fill('Quick and friendly.');
  await expectAccessible(page, 'the rating form');
  await page.getByRole('button', { name: 'Send rating' }).click();
  await page.getByText('4 out of 5. Thank you: “Quick and friendly.”').waitFor();
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'guest-journey-rated');

  expect((await findTickets(stack, number))[0].rating).toEqual({ score: 4, expectation: 'MET', comment: 'Quick and friendly.' });
  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

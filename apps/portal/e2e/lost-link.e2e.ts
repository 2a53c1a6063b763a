// A guest who lost the tracking link: from a link cut short, the email address and the ticket
// number bring a new link by email, which opens the ticket. On a phone.
import { until } from '@studentdesk/testing';
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
import { emailsTo } from './desk.js';

const started = useStackAndBrowser();

const REPORT = `mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { number } } }`;

it('a guest who lost the link gets a new one by email with the ticket number', async () => {
  const { stack, browser } = started;
  const reported = await stack.api.gql(REPORT, {
    input: {
      categoryId: stack.categories['Login & accounts'],
      title: 'My VPN certificate expired',
      description: 'The VPN app says my certificate expired yesterday.',
      contactName: 'Lena Lost',
      contactEmail: 'lena.lost@student.test',
    },
  });
  expect(reported.errors).toBeUndefined();
  const number = reported.data!.reportProblem.ticket.number as string;

  const { page, requested, close } = await openPage(browser, PHONE);
  await page.goto(`${stack.origin}/`);
  // An empty sign-in names what is missing, instead of "the email or password is not right".
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Enter your school email.').waitFor();
  await page.getByText('Enter your password.').waitFor();

  // A link cut short in the email app: a page that says so and leads on, not the API's words.
  await page.goto(`${stack.origin}/track/sdt_cut-short`);
  await page.getByRole('heading', { name: 'We cannot find this ticket', level: 1 }).waitFor();
  await expectAccessible(page, 'the ticket-not-found page');
  await page.getByRole('main').getByRole('link', { name: 'Lost the link to your ticket?' }).click();
  await page.getByRole('heading', { name: 'Lost the link to your ticket?', level: 1 }).waitFor();
  await expectAccessible(page, 'the lost-link form');

  // Nothing typed: both fields say what they need, at once.
  await page.getByRole('button', { name: 'Email me a new link' }).click();
  await page.getByText('Enter the email address you reported with.').waitFor();
  await page.getByText('Enter the ticket number, like SD-1042.').waitFor();
  await expectAccessible(page, 'the lost-link form with errors');

  // As a student types it: the address in other case, the number in lower case.
  await page.getByLabel('Email you reported with').fill('Lena.Lost@student.test');
  await page.getByLabel('Ticket number').fill(number.toLowerCase());
  await page.getByRole('button', { name: 'Email me a new link' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `If ${number} was reported with Lena.Lost@student.test` })
    .waitFor();
  await expectAccessible(page, 'the lost-link answer');
  await expectNoSidewaysScroll(page);
  await screenshot(page, 'lost-link-sent');

  const email = await until(
    async () => (await emailsTo(stack, 'lena.lost@student.test')).find((sent) => sent.kind === 'TICKET_LINK'),
    15_000,
    'the new link by email',
  );
  const link = new RegExp(`${stack.origin}/track/sdt_[\\w-]+`).exec(email.text)![0];
  await page.goto(link);
  await page.getByRole('heading', { name: 'My VPN certificate expired' }).waitFor();
  await expectAccessible(page, 'the ticket opened with the new link');
  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

// A student on a phone: the header says who is signed in, "My tickets" finds the ticket staff asked
// a question on (waiting on me) and a ticket by a word of its title, and the profile page changes
// their name and turns off reply emails, after which a staff reply emails them no more.
import { JOURNEY_PEOPLE, PASSWORD, until } from '@studentdesk/testing';
import { expect, it } from 'vitest';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  expectNothingLeftTheMachine,
  openPage,
  PHONE,
  screenshot,
  useStackAndBrowser,
} from './browser.js';
import { emailsTo } from './desk.js';

const started = useStackAndBrowser();

const REPORT = `mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }`;
const REPLY = `mutation($input: ReplyInput!) { reply(input: $input) { id } }`;
const WAIT_ON_STUDENT = `mutation($ticketId: ID!) { updateTicketStatus(ticketId: $ticketId, status: WAITING_ON_STUDENT) { id } }`;
const RESOLVE = `mutation($input: ResolveTicketInput!) { resolveTicket(input: $input) { id } }`;

it('a student finds the ticket waiting on them, renames themself and turns off reply emails', async () => {
  const { stack, browser } = started;
  const amara = await stack.as('amara');
  const asStaff = await stack.as('staff');
  const report = async (title: string) =>
    (
      await amara(REPORT, {
        input: { categoryId: stack.categories['Login & accounts'], title, description: 'Details as I saw them.' },
      })
    ).reportProblem.ticket.id as string;
  const locked = await report('Library account locked');
  await report('Printer on floor 2 jams');
  await asStaff(REPLY, { input: { ticketId: locked, body: 'Could you send your student number?' } });
  await asStaff(WAIT_ON_STUDENT, { ticketId: locked });
  const replyEmails = async () => (await emailsTo(stack, JOURNEY_PEOPLE.amara.email)).filter((email) => email.kind === 'STAFF_REPLIED');
  // Still opted in: the question reached her inbox.
  expect(await replyEmails()).toHaveLength(1);

  const { page, requested, close } = await openPage(browser, PHONE);
  await page.goto(`${stack.origin}/sign-in`);
  await page.getByLabel('School email').fill(JOURNEY_PEOPLE.amara.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My tickets' }).waitFor();

  // Who is signed in, on one line of the phone's header, with the profile and sign-out beside it.
  const header = page.getByRole('banner');
  const signedInAs = header.getByText('Signed in as Amara Okafor');
  await signedInAs.waitFor();
  const tops = await Promise.all(
    [signedInAs, header.getByRole('link', { name: 'Profile' }), header.getByRole('button', { name: 'Sign out' })].map(
      async (element) => (await element.boundingBox())!,
    ),
  );
  expect(Math.max(...tops.map((box) => box.y)) - Math.min(...tops.map((box) => box.y))).toBeLessThan(tops[0]!.height);
  await expectNoSidewaysScroll(page);

  const results = page.getByRole('region', { name: 'Your tickets' });
  const lockedTicket = results.getByRole('link', { name: /SD-\d+: Library account locked/ });
  const printerTicket = results.getByRole('link', { name: /SD-\d+: Printer on floor 2 jams/ });
  await lockedTicket.waitFor();
  await printerTicket.waitFor();
  await page.getByRole('radio', { name: 'Waiting on me' }).check();
  await printerTicket.waitFor({ state: 'detached' });
  await results.getByText('Waiting for your answer — Jonas Weber asked: “Could you send your student number?”').waitFor();
  await results.getByText('We are waiting for your answer; the clock stops until you reply.').waitFor();
  await expectAccessible(page, 'My tickets, waiting on me');
  await screenshot(page, 'my-account-waiting-on-me');

  await page.getByRole('radio', { name: 'All' }).check();
  await page.getByLabel('Search my tickets').fill('printer');
  await lockedTicket.waitFor({ state: 'detached' });
  await printerTicket.waitFor();
  await results.getByText(/^Received — you reported it today \d\d:\d\d$/).waitFor();
  await results.getByText(/^Our reply is due (today|tomorrow|\w+day) by \d\d:\d\d\.$/).waitFor();

  await header.getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  await page.getByText(`We write to ${JOURNEY_PEOPLE.amara.email}.`).waitFor();
  const replies = page.getByRole('checkbox', { name: 'When the help desk replies to my tickets' });
  expect(await replies.isChecked()).toBe(true);
  await expectAccessible(page, 'the profile page');
  await page.getByLabel('Your name').fill('  ');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Give your name, up to 120 characters.').waitFor();
  await page.getByLabel('Your name').fill('Amara Okafor-Reyes');
  await replies.uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved.').waitFor();
  await header.getByText('Signed in as Amara Okafor-Reyes').waitFor();
  expect(await page.getByRole('checkbox', { name: 'A reminder to rate a solved ticket' }).isChecked()).toBe(true);
  await expectAccessible(page, 'the profile page, saved');
  await screenshot(page, 'my-account-profile');
  // Kept on the account, not only on the page.
  await page.reload();
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  expect(await page.getByLabel('Your name').inputValue()).toBe('Amara Okafor-Reyes');
  expect(await replies.isChecked()).toBe(false);

  // Staff answer and then resolve: the resolution email (always sent) proves the mail of both was
  // written by then, so the reply's absence is not a reply still on its way.
  await asStaff(REPLY, { input: { ticketId: locked, body: 'Thanks, your account is unlocked.' } });
  await asStaff(RESOLVE, { input: { ticketId: locked, resolution: 'Unlocked the library account.' } });
  const resolved = await until(
    async () => (await emailsTo(stack, JOURNEY_PEOPLE.amara.email)).find((email) => email.kind === 'RESOLVED'),
    15_000,
    'the resolved email',
  );
  expect(resolved.text).toContain('Unlocked the library account.');
  const afterOptOut = await replyEmails();
  expect(afterOptOut).toHaveLength(1);
  expect(afterOptOut[0].text).toContain('Could you send your student number?');

  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

// While a student types, a known issue and an article are suggested; choosing the known issue ends
// the report there, and the desk counts the report it was spared.
import { createArticle, createIncident } from '@studentdesk/testing';
import { expect, it } from 'vitest';
import { expectAccessible, expectNothingLeftTheMachine, openPage, PHONE, screenshot, useStackAndBrowser } from './browser.js';
import { findTickets } from './desk.js';

const started = useStackAndBrowser(async (prisma) => {
  const login = await prisma.category.findFirstOrThrow({ where: { name: 'Login & accounts' } });
  await createIncident(prisma, {
    title: 'LMS sign-in failing',
    summary: 'The LMS rejects every sign-in. Email still works.',
    categoryId: login.id,
  });
  await createArticle(prisma, {
    slug: 'reset-your-password',
    title: 'Reset your password',
    summary: 'Use the self-service page with your student number.',
    body: 'Open the account page.\n\nChoose “Forgot password”.',
    categoryId: login.id,
  });
});

it('a known issue answers the report before it is sent, and the deflection is counted', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, PHONE);
  await page.goto(`${stack.origin}/report/guest`);
  await page.getByLabel('What is it about?').selectOption({ label: 'Login & accounts' });
  await page.getByLabel('Title').fill('Cannot sign in, forgot my password?');

  // Inside the form, where it can end the report (the page's known-issue banner shows it too).
  const suggestions = page.getByRole('complementary', { name: 'Suggestions' });
  await suggestions.getByText(/^Known issue: LMS sign-in failing since today \d\d:\d\d$/).waitFor();
  await suggestions.getByRole('link', { name: /Reset your password/ }).waitFor();
  await expectAccessible(page, 'the report form with suggestions');
  await screenshot(page, 'deflection-suggestions');

  // The page tells the desk which known issue answered which category of report.
  const deflection = page.waitForResponse((response) => response.request().postData()?.includes('RecordDeflection') ?? false);
  await suggestions.getByRole('button', { name: "That's my problem — no need to report it" }).click();
  const recorded = await deflection;
  expect(recorded.request().postDataJSON().variables.input).toMatchObject({
    incidentId: expect.any(String),
    categoryId: stack.categories['Login & accounts'],
  });
  expect(await recorded.json()).toMatchObject({ data: { recordDeflection: true } });
  await page.getByRole('heading', { name: 'Glad that helped' }).waitFor();
  await page.getByText(/We already know about “LMS sign-in failing”/).waitFor();
  await expectAccessible(page, 'the deflection page');
  await screenshot(page, 'deflection-answered');

  expect(await findTickets(stack, null)).toEqual([]);
  await page.goto(`${stack.origin}/help/reset-your-password`);
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await page.getByText('Choose “Forgot password”.').waitFor();
  await expectAccessible(page, 'an article');
  await page.goto(`${stack.origin}/no/such/page`);
  // Not signed in: an unknown address leads to the sign-in page.
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  expect(page.url()).toBe(`${stack.origin}/sign-in`);

  // The abandoned draft is gone: the next report starts empty.
  await page.goto(`${stack.origin}/report/guest`);
  expect(await page.getByLabel('Title').inputValue()).toBe('');
  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

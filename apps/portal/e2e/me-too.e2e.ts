// A student starting a report while a known issue hits everyone: "that's my problem" counts them as
// affected instead of opening a duplicate ticket; a visitor of the status page asks to hear when it
// is fixed; the resolution reaches both by email.
import { createIncident, JOURNEY_PEOPLE, PASSWORD, until } from '@studentdesk/testing';
import { expect, it } from 'vitest';
import { expectAccessible, expectNothingLeftTheMachine, openPage, PHONE, screenshot, useStackAndBrowser } from './browser.js';
import { emailsTo, findTickets } from './desk.js';

const started = useStackAndBrowser(async (prisma) => {
  const login = await prisma.category.findFirstOrThrow({ where: { name: 'Login & accounts' } });
  await createIncident(prisma, {
    title: 'Wi-Fi sign-in page loops',
    summary: 'The campus Wi-Fi sign-in page sends you back to itself. We are on it.',
    categoryId: login.id,
  });
});

const ACTIVE = `{ activeIncidents { id title affectedCount } }`;
const RESOLVE = `mutation($input: ResolveIncidentInput!) { resolveIncident(input: $input) { id } }`;

it('a student presses "me too" on a known issue and later receives the resolved email', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, PHONE);
  await page.goto(`${stack.origin}/sign-in`);
  await page.getByLabel('School email').fill(JOURNEY_PEOPLE.amara.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'My tickets' }).waitFor();

  await page.goto(`${stack.origin}/report`);
  await page.getByLabel('What is it about?').selectOption({ label: 'Login & accounts' });
  await page.getByLabel('Title').fill('Wi-Fi keeps asking me to sign in');
  const suggestions = page.getByRole('complementary', { name: 'Suggestions' });
  await suggestions.getByText(/Known issue: Wi-Fi sign-in page loops/).waitFor();
  await expectAccessible(page, 'the report form with a known issue');
  await suggestions.getByRole('button', { name: "That's my problem — no need to report it" }).click();
  await page.getByText('You are counted as affected, and we will email you once it is fixed.').waitFor();
  await expectAccessible(page, 'the "me too" answer');
  await screenshot(page, 'me-too-counted');

  // Counted on the incident; no duplicate ticket.
  const admin = await stack.as('admin');
  const [incident] = (await admin(ACTIVE)).activeIncidents;
  expect(incident).toMatchObject({ title: 'Wi-Fi sign-in page loops', affectedCount: 1 });
  const duplicates = (await findTickets(stack, null)).filter((ticket) => ticket.title === 'Wi-Fi keeps asking me to sign in');
  expect(duplicates).toEqual([]);

  // A visitor of the status page sees the count and asks to hear when it is fixed, without counting.
  const visitor = await openPage(browser, PHONE);
  await visitor.page.goto(`${stack.origin}/sign-in`);
  await visitor.page.getByRole('link', { name: 'Service status' }).click();
  const card = visitor.page.getByRole('region', { name: 'Wi-Fi sign-in page loops' });
  await card.getByText(/1 student affected\.$/).waitFor();
  await expectAccessible(visitor.page, 'the status page');
  await card.getByLabel('Your email').fill('parent@family.test');
  await card.getByRole('button', { name: 'Email me when it is fixed' }).click();
  await card.getByText('We will email you once it is fixed.').waitFor();
  expect((await admin(ACTIVE)).activeIncidents[0].affectedCount).toBe(1);

  await admin(RESOLVE, { input: { incidentId: incident.id, resolution: 'The sign-in page is fixed; reconnect to eduroam.' } });
  const resolved = await until(
    async () => (await emailsTo(stack, JOURNEY_PEOPLE.amara.email)).find((email) => email.kind === 'INCIDENT_RESOLVED'),
    15_000,
    'the resolved email',
  );
  expect(resolved.text).toContain('The sign-in page is fixed; reconnect to eduroam.');
  await until(
    async () => (await emailsTo(stack, 'parent@family.test')).some((email) => email.kind === 'INCIDENT_RESOLVED'),
    15_000,
    'the resolved email to the status page subscriber',
  );
  await visitor.page.reload();
  await visitor.page.getByRole('heading', { name: 'Fixed in the last two weeks' }).waitFor();
  await visitor.page.getByText(/Wi-Fi sign-in page loops, fixed/).waitFor();
  expectNothingLeftTheMachine(requested, stack.origin);
  expectNothingLeftTheMachine(visitor.requested, stack.origin);
  await visitor.close();
  await close();
});

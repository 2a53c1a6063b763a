// A known issue as students see it: on the sign-in page while it lasts, with the desk's latest
// update, and gone once it is resolved.
import { expect, it } from 'vitest';
import { expectAccessible, openPage, PHONE, screenshot, useStackAndBrowser } from './browser.js';

const started = useStackAndBrowser();

const CREATE = `mutation($input: CreateIncidentInput!) { createIncident(input: $input) { id } }`;
const UPDATE = `mutation($input: PostIncidentUpdateInput!) { postIncidentUpdate(input: $input) { id } }`;
const RESOLVE = `mutation($input: ResolveIncidentInput!) { resolveIncident(input: $input) { id } }`;

it('shows a known issue on the sign-in page, with its latest update, until it is resolved', async () => {
  const { stack, browser } = started;
  const { page, close } = await openPage(browser, PHONE);
  const asStaff = await stack.as('staff');
  const { createIncident } = await asStaff(CREATE, {
    input: {
      title: 'LMS sign-in failing',
      summary: 'Signing in to the LMS fails. Email and Wi-Fi work.',
      categoryId: stack.categories['Login & accounts'],
    },
  });

  await page.goto(`${stack.origin}/sign-in`);
  const banner = page.getByRole('complementary', { name: 'Known issues' });
  await banner.getByText(/Known issue: LMS sign-in failing since today \d\d:\d\d/).waitFor();
  expect(await banner.textContent()).toContain("we're on it");
  expect(await banner.textContent()).toContain('Signing in to the LMS fails. Email and Wi-Fi work.');
  // On a phone the issue is one line, and the page's own heading is still in the first screen.
  const summary = banner.locator('summary');
  expect((await summary.boundingBox())!.height).toBeLessThan(40);
  const heading = (await page.getByRole('heading', { name: 'Sign in', level: 1 }).boundingBox())!;
  expect(heading.y + heading.height).toBeLessThanOrEqual(PHONE.height);
  await expectAccessible(page, 'the sign-in page with a known issue');
  await screenshot(page, 'known-issue-on-sign-in');

  await asStaff(UPDATE, {
    input: { incidentId: createIncident.id, body: 'The identity provider certificate expired; renewing it now.', status: 'IDENTIFIED' },
  });
  await page.reload();
  // A tap opens the issue to its latest word.
  await banner.getByText(/Known issue: LMS sign-in failing/).click();
  await banner.getByText(/The identity provider certificate expired; renewing it now\./).waitFor();
  expect(await banner.textContent()).toContain('we know the cause and are fixing it');

  await asStaff(RESOLVE, { input: { incidentId: createIncident.id, resolution: 'Certificate renewed: signing in works again.' } });
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  expect(await page.getByRole('complementary', { name: 'Known issues' }).count()).toBe(0);
  await close();
});

// The public help centre: a student who cannot sign in finds an article by a word only its body
// holds, reads it rendered from Markdown, says it helped, and sees related articles. On a phone.
import { createArticle } from '@studentdesk/testing';
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

const started = useStackAndBrowser(async (prisma) => {
  const login = await prisma.category.findFirstOrThrow({ where: { name: 'Login & accounts' }, include: { department: true } });
  const article = (slug: string, title: string, body: string) =>
    createArticle(prisma, {
      slug,
      title,
      summary: `${title}, step by step.`,
      body,
      categoryId: login.id,
      departmentId: login.departmentId,
    });
  await article(
    'eduroam-on-android',
    'Eduroam on Android',
    '## Steps\n\nChoose **PEAP**, then set the certificate to *Use system certificates*.',
  );
  await article('reset-your-password', 'Reset your password', 'Open the account page and choose **Forgot password**.');
});

const VOTES = `query($slug: String!) { article(slug: $slug) { helpfulVotes notHelpfulVotes } }`;

it('finds an article by a word in its body, shows it rendered, and counts a "yes, it helped"', async () => {
  const { stack, browser } = started;
  const { page, requested, close } = await openPage(browser, PHONE);
  await page.goto(`${stack.origin}/sign-in`);
  await page.getByRole('link', { name: 'Help', exact: true }).click();
  await page.getByRole('heading', { name: 'Help centre', level: 1 }).waitFor();
  await expectAccessible(page, 'the help centre');

  // "PEAP" is in neither title nor summary: only in the body.
  await page.getByLabel('Search the help centre').fill('peap');
  await page.getByRole('link', { name: 'Eduroam on Android' }).click();
  await page.getByRole('heading', { name: 'Eduroam on Android', level: 1 }).waitFor();
  // Markdown rendered, not shown raw.
  await page.getByRole('heading', { name: 'Steps', level: 2 }).waitFor();
  expect(await page.locator('article strong').first().textContent()).toBe('PEAP');
  await page.getByRole('navigation', { name: 'See also' }).getByRole('link', { name: 'Reset your password' }).waitFor();
  await expectAccessible(page, 'the article');
  await expectNoSidewaysScroll(page);

  await page.getByRole('button', { name: 'Yes' }).click();
  await page.getByText('Thank you for telling us.').waitFor();
  await screenshot(page, 'help-centre-article');
  expect((await stack.api.gql(VOTES, { slug: 'eduroam-on-android' })).data!.article).toEqual({ helpfulVotes: 1, notHelpfulVotes: 0 });

  await page.goto(`${stack.origin}/help`);
  await page.getByLabel('Search the help centre').fill('zzyzx');
  await page.getByText('Nothing matches “zzyzx”.').waitFor();
  expectNothingLeftTheMachine(requested, stack.origin);
  await close();
});

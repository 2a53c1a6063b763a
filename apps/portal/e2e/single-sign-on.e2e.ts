// A student new to the help desk signs in through the school's provider (a real oidc-provider on
// loopback): the button on the sign-in page, the provider's login form, and back in the portal as
// a new student, on "My tickets". Before that, the provider is down (not started yet): the student
// is told so, and the password form stays.
import { freePort, startJourneyStack, startOidcProvider, type JourneyStack, type TestOidcProvider } from '@studentdesk/testing';
import { launchChromium } from '@studentdesk/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DESKTOP, expectAccessible, openPage, PORTAL_DIST, screenshot } from './browser.js';

const CLIENT_SECRET = 'journey-client-secret';
let stack: JourneyStack;
let provider: TestOidcProvider;
let browser: Browser;

let providerPort: number;

beforeAll(async () => {
  // The API finds the provider at the first click, so the provider can start once the API's address is known.
  providerPort = await freePort();
  [stack, browser] = await Promise.all([
    startJourneyStack({
      portalDist: PORTAL_DIST,
      env: {
        OIDC_ISSUER_URL: `http://127.0.0.1:${providerPort}`,
        OIDC_CLIENT_ID: 'studentdesk',
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_DISPLAY_NAME: 'Sign in with Example School',
      },
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  await stack?.stop();
});

it('says the school’s sign-in service cannot be reached while the provider is down, and keeps the password form', async () => {
  const { page, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with Example School' }).click();
  await page.getByRole('alert').filter({ hasText: 'Your school’s sign-in service cannot be reached right now.' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByLabel('School email').waitFor();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await close();

  // The provider is back: the next tests sign in through it.
  provider = await startOidcProvider({
    port: providerPort,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${stack.origin}/auth/oidc/callback`],
  });
  provider.accounts.set('noor', { email: 'noor@students.example.edu', name: 'Noor Haddad' });
});

it('a new student signs in with the school account and lands on My tickets', async () => {
  const { page, requested, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  const button = page.getByRole('link', { name: 'Sign in with Example School' });
  await button.waitFor();
  await expectAccessible(page, 'the sign-in page with single sign-on');
  await button.click();

  await page.getByRole('heading', { name: 'School login' }).waitFor();
  expect(new URL(page.url()).origin).toBe(provider.issuer);
  await page.getByLabel('Username').fill('noor');
  await page.getByRole('button', { name: 'Log in' }).click();

  await page.getByRole('heading', { name: 'My tickets' }).waitFor();
  expect(page.url()).toBe(`${stack.origin}/`);
  await page.getByText('You have not reported anything yet.').waitFor();
  await expectAccessible(page, 'My tickets after single sign-on');
  await screenshot(page, 'single-sign-on-my-tickets');
  // Only the help desk and the school's provider were asked for anything.
  expect(requested.filter((url) => !url.startsWith(stack.origin) && !url.startsWith(provider.issuer) && !url.startsWith('ws'))).toEqual([]);
  const session = (await page.context().cookies()).find((cookie) => cookie.name === 'sd_session')!;
  const me = await stack.api.gql<{ me: unknown }>('{ me { email name role } }', {}, { cookie: `sd_session=${session.value}` });
  expect(me.data).toEqual({ me: { email: 'noor@students.example.edu', name: 'Noor Haddad', role: 'STUDENT' } });
  await close();
});

it('says why when the provider refuses, and the password form stays there', async () => {
  provider.accounts.set('left-school', { email: 'left@students.example.edu', disabled: true });
  const { page, close } = await openPage(browser, DESKTOP);
  await page.goto(`${stack.origin}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with Example School' }).click();
  await page.getByLabel('Username').fill('left-school');
  await page.getByRole('button', { name: 'Log in' }).click();

  await page.getByRole('alert').filter({ hasText: 'Your school account was not allowed to sign in.' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByLabel('School email').waitFor();
  await expectAccessible(page, 'the sign-in page after a refused single sign-on');
  await close();
});

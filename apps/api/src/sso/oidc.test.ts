// Single sign-on against a real OpenID Connect provider (oidc-provider on loopback), driven over
// HTTP as a browser would (test/sso-browser.ts): the provider's login form submitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, freePort, startOidcProvider, type TestOidcProvider } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { Browser } from '../test/sso-browser.js';

const isCallback = (url: URL) => url.pathname === '/auth/oidc/callback';
const SSO_FAILURES = 20;

describe('single sign-on with OpenID Connect', () => {
  let api: TestApi;
  let origin: string;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUris: [`${origin}/auth/oidc/callback`] });
    api = await startTestApi('postgresql', {
      ...provider.env,
      PORT: String(port),
      PUBLIC_URL: origin,
      OIDC_DISPLAY_NAME: 'Sign in with Example School',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_STAFF_GROUPS: 'it-staff',
      OIDC_ADMIN_GROUPS: 'it-admins',
      // The limit test comes from an address of its own (X-Forwarded-For through loopback).
      TRUST_PROXY: 'loopback',
      SSO_FAILURES_PER_ADDRESS: String(SSO_FAILURES),
    });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.stop();
  });

  /** From the app's button to the provider's login form. */
  async function openLoginForm(browser: Browser, query = 'app=portal') {
    const { url, response } = await browser.browse(new URL(`/auth/oidc/start?${query}`, origin));
    expect(response.status).toBe(200);
    expect(url.origin).toBe(provider.issuer);
    expect(await response.text()).toContain('<form method="post"');
    return url;
  }

  /** Logs in at the provider; returns where the provider sends the browser back to (the API's callback, not yet visited). */
  async function logIn(browser: Browser, username: string, query?: string) {
    const form = await openLoginForm(browser, query);
    const { url } = await browser.browse(form, { method: 'POST', body: new URLSearchParams({ login: username }), stopAt: isCallback });
    expect(isCallback(url)).toBe(true);
    return url;
  }

  /** The whole sign-in; returns the path and query the browser lands on at the API. */
  async function signIn(browser: Browser, username: string, query?: string) {
    const callback = await logIn(browser, username, query);
    const { url } = await browser.browse(callback);
    expect(url.origin).toBe(origin);
    return url.pathname + url.search;
  }

  const me = async (browser: Browser) => {
    const session = browser.cookie('127.0.0.1', 'sd_session');
    if (!session) return null;
    const answer = await api.gql<{ me: { id: string; email: string; name: string; role: string } | null }>(
      '{ me { id email name role } }',
      {},
      { cookie: `sd_session=${session}` },
    );
    return answer.data!.me;
  };

  it('offers the button on the sign-in pages', async () => {
    const answer = await api.gql('{ signInOptions { password oidc { displayName startPath } } }');
    expect(answer.data).toEqual({
      signInOptions: { password: true, oidc: { displayName: 'Sign in with Example School', startPath: '/auth/oidc/start' } },
    });
  });

  it('creates a student at the first sign-in and finds the same user at the next', async () => {
    provider.accounts.set('ada', { email: 'Ada@Example.edu', name: 'Ada Lovelace' });
    const first = new Browser();
    expect(await signIn(first, 'ada', 'app=portal&returnTo=/report')).toBe('/report');
    const ada = await me(first);
    expect(ada).toMatchObject({ email: 'ada@example.edu', name: 'Ada Lovelace', role: 'STUDENT' });
    // The flow cookie is spent.
    expect(first.cookie('127.0.0.1', 'sd_oidc')).toBeUndefined();

    // Their email changed at the provider since: the subject still finds them.
    provider.accounts.set('ada', { email: 'ada.lovelace@example.edu', name: 'Ada Lovelace' });
    const second = new Browser();
    expect(await signIn(second, 'ada')).toBe('/');
    expect((await me(second))?.id).toBe(ada!.id);
    expect(await api.db.prisma.user.count({ where: { email: { startsWith: 'ada' } } })).toBe(1);
    expect(await api.db.prisma.externalIdentity.findMany({ select: { issuer: true, subject: true } })).toContainEqual({
      issuer: provider.issuer,
      subject: 'ada',
    });
  });

  it('signs a newcomer in from several tabs at once as one user', async () => {
    provider.accounts.set('grace', { email: 'grace@example.edu', name: 'Grace Hopper' });
    const tabs = Array.from({ length: 4 }, () => new Browser());
    // Every tab at the provider first, then every callback at the same moment: they race to create the user.
    const callbacks = await Promise.all(tabs.map((tab) => logIn(tab, 'grace')));
    await Promise.all(tabs.map((tab, index) => tab.browse(callbacks[index]!)));
    const users = await Promise.all(tabs.map((tab) => me(tab)));
    expect(new Set(users.map((user) => user?.id)).size).toBe(1);
    expect(users[0]).toMatchObject({ email: 'grace@example.edu', role: 'STUDENT' });
    expect(await api.db.prisma.user.count({ where: { email: 'grace@example.edu' } })).toBe(1);
  });

  it('makes an address that keeps failing callbacks wait, while completed sign-ins never count', async () => {
    provider.accounts.set('margaret', { email: 'margaret@example.edu', name: 'Margaret Hamilton' });
    const from = { 'x-forwarded-for': '203.0.113.7' };
    for (let signIns = 0; signIns < SSO_FAILURES + 1; signIns += 1) expect(await signIn(new Browser(from), 'margaret')).toBe('/');
    for (let failures = 0; failures < SSO_FAILURES; failures += 1) {
      // A callback without the flow cookie: forged or replayed.
      const { url } = await new Browser(from).browse(new URL('/auth/oidc/callback?code=x&state=y', origin));
      expect(url.pathname + url.search).toBe('/sign-in?sso_error=expired');
    }
    const waiting = new Browser(from);
    expect(await signIn(waiting, 'margaret')).toBe('/sign-in?sso_error=too_many');
    expect(waiting.cookie('127.0.0.1', 'sd_session')).toBeUndefined();
    // Another address is not held up.
    expect(await signIn(new Browser({ 'x-forwarded-for': '203.0.113.8' }), 'margaret')).toBe('/');
  });

  it('takes the role from the provider’s groups at every sign-in', async () => {
    provider.accounts.set('grace', { email: 'grace@example.edu', groups: ['it-staff', 'choir'] });
    const browser = new Browser();
    expect(await signIn(browser, 'grace', 'app=console')).toBe('/console/');
    expect(await me(browser)).toMatchObject({ role: 'STAFF' });

    provider.accounts.set('grace', { email: 'grace@example.edu', groups: ['it-admins'] });
    const later = new Browser();
    await signIn(later, 'grace', 'app=console');
    expect(await me(later)).toMatchObject({ role: 'ADMIN' });
  });

  it('links an existing account by a verified email, and refuses an unverified one', async () => {
    const existing = await createUser(api.db.prisma, 'STAFF', { email: 'linus@example.edu' });
    provider.accounts.set('linus-unverified', { email: 'linus@example.edu', emailVerified: false, groups: ['it-staff'] });
    const stranger = new Browser();
    expect(await signIn(stranger, 'linus-unverified')).toBe('/sign-in?sso_error=email_in_use');
    expect(await me(stranger)).toBeNull();

    provider.accounts.set('linus', { email: 'linus@example.edu', groups: ['it-staff'] });
    const browser = new Browser();
    await signIn(browser, 'linus');
    expect(await me(browser)).toMatchObject({ email: 'linus@example.edu', role: 'STAFF' });
    expect(
      await api.db.prisma.externalIdentity.findMany({ where: { subject: { startsWith: 'linus' } }, select: { userId: true } }),
    ).toEqual([{ userId: existing.id }]);
  });

  it('refuses a callback with another state, or without the flow cookie', async () => {
    provider.accounts.set('mallory', { email: 'mallory@example.edu' });
    const browser = new Browser();
    const callback = await logIn(browser, 'mallory');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-one-we-sent');
    const { url } = await browser.browse(forged);
    expect(url.pathname + url.search).toBe('/sign-in?sso_error=state');
    expect(await me(browser)).toBeNull();

    // Someone else's browser, given the genuine callback URL.
    const other = new Browser();
    const replayed = await other.browse(await logIn(new Browser(), 'mallory'));
    expect(replayed.url.pathname + replayed.url.search).toBe('/sign-in?sso_error=expired');
    expect(await me(other)).toBeNull();
    expect(await api.db.prisma.user.count({ where: { email: 'mallory@example.edu' } })).toBe(0);
  });

  it('refuses a code used once already', async () => {
    provider.accounts.set('reuse', { email: 'reuse@example.edu' });
    const browser = new Browser();
    const callback = await logIn(browser, 'reuse');
    const flowCookie = browser.cookie('127.0.0.1', 'sd_oidc')!;
    await browser.browse(callback);
    expect(await me(browser)).toMatchObject({ email: 'reuse@example.edu' });
    const sessions = await api.db.prisma.session.count();

    // The same callback again, with the flow cookie put back as an attacker holding both would.
    const attacker = new Browser();
    attacker.setCookie('127.0.0.1', 'sd_oidc', flowCookie);
    const { url } = await attacker.browse(callback);
    expect(url.pathname + url.search).toBe('/sign-in?sso_error=rejected');
    expect(await me(attacker)).toBeNull();
    expect(await api.db.prisma.session.count()).toBe(sessions);
  });

  it('refuses an account deactivated here, and one the provider refuses', async () => {
    const gone = await createUser(api.db.prisma, 'STUDENT', { email: 'gone@example.edu' });
    await api.db.prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    provider.accounts.set('gone', { email: 'gone@example.edu' });
    const browser = new Browser();
    expect(await signIn(browser, 'gone')).toBe('/sign-in?sso_error=deactivated');
    expect(await me(browser)).toBeNull();
    expect(await api.db.prisma.externalIdentity.count({ where: { userId: gone.id } })).toBe(0);

    provider.accounts.set('switched-off', { email: 'off@example.edu', disabled: true });
    const refused = new Browser();
    expect(await signIn(refused, 'switched-off', 'app=console')).toBe('/console/?sso_error=denied');
    expect(await me(refused)).toBeNull();
    expect(await api.db.prisma.user.count({ where: { email: 'off@example.edu' } })).toBe(0);
  });

  it('lands only on paths of this site', async () => {
    provider.accounts.set('eve', { email: 'eve@example.edu' });
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      expect(await signIn(new Browser(), 'eve', `app=portal&returnTo=${encodeURIComponent(returnTo)}`)).toBe('/');
    }
  });
});

describe('single sign-on while the provider is down', () => {
  let api: TestApi;
  let origin: string;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({ redirectUris: [`${origin}/auth/oidc/callback`] });
    api = await startTestApi('pglite', { ...provider.env, PORT: String(port), PUBLIC_URL: origin });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.stop();
  });

  it('sends the person back with a clear problem, at the start or on the way back', async () => {
    provider.accounts.set('ada', { email: 'ada@example.edu' });
    const browser = new Browser();
    const { url: form } = await browser.browse(new URL('/auth/oidc/start?app=portal', origin));
    const { url: callback } = await browser.browse(form, {
      method: 'POST',
      body: new URLSearchParams({ login: 'ada' }),
      stopAt: isCallback,
    });
    await provider.stop();
    const back = await browser.browse(callback);
    expect(back.url.pathname + back.url.search).toBe('/sign-in?sso_error=unavailable');
    expect(await api.db.prisma.user.count({ where: { email: 'ada@example.edu' } })).toBe(0);
  });

  it('answers the start with the same problem when the provider was never reached, and offers no button when not set up', async () => {
    const port = await freePort();
    const unreachable = await startTestApi('pglite', {
      OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: 'desk',
      OIDC_CLIENT_SECRET: 'secret',
    });
    try {
      const start = await fetch(new URL('/auth/oidc/start?app=console', unreachable.url), { redirect: 'manual' });
      expect(start.status).toBe(303);
      expect(start.headers.get('location')).toBe('/console/?sso_error=unavailable');
    } finally {
      await unreachable.close();
    }
    const passwordOnly = await startTestApi('pglite');
    try {
      expect((await passwordOnly.gql('{ signInOptions { password oidc { displayName } } }')).data).toEqual({
        signInOptions: { password: true, oidc: null },
      });
      expect((await fetch(new URL('/auth/oidc/start', passwordOnly.url), { redirect: 'manual' })).status).toBe(404);
    } finally {
      await passwordOnly.close();
    }
  });
});

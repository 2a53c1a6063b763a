// Single sign-on with SAML 2.0 against an identity provider run in the test (startSamlIdp: its own
// key and certificate, metadata at a URL, signed assertions with eduPerson attributes), driven over
// HTTP as a browser would (test/sso-browser.ts): the AuthnRequest redirect, the IdP's login form, and
// the answer posted back to the assertion consumer service. Every faulty answer is refused with its
// own sso_error code and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSamlIdp, type SamlAccount, type TestSamlIdp } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { Browser } from '../test/sso-browser.js';

/** The form in an HTML page: where it posts, and its fields (hidden ones as they are). */
function formIn(page: string, base: URL): { action: URL; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]*)"/.exec(page)?.[1];
  if (!action) throw new Error(`no form in ${page.slice(0, 300)}`);
  const fields = new URLSearchParams();
  const unescape = (text: string) =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(name!, unescape(value!));
  return { action: new URL(unescape(action), base), fields };
}

describe('single sign-on with SAML 2.0', () => {
  let api: TestApi;
  let origin: string;
  let idp: TestSamlIdp;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startSamlIdp();
    api = await startTestApi('postgresql', {
      ...idp.env,
      PORT: String(port),
      PUBLIC_URL: origin,
      SAML_DISPLAY_NAME: 'Sign in with Example University',
      SAML_STAFF_AFFILIATIONS: 'staff,faculty',
    });
  });
  afterAll(async () => {
    await api?.close();
    await idp?.stop();
  });

  /** From the app's button through the IdP's login: the answer the browser is about to post to the ACS. */
  async function answerFor(browser: Browser, username: string, query = 'app=portal') {
    const { url, response } = await browser.browse(new URL(`/saml/login?${query}`, origin));
    expect(url.pathname).toBe('/sso');
    const login = formIn(await response.text(), url);
    login.fields.set('login', username);
    const answered = await browser.request(login.action, { method: 'POST', body: login.fields });
    if (answered.status !== 200) throw new Error(await answered.text());
    return formIn(await answered.text(), login.action);
  }

  /** Posts the answer to the ACS; returns the path and query the browser lands on. */
  async function post(browser: Browser, answer: { action: URL; fields: URLSearchParams }) {
    expect(answer.action.href).toBe(`${origin}/saml/acs`);
    const { url } = await browser.browse(answer.action, { method: 'POST', body: answer.fields });
    return url.pathname + url.search;
  }

  const signIn = async (browser: Browser, username: string, query?: string) => post(browser, await answerFor(browser, username, query));

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

  const written = async () => ({
    users: await api.db.prisma.user.count(),
    identities: await api.db.prisma.externalIdentity.count(),
    sessions: await api.db.prisma.session.count(),
    auditEntries: await api.db.prisma.auditEntry.count(),
  });

  /** Signs `account` in and expects the problem, with nothing written. */
  async function refused(account: SamlAccount, problem: string) {
    idp.accounts.set('faulty', account);
    const before = await written();
    const browser = new Browser();
    expect(await signIn(browser, 'faulty')).toBe(`/sign-in?sso_error=${problem}`);
    expect(await me(browser)).toBeNull();
    expect(await written()).toEqual(before);
  }

  it('publishes its metadata at a fixed URL and offers the button', async () => {
    const response = await fetch(new URL('/saml/metadata', origin));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/samlmetadata\+xml/);
    const metadata = await response.text();
    expect(metadata).toContain(`entityID="${origin}/saml/metadata"`);
    expect(metadata).toMatch(new RegExp(`AssertionConsumerService[^>]*Location="${origin}/saml/acs"`));
    expect(metadata).toContain('WantAssertionsSigned="true"');
    expect((await api.gql('{ signInOptions { password saml { displayName startPath } } }')).data).toEqual({
      signInOptions: { password: true, saml: { displayName: 'Sign in with Example University', startPath: '/saml/login' } },
    });
  });

  it('creates a student from the attributes at the first sign-in, and finds them by eduPersonPrincipalName after', async () => {
    idp.accounts.set('ada', {
      eduPersonPrincipalName: 'ada@example.edu',
      mail: 'Ada.Lovelace@example.edu',
      displayName: 'Ada Lovelace',
      eduPersonAffiliation: ['student', 'member'],
    });
    const first = new Browser();
    expect(await signIn(first, 'ada', 'app=portal&returnTo=/report')).toBe('/report');
    const ada = await me(first);
    expect(ada).toMatchObject({ email: 'ada.lovelace@example.edu', name: 'Ada Lovelace', role: 'STUDENT' });
    // The flow cookie is spent.
    expect(first.cookie('127.0.0.1', 'sd_saml')).toBeUndefined();
    const { id: adaId } = await api.db.prisma.user.findUniqueOrThrow({ where: { email: 'ada.lovelace@example.edu' } });
    const created = await api.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'ACCOUNT_CREATED_BY_SSO', actorUserId: adaId } });
    expect(created.details).toEqual({ provider: idp.entityId, role: 'STUDENT' });

    idp.accounts.set('ada', { ...idp.accounts.get('ada'), mail: 'ada.l@example.edu' });
    const second = new Browser();
    expect(await signIn(second, 'ada', 'app=console')).toBe('/console/');
    expect((await me(second))?.id).toBe(ada!.id);
    expect(
      await api.db.prisma.externalIdentity.findMany({
        where: { user: { email: 'ada.lovelace@example.edu' } },
        select: { issuer: true, subject: true },
      }),
    ).toEqual([{ issuer: idp.entityId, subject: 'ada@example.edu' }]);
  });

  it('makes staff of the staff affiliation, identified by a persistent NameID', async () => {
    idp.accounts.set('grace', {
      persistentId: 'b7f1c0de-grace',
      eduPersonPrincipalName: 'grace@example.edu',
      mail: 'grace@example.edu',
      displayName: 'Grace Hopper',
      eduPersonAffiliation: ['staff@example.edu', 'member@example.edu'],
    });
    const browser = new Browser();
    expect(await signIn(browser, 'grace', 'app=console')).toBe('/console/');
    expect(await me(browser)).toMatchObject({ email: 'grace@example.edu', role: 'STAFF' });

    // Her affiliation changes at the IdP: the role follows at the next sign-in, and the audit log says so.
    idp.accounts.set('grace', { ...idp.accounts.get('grace'), eduPersonAffiliation: ['student'] });
    const later = new Browser();
    await signIn(later, 'grace', 'app=portal');
    expect(await me(later)).toMatchObject({ role: 'STUDENT' });
    const changed = await api.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'ROLE_CHANGED_BY_SSO' } });
    expect(changed.details).toEqual({ provider: idp.entityId, from: 'STAFF', to: 'STUDENT' });
    expect(await api.db.prisma.externalIdentity.count({ where: { issuer: idp.entityId, subject: 'b7f1c0de-grace' } })).toBe(1);
  });

  const person = { eduPersonPrincipalName: 'mallory@example.edu', mail: 'mallory@example.edu', displayName: 'Mallory' };

  it('refuses an unsigned assertion', async () => {
    await refused({ ...person, unsigned: true }, 'unsigned');
  });

  it('refuses an assertion for another audience', async () => {
    await refused({ ...person, audience: 'https://other-service.example/sp' }, 'wrong_audience');
  });

  it('refuses an expired assertion', async () => {
    await refused({ ...person, validForSeconds: -120 }, 'assertion_expired');
  });

  it('refuses an answer to a request it never sent', async () => {
    await refused({ ...person, inResponseTo: '_a-request-of-someone-else' }, 'unknown_request');
  });

  it('refuses an assertion used once already', async () => {
    idp.accounts.set('reuse', { eduPersonPrincipalName: 'reuse@example.edu', mail: 'reuse@example.edu' });
    const browser = new Browser();
    const answer = await answerFor(browser, 'reuse');
    const flowCookie = browser.cookie('127.0.0.1', 'sd_saml')!;
    expect(await post(browser, answer)).toBe('/');
    expect(await me(browser)).toMatchObject({ email: 'reuse@example.edu' });
    const before = await written();

    // The same answer again, with the flow cookie put back as an attacker holding both would.
    const attacker = new Browser();
    attacker.setCookie('127.0.0.1', 'sd_saml', flowCookie);
    expect(await post(attacker, answer)).toBe('/sign-in?sso_error=replayed');
    expect(await me(attacker)).toBeNull();
    expect(await written()).toEqual(before);
  });

  it('refuses an answer without this browser’s flow cookie, or with another RelayState', async () => {
    idp.accounts.set('eve', { eduPersonPrincipalName: 'eve@example.edu', mail: 'eve@example.edu' });
    const before = await written();
    const answer = await answerFor(new Browser(), 'eve');
    expect(await post(new Browser(), answer)).toBe('/sign-in?sso_error=expired');

    const browser = new Browser();
    const own = await answerFor(browser, 'eve');
    own.fields.set('RelayState', 'not-the-one-we-sent');
    expect(await post(browser, own)).toBe('/sign-in?sso_error=state');
    expect(await written()).toEqual(before);
  });
});

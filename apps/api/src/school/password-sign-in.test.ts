// The school's switch for password sign-in, from outside: an admin turns it off for students or for
// everyone (never without single sign-on, never locking themself out); sign-in, "forgot password"
// and reset links follow it, the sign-in pages are told, and guests still report problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, freePort, PASSWORD, startSamlIdp, type School, type TestSamlIdp } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';
import { Browser } from '../test/sso-browser.js';

const UPDATE = `mutation($input: SchoolSettingsInput!) { updateSchool(input: $input) { name passwordSignIn } }`;
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
const REQUEST_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const RESET = 'mutation($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) { token } }';
const OPTIONS = '{ signInOptions { password passwordSignIn } }';
const settings = (passwordSignIn: string) => ({ input: { schoolName: 'Lakeside Academy', timeZone: 'Europe/Amsterdam', passwordSignIn } });

describe('switching password sign-in off', () => {
  let api: TestApi;
  let idp: TestSamlIdp;
  let school: School;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startSamlIdp();
    api = await startTestApi('postgresql', { ...idp.env, PORT: String(port), PUBLIC_URL: origin });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await idp?.stop();
  });

  const signIn = (email: string, password = PASSWORD) => api.gql(SIGN_IN, { email, password });
  const guestReport = async () => {
    const reported = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'No Wi-Fi',
        description: 'Since this morning.',
        contactName: 'Ana Guest',
        contactEmail: 'ana@example.edu',
      },
    });
    expect(reported.errors).toBeUndefined();
  };

  it('refuses to switch it off for everyone while the admin has never signed in with single sign-on', async () => {
    const answer = await api.gql(UPDATE, settings('NOBODY'), { token: school.tokens.admin });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(answer.errors![0]!.extensions!.field).toBe('passwordSignIn');
    expect(answer.errors![0]!.message).toMatch(/locked out/);
    expect(await api.db.prisma.school.count()).toBe(0);
    expect(codes(await api.gql(UPDATE, settings('STAFF_ONLY'), { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
  });

  it('off for students: staff still sign in with a password, students are told to use single sign-on', async () => {
    const updated = await api.gql(UPDATE, settings('STAFF_ONLY'), { token: school.tokens.admin });
    expect(updated.data).toEqual({ updateSchool: { name: 'Lakeside Academy', passwordSignIn: 'STAFF_ONLY' } });
    expect((await api.gql(OPTIONS)).data).toEqual({ signInOptions: { password: true, passwordSignIn: 'STAFF_ONLY' } });
    const audited = await api.db.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'SCHOOL_UPDATED', actorUserId: school.users.admin.id },
    });
    expect(audited.details).toMatchObject({ passwordSignIn: 'STAFF_ONLY' });

    expect(codes(await signIn(school.users.alice.email))).toEqual(['PASSWORD_SIGN_IN_OFF']);
    // A wrong password learns nothing about whose address it is.
    expect(codes(await signIn(school.users.alice.email, 'not the password'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await signIn(school.users.staff.email))).toEqual([]);

    // "Forgot password" answers as for anyone, and sends a student nothing.
    expect((await api.gql(REQUEST_RESET, { email: school.users.bob.email })).data).toEqual({ requestPasswordReset: true });
    expect(await api.db.prisma.passwordReset.count({ where: { userId: school.users.bob.id } })).toBe(0);
    await guestReport();
  });

  it('off for everyone, once the admin has signed in with single sign-on; old reset links stop working', async () => {
    // A reset link sent while staff could still use passwords.
    expect((await api.gql(REQUEST_RESET, { email: school.users.staff.email })).data).toEqual({ requestPasswordReset: true });
    const email = await api.db.prisma.emailMessage.findFirstOrThrow({ where: { toAddress: school.users.staff.email } });
    const token = /#token=(sdr_[\w-]+)/.exec(email.text)![1]!;

    // The admin signs in with the school account once (linked by the address the IdP vouches for).
    // No affiliation released: the role stays admin (with "staff", SAML_STAFF_AFFILIATIONS would make them staff).
    idp.accounts.set('admin', { eduPersonPrincipalName: 'admin@lakeside.edu', mail: school.users.admin.email });
    const browser = new Browser();
    const { url, response } = await browser.browse(new URL('/saml/login?app=console', origin));
    const hiddenFields = (page: string) =>
      new URLSearchParams(
        [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, name, value]): [string, string] => [
          name!,
          value!,
        ]),
      );
    const login = hiddenFields(await response.text());
    login.set('login', 'admin');
    const answer = await browser.request(new URL('/login', url), { method: 'POST', body: login });
    await browser.browse(new URL('/saml/acs', origin), { method: 'POST', body: hiddenFields(await answer.text()) });
    expect(await api.db.prisma.externalIdentity.count({ where: { userId: school.users.admin.id } })).toBe(1);

    const updated = await api.gql(UPDATE, settings('NOBODY'), { token: school.tokens.admin });
    expect(updated.data).toEqual({ updateSchool: { name: 'Lakeside Academy', passwordSignIn: 'NOBODY' } });
    expect((await api.gql(OPTIONS)).data).toEqual({ signInOptions: { password: false, passwordSignIn: 'NOBODY' } });

    expect(codes(await signIn(school.users.staff.email))).toEqual(['PASSWORD_SIGN_IN_OFF']);
    expect(codes(await signIn('nobody@example.edu'))).toEqual(['PASSWORD_SIGN_IN_OFF']);
    expect(codes(await api.gql(REQUEST_RESET, { email: school.users.staff.email }))).toEqual(['PASSWORD_SIGN_IN_OFF']);
    const sessions = await api.db.prisma.session.count();
    expect(codes(await api.gql(RESET, { token, newPassword: 'a brand new long password' }))).toEqual(['PASSWORD_SIGN_IN_OFF']);
    expect(await api.db.prisma.session.count()).toBe(sessions);
    expect(await api.db.prisma.passwordReset.count({ where: { usedAt: { not: null }, userId: school.users.staff.id } })).toBe(0);
    await guestReport();

    // And back on.
    expect((await api.gql(UPDATE, settings('EVERYONE'), { token: school.tokens.admin })).data!.updateSchool.passwordSignIn).toBe(
      'EVERYONE',
    );
    expect(codes(await signIn(school.users.alice.email))).toEqual([]);
  });
});

describe('switching password sign-in off without single sign-on', () => {
  it('is refused: nobody could sign in', async () => {
    const api = await startTestApi('postgresql');
    try {
      const school = await createSchool(api);
      const answer = await api.gql(UPDATE, settings('STAFF_ONLY'), { token: school.tokens.admin });
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.message).toMatch(/Set up single sign-on/);
      expect(await api.db.prisma.school.count()).toBe(0);
    } finally {
      await api.close();
    }
    // A second API and a whole school: more than the default on a busy machine.
  }, 90_000);
});

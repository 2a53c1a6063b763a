// "Forgot password" over HTTP, with a real SMTP server: the same answer for any address, a link
// that works once and for 30 minutes (a test clock moves time), sign-out everywhere, and the
// password policy applied to the new password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codes,
  createSchool,
  createUser,
  PASSWORD,
  type School,
  signIn,
  type SmtpReceiver,
  startSmtpReceiver,
  until,
} from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';

const REQUEST = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const RESET = `mutation($token: String!, $newPassword: String!) {
  resetPassword(token: $token, newPassword: $newPassword) { token user { name } }
}`;
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
const ME = '{ me { name } }';
const PUBLIC_URL = 'https://desk.school.test';
const NEW_PASSWORD = 'orange kettle under the stairs';

const tokenIn = (text: string) => /#token=(sdr_[\w-]+)/.exec(text)![1]!;

describe('password reset', () => {
  let api: TestApi;
  let school: School;
  let smtp: SmtpReceiver;
  const clock = new TestClock();

  /** Asks for a reset of the address and returns the token of the email that arrives. */
  const resetTokenFor = async (email: string) => {
    const before = smtp.received.length;
    expect((await api.gql(REQUEST, { email })).data).toEqual({ requestPasswordReset: true });
    const message = await smtp.waitFor((received) => received.to === email && smtp.received.indexOf(received) >= before);
    return tokenIn(message.text);
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi(
      'postgresql',
      { SMTP_URL: smtp.url, EMAIL_POLL_MS: '100', PUBLIC_URL, PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '25' },
      undefined,
      clock,
    );
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('answers the same for an unknown address and writes nothing for it', async () => {
    const unknown = await api.gql(REQUEST, { email: 'nobody@example.edu' });
    const known = await api.gql(REQUEST, { email: school.users.bob.email.toUpperCase() });
    expect(unknown.data).toEqual(known.data);
    expect(unknown.errors).toBeUndefined();
    expect(await api.db.prisma.emailMessage.count({ where: { toAddress: 'nobody@example.edu' } })).toBe(0);
    const message = await smtp.waitFor((received) => received.to === school.users.bob.email);
    expect(message.subject).toBe('Reset your StudentDesk password');
    // A student resets in the portal; the token is in the fragment, which servers and logs never see.
    expect(message.text).toContain(`${PUBLIC_URL}/reset-password#token=sdr_`);
    const stored = await api.db.prisma.passwordReset.findFirstOrThrow({ where: { userId: school.users.bob.id } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.tokenHash).not.toContain(tokenIn(message.text));
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(30 * 60_000);
    // Once mailed, the outbox row keeps the link without its secret.
    const sent = await until(() =>
      api.db.prisma.emailMessage.findFirst({ where: { toAddress: school.users.bob.email, kind: 'PASSWORD_RESET', status: 'SUCCEEDED' } }),
    );
    expect(sent.text).toContain(`${PUBLIC_URL}/reset-password#token=sdr_(hidden)`);
    expect(sent.text).not.toContain(tokenIn(message.text));
  });

  it('sets the password once, ends every other session and signs the caller in', async () => {
    const user = school.users.staff;
    const [first, second] = [await signIn(api, user.email), await signIn(api, user.email)];
    const token = await resetTokenFor(user.email);
    expect(smtp.received.at(-1)!.text).toContain(`${PUBLIC_URL}/console/reset-password#token=`);

    const reset = await api.gql(RESET, { token, newPassword: NEW_PASSWORD });
    expect(reset.errors).toBeUndefined();
    expect(reset.data!.resetPassword.user).toEqual({ name: 'Sam Staff' });
    expect(reset.headers.get('set-cookie')).toMatch(/^sd_session=[\w.-]+;/);
    for (const old of [first, second, school.tokens.staff]) expect((await api.gql(ME, {}, { token: old })).status).toBe(401);
    expect((await api.gql(ME, {}, { token: reset.data!.resetPassword.token })).data!.me).toEqual({ name: 'Sam Staff' });
    expect(codes(await api.gql(SIGN_IN, { email: user.email, password: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: user.email, password: NEW_PASSWORD }))).toEqual([]);

    // The link is spent: a second use changes nothing.
    const again = await api.gql(RESET, { token, newPassword: 'another long passphrase here' });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0]!.extensions!.field).toBe('token');
    expect(again.errors![0]!.message).toMatch(/expired or was already used/);
    expect(codes(await api.gql(SIGN_IN, { email: user.email, password: NEW_PASSWORD }))).toEqual([]);
  });

  it('refuses a short, common or personal password, keeping the link usable', async () => {
    const user = await createUser(api.db.prisma, 'STUDENT', { email: 'priya.sharma@school.test' });
    const token = await resetTokenFor(user.email);
    for (const [newPassword, message] of [
      ['elevenchars', /at least 12 characters/],
      ['1qaz2wsx3edc', /most common/],
      ['Password1234', /most common/],
      ['x'.repeat(129), /at most 128 characters/],
      ['priya.sharma rocks 2026', /email address/],
      ['my StudentDesk password', /name of this site/],
      ['🙂'.repeat(128), /one character repeated/],
    ] as const) {
      const refused = await api.gql(RESET, { token, newPassword });
      expect(codes(refused), newPassword).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0]!.extensions!.field).toBe('newPassword');
      expect(refused.errors![0]!.message).toMatch(message);
    }
    expect(await api.db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    // No composition rules: 128 characters of emoji are fine (counted as characters, not UTF-16 units).
    expect(codes(await api.gql(RESET, { token, newPassword: '🙂🌳📚🚲'.repeat(32) }))).toEqual([]);
  });

  it('lifts the lockout of the address that used the link', async () => {
    const user = await createUser(api.db.prisma, 'STUDENT');
    const guesses = [];
    for (let i = 0; i < 11; i += 1) guesses.push(await api.gql(SIGN_IN, { email: user.email, password: `guess number ${i}` }));
    expect(codes(guesses.at(-1)!)).toEqual(['RATE_LIMITED']);
    expect(codes(await api.gql(SIGN_IN, { email: user.email, password: PASSWORD }))).toEqual(['RATE_LIMITED']);
    expect(codes(await api.gql(RESET, { token: await resetTokenFor(user.email), newPassword: NEW_PASSWORD }))).toEqual([]);
    expect(codes(await api.gql(SIGN_IN, { email: user.email, password: NEW_PASSWORD }))).toEqual([]);
  });

  it('refuses a link after 30 minutes, and one that a newer request replaced', async () => {
    const user = school.users.otherStaff;
    const expired = await resetTokenFor(user.email);
    clock.advance(30 * 60_000 + 1);
    expect(codes(await api.gql(RESET, { token: expired, newPassword: NEW_PASSWORD }))).toEqual(['BAD_USER_INPUT']);

    const older = await resetTokenFor(user.email);
    const newer = await resetTokenFor(user.email);
    expect(codes(await api.gql(RESET, { token: older, newPassword: NEW_PASSWORD }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(RESET, { token: 'sdr_made-up', newPassword: NEW_PASSWORD }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(SIGN_IN, { email: user.email, password: PASSWORD }))).toEqual([]);
    expect(codes(await api.gql(RESET, { token: newer, newPassword: NEW_PASSWORD }))).toEqual([]);
  });

  it('sends nothing to a deactivated account, and hides reset links from the outbox view', async () => {
    const user = await createUser(api.db.prisma, 'STUDENT');
    await api.db.prisma.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect((await api.gql(REQUEST, { email: user.email })).data).toEqual({ requestPasswordReset: true });
    expect(await api.db.prisma.passwordReset.count({ where: { userId: user.id } })).toBe(0);

    const outbox = await api.gql<{ emailOutbox: { edges: Array<{ node: { kind: string; text: string } }> } }>(
      '{ emailOutbox(first: 50) { edges { node { kind text } } } }',
      {},
      { token: school.tokens.admin },
    );
    const resets = outbox.data!.emailOutbox.edges.map((edge) => edge.node).filter((email) => email.kind === 'PASSWORD_RESET');
    expect(resets.length).toBeGreaterThan(0);
    for (const email of resets) expect(email.text).toMatch(/#token=sdr_\(hidden\)/);
  });

  it('caps emails per recipient (answering the same) and requests per caller address', async () => {
    const user = await createUser(api.db.prisma, 'STUDENT');
    for (let i = 0; i < 5; i += 1) expect((await api.gql(REQUEST, { email: user.email })).data).toEqual({ requestPasswordReset: true });
    expect(await api.db.prisma.passwordReset.count({ where: { userId: user.id } })).toBe(3);

    const answers = [];
    for (let i = 0; i < 25; i += 1) answers.push(await api.gql(REQUEST, { email: `someone${i}@example.edu` }));
    const refused = answers.find((response) => response.errors)!;
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.status).toBe(429);
  });
});

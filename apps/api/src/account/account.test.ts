// Signing in over HTTP: tokens for integrations, an httpOnly cookie for the browser apps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, PASSWORD, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';

const SIGN_IN =
  'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token expiresAt user { name role } } }';

describe('sign-in', () => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('signs in with the right password, case-insensitively by email, and sets an httpOnly cookie', async () => {
    const response = await api.gql(SIGN_IN, { email: school.users.staff.email.toUpperCase(), password: PASSWORD });
    expect(response.errors).toBeUndefined();
    expect(response.data!.signIn.user).toEqual({ name: 'Sam Staff', role: 'STAFF' });
    expect(Date.parse(response.data!.signIn.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^sd_session=[\w.-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const session = cookie.split(';')[0]!;
    const me = await api.gql('{ me { name } }', {}, { cookie: session });
    expect(me.data!.me).toEqual({ name: 'Sam Staff' });
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrongPassword = await api.gql(SIGN_IN, { email: school.users.staff.email, password: 'nope' });
    const unknownEmail = await api.gql(SIGN_IN, { email: 'nobody@example.edu', password: 'nope' });
    expect(codes(wrongPassword)).toEqual(['UNAUTHENTICATED']);
    expect(wrongPassword.errors![0]!.message).toBe(unknownEmail.errors![0]!.message);
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a deactivated account', async () => {
    await api.db.prisma.user.update({ where: { id: school.users.bob.id }, data: { deactivatedAt: new Date() } });
    expect(codes(await api.gql(SIGN_IN, { email: school.users.bob.email, password: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    // And an existing token stops working at once.
    expect((await api.gql('{ me { name } }', {}, { token: school.tokens.bob })).status).toBe(401);
  });

  it('treats a stale cookie as signed out and clears it', async () => {
    const response = await api.gql('{ me { name } }', {}, { cookie: 'sd_session=stale' });
    expect(response.data!.me).toBeNull();
    expect(response.headers.get('set-cookie')).toMatch(/sd_session=;/);
  });

  it('signs out by clearing the cookie', async () => {
    const response = await api.gql('mutation { signOut }', {}, { token: school.tokens.alice });
    expect(response.data!.signOut).toBe(true);
    expect(response.headers.get('set-cookie')).toMatch(/sd_session=;.*Expires=Thu, 01 Jan 1970/i);
  });
});

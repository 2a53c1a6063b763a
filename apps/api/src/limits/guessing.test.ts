// Guessing over HTTP, as an attacker would: a burst of concurrent password guesses is counted as it
// arrives; guesses from other addresses slow the account down but never lock its owner out; and
// tracking codes cannot be guessed in bulk from one address. Addresses come from X-Forwarded-For,
// as behind the school's proxy (TRUST_PROXY=1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, PASSWORD, type School, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM, TRACK_TICKET } from '../test/operations.js';

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

describe('guessing', () => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi('postgresql', { TRUST_PROXY: '1', SIGN_IN_ACCOUNT_MAX_DELAY_SECONDS: '2' });
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  it('checks 61 concurrent wrong passwords for one account against the limit of 10, not all of them', async () => {
    const { bob } = school.users;
    const answers = await Promise.all(
      Array.from({ length: 61 }, () => api.gql(SIGN_IN, { email: bob.email, password: 'guess' }, from('198.51.100.1'))),
    );
    const answered = answers.map((answer) => codes(answer)[0]);
    expect(answered.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(answered.filter((code) => code === 'RATE_LIMITED')).toHaveLength(51);
    // The right password from that address waits out the window too.
    const locked = await api.gql(SIGN_IN, { email: bob.email, password: PASSWORD }, from('198.51.100.1'));
    expect(codes(locked)).toEqual(['RATE_LIMITED']);
    expect(locked.errors![0]!.extensions!.retryAfter).toBeGreaterThan(60);
  });

  it('never locks the owner out from elsewhere: at once from a known address, after a short delay from a new one', async () => {
    const { alice } = school.users;
    // Guesses from many addresses, more than the account's 10.
    for (let address = 1; address <= 5; address += 1) {
      await Promise.all(
        Array.from({ length: 10 }, () => api.gql(SIGN_IN, { email: alice.email, password: 'guess' }, from(`203.0.113.${address}`))),
      );
    }
    // Now guesses from new addresses get one try per delay between them all, a delay of seconds.
    const slowed = await Promise.all(
      Array.from({ length: 20 }, (_, address) =>
        api.gql(SIGN_IN, { email: alice.email, password: 'guess' }, from(`203.0.113.${100 + address}`)),
      ),
    );
    const refused = slowed.filter((answer) => codes(answer)[0] === 'RATE_LIMITED');
    expect(refused.length).toBeGreaterThanOrEqual(19);
    for (const answer of refused) expect(answer.errors![0]!.extensions!.retryAfter).toBeLessThanOrEqual(2);

    // Alice signed in from 127.0.0.1 before (createSchool): she is let in at once.
    expect((await api.gql(SIGN_IN, { email: alice.email, password: PASSWORD })).data?.signIn.token).toBeTruthy();
    // From a new address she waits a moment, not the window.
    await until(
      async () => codes(await api.gql(SIGN_IN, { email: alice.email, password: PASSWORD }, from('192.0.2.55'))).length === 0,
      10_000,
      'alice signing in from a new address',
    );
  });

  it('answers at most 100 wrong tracking codes from one address in a burst of 600; the right one still works from elsewhere', async () => {
    const reported = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'Wi-Fi',
        description: 'Keeps dropping.',
        contactName: 'Guest',
        contactEmail: 'guest@example.edu',
      },
    });
    const trackingCode = reported.data!.reportProblem.trackingCode as string;
    const guesses = await Promise.all(
      Array.from({ length: 600 }, (_, index) =>
        api.gql(TRACK_TICKET, { code: `sdt_${String(index).padStart(43, 'x')}` }, from('198.51.100.66')),
      ),
    );
    const answered = guesses.map((answer) => codes(answer)[0]);
    expect(answered.filter((code) => code === 'NOT_FOUND')).toHaveLength(100);
    expect(answered.filter((code) => code === 'RATE_LIMITED')).toHaveLength(500);
    // Every way of checking a code is counted: a reply with a guessed code too.
    const reply = await api.gql(
      'mutation($input: ReplyInput!) { reply(input: $input) { id } }',
      { input: { ticketId: reported.data!.reportProblem.ticket.id, body: 'Me again', trackingCode: 'sdt_guess' } },
      from('198.51.100.66'),
    );
    expect(codes(reply)).toEqual(['RATE_LIMITED']);
    const elsewhere = await api.gql(TRACK_TICKET, { code: trackingCode }, from('198.51.100.67'));
    expect(elsewhere.data!.trackTicket.id).toBe(reported.data!.reportProblem.ticket.id);
  });
});

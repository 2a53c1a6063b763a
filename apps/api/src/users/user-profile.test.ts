// One's own profile over HTTP: the name one is greeted with and which emails about one's tickets
// one wants, changed by the person only, read back on `me`, and honoured where those emails are
// queued; essential mail (password reset, resolution) is sent whatever the choices.
import { PERSON_NAME_MAX } from '@studentdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM, RESOLVE } from '../test/operations.js';
import { parseGlobalId } from '../relay/global-id.js';
import { queueRatingReminders } from '../tickets/ticket.notifications.js';

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      name
      emailPreferences {
        staffReplyEmails
        ratingReminderEmails
      }
    }
  }
`;
const ME = '{ me { name emailPreferences { staffReplyEmails ratingReminderEmails } } }';

describe('one’s own profile', () => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi('postgresql');
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  const update = (token: string | undefined, input: Record<string, unknown>) => api.gql(UPDATE, { input }, token ? { token } : {});

  /** A ticket Alice reports signed in, as its database id and global ID. */
  const aliceReports = async (title: string) => {
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'The portal says my account is locked.' } },
      { token: school.tokens.alice },
    );
    expect(reported.errors).toBeUndefined();
    const globalId = reported.data!.reportProblem.ticket.id as string;
    return { globalId, id: parseGlobalId(globalId)!.id };
  };
  const emailKinds = async (ticketId: string) =>
    (await api.db.prisma.emailMessage.findMany({ where: { ticketId }, orderBy: { createdAt: 'asc' }, select: { kind: true } })).map(
      (row) => row.kind,
    );

  it('changes the name, trimmed, and only what the input names; everything is emailed until turned off', async () => {
    expect((await api.gql(ME, {}, { token: school.tokens.bob })).data!.me).toEqual({
      name: 'Bob Student',
      emailPreferences: { staffReplyEmails: true, ratingReminderEmails: true },
    });
    const renamed = await update(school.tokens.bob, { name: '  Bobby Okafor ' });
    expect(renamed.data!.updateMyProfile).toEqual({
      name: 'Bobby Okafor',
      emailPreferences: { staffReplyEmails: true, ratingReminderEmails: true },
    });
    await update(school.tokens.bob, { staffReplyEmails: false });
    expect((await api.gql(ME, {}, { token: school.tokens.bob })).data!.me).toEqual({
      name: 'Bobby Okafor',
      emailPreferences: { staffReplyEmails: false, ratingReminderEmails: true },
    });
  });

  it('refuses an empty or over-long name, naming the field, and keeps the name', async () => {
    for (const name of ['', '   ', 'x'.repeat(PERSON_NAME_MAX + 1)]) {
      const refused = await update(school.tokens.alice, { name });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0]!.extensions!.field).toBe('input.name');
    }
    expect((await update(school.tokens.alice, { name: 'x'.repeat(PERSON_NAME_MAX) })).errors).toBeUndefined();
    await update(school.tokens.alice, { name: 'Alice Student' });
    expect((await api.gql(ME, {}, { token: school.tokens.alice })).data!.me.name).toBe('Alice Student');
  });

  it('is nobody’s business but one’s own: anonymous callers are refused, staff see no email choices', async () => {
    expect(codes(await update(undefined, { name: 'Mallory' }))).toEqual(['UNAUTHENTICATED']);
    const { globalId } = await aliceReports('Whose choices are these');
    const seen = await api.gql(
      'query($id: ID!) { ticket(id: $id) { requester { name emailPreferences { staffReplyEmails } } } }',
      { id: globalId },
      { token: school.tokens.staff },
    );
    expect(seen.data!.ticket.requester).toEqual({ name: 'Alice Student', emailPreferences: null });
  });

  it('sends no reply email once replies are turned off, and again once turned on; the resolution email always', async () => {
    const ticket = await aliceReports('Locked out of the library account');
    await update(school.tokens.alice, { staffReplyEmails: false });
    const staffReply = (body: string) =>
      api.gql(REPLY, { input: { ticketId: ticket.globalId, body } }, { token: school.tokens.staff }).then((res) => {
        expect(res.errors).toBeUndefined();
      });
    await staffReply('Could you send your student number?');
    expect(await emailKinds(ticket.id)).toEqual([]);

    await update(school.tokens.alice, { staffReplyEmails: true });
    await staffReply('Thank you, unlocked.');
    await api.gql(RESOLVE, { input: { ticketId: ticket.globalId, resolution: 'Unlocked.' } }, { token: school.tokens.staff });
    await update(school.tokens.alice, { staffReplyEmails: false });
    expect(await emailKinds(ticket.id)).toEqual(['STAFF_REPLIED', 'RESOLVED']);
  });

  it('sends no rating reminder to a student who turned them off, and one once they turn them back on', async () => {
    const ticket = await aliceReports('Printer does not print');
    await api.gql(RESOLVE, { input: { ticketId: ticket.globalId, resolution: 'Refilled.' } }, { token: school.tokens.staff });
    const now = new Date();
    await api.db.prisma.ticket.update({ where: { id: ticket.id }, data: { resolvedAt: new Date(now.getTime() - 49 * 3600_000) } });
    const reminded = async () => (await api.db.prisma.emailMessage.count({ where: { ticketId: ticket.id, kind: 'RATING_REMINDER' } })) > 0;

    await update(school.tokens.alice, { ratingReminderEmails: false });
    await queueRatingReminders(api.db.prisma, 'https://desk.school.test', now);
    expect(await reminded()).toBe(false);

    await update(school.tokens.alice, { ratingReminderEmails: true });
    await queueRatingReminders(api.db.prisma, 'https://desk.school.test', now);
    expect(await reminded()).toBe(true);
  });

  it('always sends a password reset, whatever the email choices', async () => {
    await update(school.tokens.alice, { staffReplyEmails: false, ratingReminderEmails: false });
    await api.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: school.users.alice.email });
    expect(await api.db.prisma.emailMessage.count({ where: { toAddress: school.users.alice.email, kind: 'PASSWORD_RESET' } })).toBe(1);
  });
});

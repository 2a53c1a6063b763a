// Staff invitations and deactivation over HTTP, with a real SMTP server: invite → email → accept →
// the new staff member works the queue; links are single-use and expire (a test clock moves time);
// deactivating hands open tickets on with their history and ends the person's sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, createUser, PASSWORD, type School, signIn, type SmtpReceiver, startSmtpReceiver } from '@studentdesk/testing';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';
import { REPORT_PROBLEM } from '../test/operations.js';

const INVITE = `mutation($input: InviteStaffInput!) {
  inviteStaff(input: $input) { id email name role status expiresAt department { name } invitedBy { name } }
}`;
const ACCEPT = `mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { token user { name role department { name } } }
}`;
const INVITATIONS = '{ invitations(first: 50) { edges { node { id email status } } } }';
const DEACTIVATE = 'mutation($userId: ID!, $reassignTo: ID) { deactivateUser(userId: $userId, reassignTo: $reassignTo) { name active } }';
const REACTIVATE = 'mutation($userId: ID!) { reactivateUser(userId: $userId) { name active } }';
const STAFF_ACCOUNTS = '{ staffAccounts(first: 100) { edges { node { id name active role } } } }';
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
const PUBLIC_URL = 'https://desk.school.test';
const CHOSEN = 'tea before the first ticket';

const tokenIn = (text: string) => /accept-invitation#token=(sdi_[\w-]+)/.exec(text)![1]!;

describe('people', () => {
  let api: TestApi;
  let school: School;
  let smtp: SmtpReceiver;
  const clock = new TestClock();
  let it_: string;

  const invite = async (email: string, role = 'STAFF', departmentId = it_, token = school.tokens.admin) =>
    api.gql(INVITE, { input: { email, name: 'Nia Newcomer', role, departmentId } }, { token });
  /** Invites the address and returns the token of the invitation email that arrives. */
  const invitationToken = async (email: string) => {
    const before = smtp.received.length;
    const response = await invite(email);
    expect(response.errors).toBeUndefined();
    const message = await smtp.waitFor((received) => received.to === email && smtp.received.indexOf(received) >= before);
    return tokenIn(message.text);
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi('postgresql', { SMTP_URL: smtp.url, EMAIL_POLL_MS: '100', PUBLIC_URL }, undefined, clock);
    school = await createSchool(api);
    it_ = toGlobalId('Department', school.departments.it.id);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('invites by email; accepting creates the account, signs in, and the new staff member sees the queue', async () => {
    const sent = await invite('Nia.Newcomer@School.test');
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.inviteStaff).toMatchObject({
      email: 'nia.newcomer@school.test',
      role: 'STAFF',
      status: 'PENDING',
      department: { name: school.departments.it.name },
      invitedBy: { name: 'Ada Admin' },
    });
    expect(Date.parse(sent.data!.inviteStaff.expiresAt) - clock.now().getTime()).toBe(7 * 86_400_000);
    const message = await smtp.waitFor((received) => received.to === 'nia.newcomer@school.test');
    expect(message.subject).toBe(`You are invited to the ${school.departments.it.name} help desk on StudentDesk`);
    expect(message.text).toContain(`${PUBLIC_URL}/console/accept-invitation#token=sdi_`);
    const token = tokenIn(message.text);
    const stored = await api.db.prisma.invitation.findFirstOrThrow({ where: { email: 'nia.newcomer@school.test' } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const weak = await api.gql(ACCEPT, { token, password: 'nia.newcomer 2026!' });
    expect(codes(weak)).toEqual(['BAD_USER_INPUT']);
    expect(weak.errors![0]!.extensions!.field).toBe('password');
    expect(await api.db.prisma.user.count({ where: { email: 'nia.newcomer@school.test' } })).toBe(0);

    const accepted = await api.gql(ACCEPT, { token, password: CHOSEN });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.user).toEqual({
      name: 'Nia Newcomer',
      role: 'STAFF',
      department: { name: school.departments.it.name },
    });
    expect(accepted.headers.get('set-cookie')).toMatch(/^sd_session=[\w.-]+;/);
    const queue = await api.gql('{ tickets(first: 5) { totalCount } }', {}, { token: accepted.data!.acceptInvitation.token });
    expect(queue.errors).toBeUndefined();
    expect(codes(await api.gql(SIGN_IN, { email: 'nia.newcomer@school.test', password: CHOSEN }))).toEqual([]);

    const reused = await api.gql(ACCEPT, { token, password: 'another long passphrase' });
    expect(codes(reused)).toEqual(['BAD_USER_INPUT']);
    expect(reused.errors![0]!.extensions!.field).toBe('token');
    const listed = await api.gql(INVITATIONS, {}, { token: school.tokens.admin });
    expect(listed.data!.invitations.edges.map((edge: { node: { email: string; status: string } }) => edge.node)).toContainEqual(
      expect.objectContaining({ email: 'nia.newcomer@school.test', status: 'ACCEPTED' }),
    );
  });

  it('refuses an address that has an account, a student role, and non-admins', async () => {
    const taken = await invite(school.users.staff.email);
    expect(codes(taken)).toEqual(['BAD_USER_INPUT']);
    expect(taken.errors![0]!.extensions!.field).toBe('email');
    expect(codes(await invite('stu@school.test', 'STUDENT'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await invite('x@school.test', 'STAFF', it_, school.tokens.manager))).toEqual(['FORBIDDEN']);
    expect(codes(await invite('x@school.test', 'STAFF', it_, school.tokens.staff))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(INVITATIONS, {}, { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(await api.db.prisma.invitation.count({ where: { email: { in: ['stu@school.test', 'x@school.test'] } } })).toBe(0);
  });

  it('spends a link that a newer invitation replaced, a revoked one, and one past 7 days', async () => {
    const older = await invitationToken('omar@school.test');
    const newer = await invitationToken('omar@school.test');
    expect(codes(await api.gql(ACCEPT, { token: older, password: CHOSEN }))).toEqual(['BAD_USER_INPUT']);

    const pending = (await api.gql(INVITATIONS, {}, { token: school.tokens.admin })).data!.invitations.edges.find(
      (edge: { node: { email: string; status: string } }) => edge.node.email === 'omar@school.test' && edge.node.status === 'PENDING',
    ).node.id as string;
    const revoked = await api.gql(
      'mutation($id: ID!) { revokeInvitation(id: $id) { status } }',
      { id: pending },
      { token: school.tokens.admin },
    );
    expect(revoked.data!.revokeInvitation).toEqual({ status: 'REVOKED' });
    expect(codes(await api.gql(ACCEPT, { token: newer, password: CHOSEN }))).toEqual(['BAD_USER_INPUT']);

    const late = await invitationToken('late@school.test');
    clock.advance(7 * 86_400_000 + 1);
    expect(codes(await api.gql(ACCEPT, { token: late, password: CHOSEN }))).toEqual(['BAD_USER_INPUT']);
    expect(await api.db.prisma.user.count({ where: { email: { in: ['omar@school.test', 'late@school.test'] } } })).toBe(0);
  });

  it('deactivating hands open tickets to a colleague with history, ends sessions; reactivating lets them back in', async () => {
    const leaver = await createUser(api.db.prisma, 'STAFF', { departmentId: school.departments.it.id, name: 'Lee Leaving' });
    const leaverToken = await signIn(api, leaver.email);
    const report = async (title: string) =>
      (
        await api.gql(
          REPORT_PROBLEM,
          { input: { categoryId: school.categoryIds.login, title, description: 'It broke.' } },
          { token: school.tokens.alice },
        )
      ).data!.reportProblem.ticket.id as string;
    const ids = [await report('One'), await report('Two'), await report('Done')].map((id) => parseGlobalId(id)!.id);
    await api.db.prisma.ticket.updateMany({ where: { id: { in: ids } }, data: { assigneeId: leaver.id } });
    await api.db.prisma.ticket.update({ where: { id: ids[2] }, data: { status: 'RESOLVED', resolvedAt: new Date() } });
    const leaverId = toGlobalId('User', leaver.id);

    // A colleague of another department cannot take them: nothing changes.
    const wrong = await api.gql(
      DEACTIVATE,
      { userId: leaverId, reassignTo: toGlobalId('User', school.users.otherStaff.id) },
      { token: school.tokens.admin },
    );
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0]!.extensions!.field).toBe('reassignTo');
    expect((await api.gql('{ me { name } }', {}, { token: leaverToken })).data!.me).toEqual({ name: 'Lee Leaving' });
    expect(codes(await api.gql(DEACTIVATE, { userId: leaverId }, { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(DEACTIVATE, { userId: toGlobalId('User', school.users.admin.id) }, { token: school.tokens.admin }))).toEqual(
      ['BAD_USER_INPUT'],
    );

    const done = await api.gql(
      DEACTIVATE,
      { userId: leaverId, reassignTo: toGlobalId('User', school.users.staff.id) },
      { token: school.tokens.admin },
    );
    expect(done.errors).toBeUndefined();
    expect(done.data!.deactivateUser).toEqual({ name: 'Lee Leaving', active: false });
    const tickets = await api.db.prisma.ticket.findMany({ where: { id: { in: ids } }, orderBy: { number: 'asc' } });
    expect(tickets.map((ticket) => ticket.assigneeId)).toEqual([school.users.staff.id, school.users.staff.id, leaver.id]);
    const events = await api.db.prisma.ticketEvent.findMany({ where: { ticketId: { in: tickets.map((t) => t.id) }, type: 'ASSIGNED' } });
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.actorId).toBe(school.users.admin.id);
      expect(event.detail).toEqual({ fromAssigneeId: leaver.id, toAssigneeId: school.users.staff.id, reason: 'ASSIGNEE_DEACTIVATED' });
    }
    expect((await api.gql('{ me { name } }', {}, { token: leaverToken })).status).toBe(401);
    expect(codes(await api.gql(SIGN_IN, { email: leaver.email, password: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    const accounts = (await api.gql(STAFF_ACCOUNTS, {}, { token: school.tokens.admin })).data!.staffAccounts.edges;
    expect(accounts.find((edge: { node: { id: string } }) => edge.node.id === leaverId).node).toMatchObject({
      active: false,
      role: 'STAFF',
    });

    const back = await api.gql(REACTIVATE, { userId: leaverId }, { token: school.tokens.admin });
    expect(back.data!.reactivateUser).toEqual({ name: 'Lee Leaving', active: true });
    expect(codes(await api.gql(SIGN_IN, { email: leaver.email, password: PASSWORD }))).toEqual([]);
  });

  it('without a colleague named, open tickets go back to the unassigned queue', async () => {
    const leaver = await createUser(api.db.prisma, 'STAFF', { departmentId: school.departments.it.id });
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Alone', description: 'It broke.' } },
      { token: school.tokens.alice },
    );
    const id = parseGlobalId(reported.data!.reportProblem.ticket.id)!.id;
    await api.db.prisma.ticket.update({ where: { id }, data: { assigneeId: leaver.id } });
    const done = await api.gql(DEACTIVATE, { userId: toGlobalId('User', leaver.id) }, { token: school.tokens.admin });
    expect(done.errors).toBeUndefined();
    expect((await api.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).assigneeId).toBeNull();
  });
});

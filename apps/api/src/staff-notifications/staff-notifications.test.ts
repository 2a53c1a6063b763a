// Staff notifications over HTTP and graphql-ws: who is told what (never of their own action, never
// about a ticket they cannot see), settings, the bell's live feed (only its owner's), @mentions in
// internal notes, followers, "first unread", the SLA warning and the email digest through a real
// SMTP receiver.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codes,
  connectTo,
  createSchool,
  createUser,
  DATABASE_KINDS,
  follow,
  type School,
  type SmtpReceiver,
  signIn,
  startSmtpReceiver,
  until,
} from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, REPLY, REPORT_PROBLEM } from '../test/operations.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { warnSlaAboutToBreach } from '../sla/sla.warning.js';
import { emailStaffDigests } from './staff-digest.js';

const PUBLIC_URL = 'https://desk.school.test';

const MY_NOTIFICATIONS = /* GraphQL */ `
  query Mine($unreadOnly: Boolean) {
    myUnreadNotificationCount
    myNotifications(first: 50, unreadOnly: $unreadOnly) {
      edges {
        node {
          id
          kind
          read
          excerpt
          slaTarget
          actor {
            name
          }
          ticket {
            id
          }
        }
      }
    }
  }
`;

const BELL = /* GraphQL */ `
  subscription {
    staffNotificationReceived {
      id
      kind
      ticket {
        id
        title
      }
    }
  }
`;

const TICKET_READING = /* GraphQL */ `
  query Reading($id: ID!) {
    ticket(id: $id) {
      viewerFollows
      followers {
        name
      }
      firstUnreadMessage {
        id
        body
      }
    }
  }
`;

const mention = (name: string, userId: string) => `@[${name}](mention:${toGlobalId('User', userId)})`;

describe.each(DATABASE_KINDS)('staff notifications on %s', (kind) => {
  let api: TestApi;
  let smtp: SmtpReceiver;
  let school: School;
  const clients: Client[] = [];

  const notificationsOf = async (token: string, unreadOnly = false) => {
    const response = await api.gql(MY_NOTIFICATIONS, { unreadOnly }, { token });
    expect(response.errors).toBeUndefined();
    return {
      count: response.data!.myUnreadNotificationCount as number,
      items: response.data!.myNotifications.edges.map((edge: any) => edge.node) as Array<Record<string, any>>,
    };
  };
  const report = async (title: string, categoryId = school.categoryIds.login) => {
    const response = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId, title, description: 'Details.' } },
      { token: school.tokens.alice },
    );
    return response.data!.reportProblem.ticket.id as string;
  };
  const assign = (ticketId: string, userId: string, token: string) =>
    api.gql(ASSIGN, { ticketId, assigneeId: toGlobalId('User', userId) }, { token });
  const note = (ticketId: string, body: string, token: string) => api.gql(REPLY, { input: { ticketId, body, internal: true } }, { token });
  const studentReply = (ticketId: string, body: string) => api.gql(REPLY, { input: { ticketId, body } }, { token: school.tokens.alice });
  const aboutTicket = (items: Array<Record<string, any>>, ticketId: string) => items.filter((item) => item.ticket.id === ticketId);

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi(kind, { SMTP_URL: smtp.url, EMAIL_POLL_MS: '100', PUBLIC_URL });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
    await smtp?.close();
  });

  it('tells the assignee when someone else assigns them, never when they take a ticket themselves', async () => {
    const given = await report('Laptop will not charge');
    const taken = await report('Projector flickers');
    expect((await assign(given, school.users.staff.id, school.tokens.manager)).errors).toBeUndefined();
    expect((await assign(taken, school.users.staff.id, school.tokens.staff)).errors).toBeUndefined();

    const { items } = await notificationsOf(school.tokens.staff);
    expect(aboutTicket(items, given)).toMatchObject([{ kind: 'ASSIGNED_TO_ME', read: false, actor: { name: 'Maya Manager' } }]);
    expect(aboutTicket(items, taken)).toEqual([]);
  });

  it('tells the assignee and followers when the student replies, not when staff answer', async () => {
    const ticketId = await report('Cannot print from Word');
    await assign(ticketId, school.users.staff.id, school.tokens.staff);
    const followed = await api.gql(
      'mutation($id: ID!) { followTicket(ticketId: $id) { viewerFollows } }',
      { id: ticketId },
      {
        token: school.tokens.manager,
      },
    );
    expect(followed.data!.followTicket.viewerFollows).toBe(true);
    const reading = await api.gql(TICKET_READING, { id: ticketId }, { token: school.tokens.staff });
    expect(reading.data!.ticket).toMatchObject({ viewerFollows: false, followers: [{ name: 'Maya Manager' }] });
    // A student reads no followers.
    const asStudent = await api.gql(TICKET_READING, { id: ticketId }, { token: school.tokens.alice });
    expect(asStudent.data!.ticket).toMatchObject({ viewerFollows: false, followers: null, firstUnreadMessage: null });

    await api.gql(REPLY, { input: { ticketId, body: 'Which printer?' } }, { token: school.tokens.staff });
    await studentReply(ticketId, 'The one on floor two.');

    for (const token of [school.tokens.staff, school.tokens.manager]) {
      expect(aboutTicket((await notificationsOf(token)).items, ticketId)).toMatchObject([
        { kind: 'STUDENT_REPLIED', excerpt: 'The one on floor two.', actor: { name: 'Alice Student' } },
      ]);
    }
    await api.gql('mutation($id: ID!) { unfollowTicket(ticketId: $id) { id } }', { id: ticketId }, { token: school.tokens.manager });
    await studentReply(ticketId, 'Any news?');
    expect(aboutTicket((await notificationsOf(school.tokens.manager)).items, ticketId)).toHaveLength(1);
    expect(aboutTicket((await notificationsOf(school.tokens.staff)).items, ticketId)).toHaveLength(2);
  });

  it('moves followers with a merge, and the student’s reply reaches them on the ticket that stays', async () => {
    const [duplicate, kept] = [await report('Printer prints blank pages'), await report('Printer prints nothing')];
    const follow = (ticketId: string, token: string) =>
      api.gql('mutation($id: ID!) { followTicket(ticketId: $id) { id } }', { id: ticketId }, { token });
    await follow(duplicate, school.tokens.manager);
    await follow(duplicate, school.tokens.staff);
    await follow(kept, school.tokens.staff);
    const merged = await api.gql(
      'mutation($input: MergeTicketsInput!) { mergeTickets(input: $input) { id } }',
      { input: { sourceId: duplicate, targetId: kept } },
      { token: school.tokens.admin },
    );
    expect(merged.errors).toBeUndefined();
    const followers = await api.gql(TICKET_READING, { id: kept }, { token: school.tokens.admin });
    expect(followers.data!.ticket.followers.map((user: { name: string }) => user.name).sort()).toEqual(['Maya Manager', 'Sam Staff']);
    await studentReply(kept, 'Still blank.');
    expect(aboutTicket((await notificationsOf(school.tokens.manager)).items, kept)).toMatchObject([{ kind: 'STUDENT_REPLIED' }]);
  });

  it('notifies colleagues mentioned in an internal note, refuses a mention of someone who cannot see the ticket, and ignores mentions in public replies', async () => {
    const ticketId = await report('Wi-Fi drops in room 12');
    const noted = await note(
      ticketId,
      `${mention('Maya Manager', school.users.manager.id)} can you check the AP? ${mention('Sam Staff', school.users.staff.id)}`,
      school.tokens.staff,
    );
    expect(noted.errors).toBeUndefined();
    expect(aboutTicket((await notificationsOf(school.tokens.manager)).items, ticketId)).toMatchObject([
      { kind: 'MENTIONED', actor: { name: 'Sam Staff' }, excerpt: '@Maya Manager can you check the AP? @Sam Staff' },
    ]);
    // Mentioning oneself is one's own action.
    expect(aboutTicket((await notificationsOf(school.tokens.staff)).items, ticketId)).toEqual([]);

    const refused = await note(ticketId, `Over to ${mention('Fiona Finance', school.users.otherStaff.id)}`, school.tokens.staff);
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toContain('Fiona Finance cannot see this ticket');
    const notAUser = await note(ticketId, `@[Someone](mention:${toGlobalId('Ticket', parseGlobalId(ticketId)!.id)})`, school.tokens.staff);
    expect(codes(notAUser)).toEqual(['BAD_USER_INPUT']);

    await api.gql(
      REPLY,
      { input: { ticketId, body: `Thanks, ${mention('Maya Manager', school.users.manager.id)} is on it.` } },
      { token: school.tokens.staff },
    );
    expect(aboutTicket((await notificationsOf(school.tokens.manager)).items, ticketId)).toHaveLength(1);
    expect(aboutTicket((await notificationsOf(school.tokens.otherStaff)).items, ticketId)).toEqual([]);
  });

  it('forgets notifications about a ticket the recipient can no longer see, and shows nobody else’s', async () => {
    const ticketId = await report('Locked out of email');
    await assign(ticketId, school.users.staff.id, school.tokens.manager);
    const [notice] = aboutTicket((await notificationsOf(school.tokens.staff)).items, ticketId);
    const byNode = 'query($id: ID!) { node(id: $id) { ... on StaffNotification { kind } } }';
    expect((await api.gql(byNode, { id: notice!.id }, { token: school.tokens.staff })).data!.node).toEqual({ kind: 'ASSIGNED_TO_ME' });
    // Anyone else's notification is as if it did not exist.
    expect((await api.gql(byNode, { id: notice!.id }, { token: school.tokens.manager })).data).toEqual({ node: null });
    expect(
      codes(
        await api.gql('mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id: notice!.id }, { token: school.tokens.admin }),
      ),
    ).toEqual(['NOT_FOUND']);

    const before = await notificationsOf(school.tokens.staff);
    // Moved to Financial Aid and given to its staff: Sam no longer sees it, nor hears of it.
    await api.db.prisma.ticket.update({
      where: { id: parseGlobalId(ticketId)!.id },
      data: { departmentId: school.departments.finance.id, categoryId: school.categories.fees.id, assigneeId: school.users.otherStaff.id },
    });
    const after = await notificationsOf(school.tokens.staff);
    expect(aboutTicket(after.items, ticketId)).toEqual([]);
    expect(after.count).toBe(before.count - 1);
    expect((await api.gql(byNode, { id: notice!.id }, { token: school.tokens.staff })).data).toEqual({ node: null });
  });

  it('respects each person’s settings, and marks read one or all', async () => {
    const settings = await api.gql('{ myNotificationSettings { kind console email } }', {}, { token: school.tokens.manager });
    expect(settings.data!.myNotificationSettings).toContainEqual({ kind: 'STUDENT_REPLIED', console: true, email: false });
    const changed = await api.gql(
      'mutation { updateNotificationSetting(input: { kind: ASSIGNED_TO_ME, console: false, email: false }) { kind console email } }',
      {},
      { token: school.tokens.manager },
    );
    expect(changed.data!.updateNotificationSetting).toEqual({ kind: 'ASSIGNED_TO_ME', console: false, email: false });
    const ticketId = await report('Keyboard missing keys');
    await assign(ticketId, school.users.manager.id, school.tokens.staff);
    expect(aboutTicket((await notificationsOf(school.tokens.manager)).items, ticketId)).toEqual([]);
    expect(await api.db.prisma.staffNotification.count({ where: { recipientId: school.users.manager.id, kind: 'ASSIGNED_TO_ME' } })).toBe(
      0,
    );

    const { items } = await notificationsOf(school.tokens.staff, true);
    expect(items.length).toBeGreaterThan(1);
    const one = await api.gql(
      'mutation($id: ID!) { markNotificationRead(id: $id) { read } }',
      { id: items[0]!.id },
      { token: school.tokens.staff },
    );
    expect(one.data!.markNotificationRead.read).toBe(true);
    expect((await notificationsOf(school.tokens.staff, true)).items).toHaveLength(items.length - 1);
    const all = await api.gql('mutation { markAllNotificationsRead { marked } }', {}, { token: school.tokens.staff });
    expect(all.data!.markAllNotificationsRead.marked).toBe(items.length - 1);
    expect((await notificationsOf(school.tokens.staff)).count).toBe(0);
  });

  it('rings only its owner’s bell, live', async () => {
    const before = api.liveSubscriptions();
    const samBell = follow(connectTo(api, clients, school.tokens.staff), BELL, 'staffNotificationReceived', {});
    const mayaBell = follow(connectTo(api, clients, school.tokens.manager), BELL, 'staffNotificationReceived', {});
    const studentBell = follow(connectTo(api, clients, school.tokens.alice), BELL, 'staffNotificationReceived', {});
    await until(() => api.liveSubscriptions() === before + 2, 5000, 'the subscriptions');
    await until(() => studentBell.errors.length > 0, 5000, 'the student’s refusal');
    expect(studentBell.errors[0]?.extensions?.code ?? studentBell.errors[0]?.message).toMatch(/FORBIDDEN|staff/i);

    const forSam = await report('Monitor is blank');
    await assign(forSam, school.users.staff.id, school.tokens.manager);
    expect(await samBell.next()).toMatchObject({ kind: 'ASSIGNED_TO_ME', ticket: { id: forSam, title: 'Monitor is blank' } });
    const forMaya = await report('Mouse is sticky');
    await note(forMaya, `${mention('Maya Manager', school.users.manager.id)} one for you`, school.tokens.staff);
    // Maya's first event is her own mention, not Sam's assignment.
    expect(await mayaBell.next()).toMatchObject({ kind: 'MENTIONED', ticket: { id: forMaya } });
    expect(samBell.events).toEqual([]);
    [samBell, mayaBell, studentBell].forEach((bell) => bell.dispose());
  });

  it('remembers what each person read: the first unread message is the next one someone else wrote', async () => {
    const ticketId = await report('Account shows the wrong name');
    const first = async (token: string) => (await api.gql(TICKET_READING, { id: ticketId }, { token })).data!.ticket.firstUnreadMessage;
    expect(await first(school.tokens.staff)).toBeNull();
    await studentReply(ticketId, 'Alice Student, not Alice Studnet.');
    expect(await first(school.tokens.staff)).toMatchObject({ body: 'Alice Student, not Alice Studnet.' });
    const marked = await api.gql(
      'mutation($id: ID!) { markTicketRead(ticketId: $id) { firstUnreadMessage { id } } }',
      { id: ticketId },
      {
        token: school.tokens.staff,
      },
    );
    expect(marked.data!.markTicketRead.firstUnreadMessage).toBeNull();
    // One's own messages are read.
    await api.gql(REPLY, { input: { ticketId, body: 'Which name should it show?' } }, { token: school.tokens.staff });
    expect(await first(school.tokens.staff)).toBeNull();
    await studentReply(ticketId, 'Thanks!');
    await studentReply(ticketId, 'And the email too.');
    expect(await first(school.tokens.staff)).toMatchObject({ body: 'Thanks!' });
    // Another colleague has read nothing yet.
    expect(await first(school.tokens.manager)).toMatchObject({ body: 'Alice Student, not Alice Studnet.' });
    expect(
      codes(
        await api.gql('mutation($id: ID!) { markTicketRead(ticketId: $id) { id } }', { id: ticketId }, { token: school.tokens.otherStaff }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('warns the assignee once per ticket and target when a due time is an hour away', async () => {
    const ticketId = await report('Exam portal login fails');
    await assign(ticketId, school.users.staff.id, school.tokens.staff);
    const id = parseGlobalId(ticketId)!.id;
    const now = new Date(Date.now() + 86_400_000);
    await api.db.prisma.ticket.update({
      where: { id },
      data: { firstResponseDueAt: new Date(now.getTime() + 30 * 60_000), resolutionDueAt: new Date(now.getTime() + 48 * 3600_000) },
    });
    await warnSlaAboutToBreach(api.db.prisma, now);
    await warnSlaAboutToBreach(api.db.prisma, new Date(now.getTime() + 60_000));
    expect(aboutTicket((await notificationsOf(school.tokens.staff)).items, ticketId)).toMatchObject([
      { kind: 'SLA_ABOUT_TO_BREACH', slaTarget: 'FIRST_RESPONSE', actor: null },
    ]);
  });

  it('emails a burst as one digest, with links to the tickets in the console', async () => {
    const priya = await createUser(api.db.prisma, 'STAFF', { departmentId: school.departments.it.id, name: 'Priya Patel' });
    const priyaToken = await signIn(api, priya.email);
    const tickets = [await report('Printer A jams'), await report('Printer B jams'), await report('Printer C jams')];
    for (const ticketId of tickets) await assign(ticketId, priya.id, school.tokens.manager);
    await note(tickets[0]!, `${mention('Priya Patel', priya.id)} spare toner is in room 3`, school.tokens.staff);
    // A student's reply is not emailed unless she asks for it (the default), but shows in her bell.
    await api.gql('mutation($id: ID!) { followTicket(ticketId: $id) { id } }', { id: tickets[1] }, { token: priyaToken });
    await studentReply(tickets[1]!, 'Page two is blank too.');
    expect(
      await api.db.prisma.staffNotification.count({ where: { recipientId: priya.id, kind: 'STUDENT_REPLIED', emailDueAt: null } }),
    ).toBe(1);
    expect((await notificationsOf(priyaToken)).count).toBe(5);

    // Not before the digest window has passed…
    expect(await emailStaffDigests(api.db.prisma, PUBLIC_URL, new Date())).toBe(0);
    // …then one email with all four.
    expect(await emailStaffDigests(api.db.prisma, PUBLIC_URL, new Date(Date.now() + 6 * 60_000))).toBeGreaterThanOrEqual(1);
    const email = await smtp.waitFor((received) => received.to === priya.email);
    expect(email.subject).toBe('4 updates on your tickets');
    expect(email.text).toContain('Maya Manager assigned SD-');
    expect(email.text).toContain('Sam Staff mentioned you in an internal note on');
    for (const ticketId of tickets) expect(email.text).toContain(`${PUBLIC_URL}/console/tickets/${ticketId}`);
    expect(await emailStaffDigests(api.db.prisma, PUBLIC_URL, new Date(Date.now() + 12 * 60_000))).toBe(0);
    expect(await api.db.prisma.emailMessage.count({ where: { toAddress: priya.email } })).toBe(1);
  });
});

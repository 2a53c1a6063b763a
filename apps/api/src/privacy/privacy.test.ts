// Privacy over HTTP on PostgreSQL: a person's export holds their data and nobody else's, escaped in
// HTML; erasure's dry run writes nothing, erasure keeps the tickets under "Former student" and the
// person can neither sign in nor be emailed; retention removes exactly what is past its age (its
// dry run nothing) and the satisfaction numbers keep counting; only admins do any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, createUser, PASSWORD, type School, signIn, type SmtpReceiver, startSmtpReceiver } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';
import { applyRetention, RETENTION_BATCH } from './retention.js';

const PUBLIC_URL = 'https://desk.school.test';
const DAY = 86_400_000;
const PREVIEW_ERASURE = `query($userId: ID!) { previewErasure(userId: $userId) { refusal formerName changes { table count } } }`;
const ERASE = `mutation($userId: ID!, $confirm: String!) {
  erasePerson(userId: $userId, confirm: $confirm) { refusal formerName person { name email studentNumber } changes { table count } }
}`;
const SET_RULE = `mutation($kind: RetentionRuleKind!, $afterDays: Int!, $enabled: Boolean!) {
  setRetentionRule(kind: $kind, afterDays: $afterDays, enabled: $enabled) { kind afterDays enabled }
}`;
const PREVIEW_RETENTION = `query($kind: RetentionRuleKind!) { previewRetention(kind: $kind) { count sampleIds cutoff } }`;
/** The parts of the export's JSON these tests read. */
interface Export {
  includesInternalNotes: boolean;
  tickets: Array<{ conversation: Array<{ body: string }> }>;
  messagesOnOtherTickets: Array<{ body: string }>;
}
const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';

describe('privacy', () => {
  let api: TestApi;
  let school: School;
  let smtp: SmtpReceiver;
  const clock = new TestClock('2026-12-08T09:00:00Z');

  const exportUrl = (query: string) => api.url.replace(/\/graphql$/, `/privacy/export${query}`);
  const download = (query: string, token?: string) =>
    fetch(exportUrl(query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const report = async (token: string, title: string, description = 'It does not work.') => {
    const response = await api.gql(REPORT_PROBLEM, { input: { categoryId: school.categoryIds.login, title, description } }, { token });
    expect(response.errors).toBeUndefined();
    return response.data!.reportProblem.ticket.id as string;
  };
  const reply = async (ticketId: string, body: string, internal = false) => {
    const response = await api.gql(REPLY, { input: { ticketId, body, internal } }, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
  };
  const userId = (user: { id: string }) => toGlobalId('User', user.id);

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi('postgresql', { SMTP_URL: smtp.url, EMAIL_POLL_MS: '100', PUBLIC_URL }, undefined, clock);
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('exports everything about one person and nothing about anyone else, as JSON and as escaped HTML', async () => {
    const alicesTicket = await report(school.tokens.alice, 'Portal says <script>alert("pwned")</script>');
    await reply(alicesTicket, 'Try clearing your cookies, Alice.');
    await reply(alicesTicket, 'Internal: she asked twice already.', true);
    await report(school.tokens.bob, 'Bob’s private fee problem', 'Bob owes nothing, honestly.');

    const response = await download(`?userId=${userId(school.users.alice)}&format=json`, school.tokens.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="studentdesk-export-.+\.json"$/);
    const text = await response.text();
    const exported = JSON.parse(text);
    expect(exported).toMatchObject({ format: 'studentdesk.person-export', version: 1, includesInternalNotes: true });
    expect(exported.person).toMatchObject({
      name: 'Alice Student',
      email: school.users.alice.email,
      studentNumber: school.users.alice.studentNumber,
    });
    expect(exported.tickets).toHaveLength(1);
    expect(exported.tickets[0].title).toBe('Portal says <script>alert("pwned")</script>');
    expect(exported.tickets[0].conversation).toEqual([
      expect.objectContaining({ author: 'Sam Staff', internal: false, body: 'Try clearing your cookies, Alice.' }),
      expect.objectContaining({ author: 'Sam Staff', internal: true, body: 'Internal: she asked twice already.' }),
    ]);
    expect(exported.sessions.length).toBeGreaterThan(0);
    expect(exported.emails.length).toBeGreaterThan(0);
    expect(text).not.toContain('Bob');
    expect(text).not.toContain(school.users.bob.email);

    const html = await (await download(`?userId=${userId(school.users.alice)}&format=html`, school.tokens.admin)).text();
    expect(html).toContain('Portal says &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('Try clearing your cookies, Alice.');
    expect(html).not.toContain('Bob');

    // Her own download: what the portal shows her, no internal notes.
    const own = (await (await download('?format=json', school.tokens.alice)).json()) as Export;
    expect(own.includesInternalNotes).toBe(false);
    expect(own.tickets[0]!.conversation.map((message) => message.body)).toEqual(['Try clearing your cookies, Alice.']);

    // A staff member's export holds the words they wrote on others' tickets, a guest's report included.
    const guest = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'Locked out',
        description: '-',
        contactName: 'Gus Guest',
        contactEmail: 'gus@example.edu',
      },
    });
    await reply(guest.data!.reportProblem.ticket.id, 'Unlocked it for you, Gus.');
    const staff = (await (await download(`?userId=${userId(school.users.staff)}`, school.tokens.admin)).json()) as Export;
    expect(staff.messagesOnOtherTickets.map((message) => message.body)).toEqual(
      expect.arrayContaining(['Try clearing your cookies, Alice.', 'Unlocked it for you, Gus.']),
    );
    expect(JSON.stringify(staff)).not.toContain('Portal says');

    const audit = await api.db.prisma.auditEntry.findMany({ where: { action: 'PERSON_EXPORTED', subjectId: school.users.alice.id } });
    expect(audit).toHaveLength(3);
  });

  it('lets admins export anyone and everyone else only themselves', async () => {
    const alice = userId(school.users.alice);
    expect((await download(`?userId=${alice}`)).status).toBe(401);
    expect((await download(`?userId=${alice}`, 'not-a-token')).status).toBe(401);
    expect((await download(`?userId=${alice}`, school.tokens.bob)).status).toBe(403);
    expect((await download(`?userId=${alice}`, school.tokens.staff)).status).toBe(403);
    expect((await download(`?userId=${alice}`, school.tokens.manager)).status).toBe(403);
    expect((await download(`?userId=${alice}&format=pdf`, school.tokens.admin)).status).toBe(400);
    expect((await download(`?userId=${toGlobalId('User', '00000000-0000-7000-8000-000000000000')}`, school.tokens.admin)).status).toBe(404);

    for (const token of [school.tokens.alice, school.tokens.staff, school.tokens.manager]) {
      expect(codes(await api.gql(PREVIEW_ERASURE, { userId: alice }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(ERASE, { userId: alice, confirm: school.users.alice.email }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(PREVIEW_RETENTION, { kind: 'CLOSED_TICKETS' }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(SET_RULE, { kind: 'CLOSED_TICKETS', afterDays: 365, enabled: true }, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql('{ retentionRules { kind } }', {}, { token }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql('{ privacyPeople(search: "alice") { id } }', {}, { token }))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await api.gql('{ retentionRules { kind } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('previews an erasure without writing, then erases: tickets stay under “Former student”, no sign-in, no email', async () => {
    const student = await createUser(api.db.prisma, 'STUDENT', { name: 'Erin Erasable' });
    const token = await signIn(api, student.email);
    const ticketId = await report(token, 'Cannot reach the wifi');
    await api.db.prisma.externalIdentity.create({ data: { userId: student.id, issuer: 'https://idp.school.test', subject: 'erin-1' } });
    const admin = { token: school.tokens.admin };
    const found = await api.gql('{ privacyPeople(search: "erasable") { id name } }', {}, admin);
    expect(found.data!.privacyPeople).toEqual([{ id: userId(student), name: 'Erin Erasable' }]);

    const snapshot = async () => ({
      user: await api.db.prisma.user.findUniqueOrThrow({ where: { id: student.id } }),
      sessions: await api.db.prisma.session.count({ where: { userId: student.id } }),
      emails: await api.db.prisma.emailMessage.count({ where: { toAddress: student.email } }),
      ticket: await api.db.prisma.ticket.findFirstOrThrow({ where: { requesterId: student.id } }),
    });
    const before = await snapshot();
    const searchedByName = async () =>
      (await api.gql('{ searchTickets(query: "Erasable", first: 5) { edges { node { id } } } }', {}, admin)).data!.searchTickets.edges;
    expect(await searchedByName()).toEqual([{ node: { id: ticketId } }]);
    const preview = await api.gql(PREVIEW_ERASURE, { userId: userId(student) }, admin);
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewErasure.refusal).toBeNull();
    const counts = Object.fromEntries(
      preview.data!.previewErasure.changes.map((change: { table: string; count: number }) => [change.table, change.count]),
    );
    expect(counts).toMatchObject({ User: 1, Session: 1, ExternalIdentity: 1, Ticket: 1 });
    expect(await snapshot()).toEqual(before);

    const wrong = await api.gql(ERASE, { userId: userId(student), confirm: 'someone.else@school.test' }, admin);
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(await snapshot()).toEqual(before);

    const erased = await api.gql(ERASE, { userId: userId(student), confirm: student.email.toUpperCase() }, admin);
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.erasePerson.person).toMatchObject({ name: 'Former student', studentNumber: null });
    expect(erased.data!.erasePerson.person.email).toMatch(/^erased-.+@erased\.invalid$/);

    // The session she had ends at once; her password and her identity provider no longer sign her in.
    expect(codes(await api.gql('{ __typename }', {}, { token }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: student.email, password: PASSWORD }))).toEqual(['UNAUTHENTICATED']);
    expect(await api.db.prisma.externalIdentity.count({ where: { userId: student.id } })).toBe(0);

    const ticket = await api.db.prisma.ticket.findUniqueOrThrow({ where: { id: before.ticket.id } });
    expect(ticket).toMatchObject({
      title: 'Cannot reach the wifi',
      requesterId: student.id,
      contactName: 'Former student',
      studentNumber: null,
    });
    expect(ticket.contactEmail).toMatch(/@erased\.invalid$/);
    // Search forgets her too: the ticket's search text was rebuilt without her name.
    expect(await searchedByName()).toEqual([]);
    expect(await api.db.prisma.trackingCode.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await api.db.prisma.emailMessage.count({ where: { toAddress: student.email } })).toBe(0);

    // Staff answer her ticket: no email is written to anyone for it.
    await reply(ticketId, 'Is the wifi back?');
    expect(await api.db.prisma.emailMessage.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(smtp.received.some((mail) => mail.to === student.email && mail.text.includes('Is the wifi back?'))).toBe(false);

    const entry = await api.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'PERSON_ERASED', subjectId: student.id } });
    expect(JSON.stringify(entry.details)).not.toContain('Erin');
    expect(codes(await api.gql(PREVIEW_ERASURE, { userId: userId(student) }, admin))).toEqual([]);
    expect((await api.gql(PREVIEW_ERASURE, { userId: userId(student) }, admin)).data!.previewErasure.refusal).toMatch(
      /already been erased/,
    );
  });

  it('with her words removed, removes the files she sent too and queues their bytes for deletion; staff files stay', async () => {
    const student = await createUser(api.db.prisma, 'STUDENT', { name: 'Fay Files' });
    const ticketId = await report(await signIn(api, student.email), 'Screenshot of the error');
    const ticket = await api.db.prisma.ticket.findFirstOrThrow({ where: { requesterId: student.id } });
    const staffMessage = await api.db.prisma.message.create({
      data: { ticketId: ticket.id, authorId: school.users.staff.id, body: 'See the guide.' },
    });
    const file = (key: string, fields: { uploaderId?: string; messageId?: string }) => ({
      ticketId: ticket.id,
      filename: `${key}.png`,
      contentType: 'image/png',
      size: 3,
      storageKey: key,
      sha256: key,
      ...fields,
    });
    await api.db.prisma.attachment.createMany({
      data: [
        file(`fay-${ticketId}`, { uploaderId: student.id }),
        file(`staff-${ticketId}`, { uploaderId: school.users.staff.id, messageId: staffMessage.id }),
      ],
    });
    const admin = { token: school.tokens.admin };
    const ERASE_WORDS = `mutation($userId: ID!, $confirm: String!) { erasePerson(userId: $userId, confirm: $confirm, redactText: true) { changes { table count } } }`;
    const erased = await api.gql(ERASE_WORDS, { userId: userId(student), confirm: student.email }, admin);
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.erasePerson.changes).toContainEqual({ table: 'Attachment', count: 1 });
    expect((await api.db.prisma.attachment.findMany({ where: { ticketId: ticket.id } })).map((row) => row.storageKey)).toEqual([
      `staff-${ticketId}`,
    ]);
    expect(await api.db.prisma.attachmentFileToDelete.count({ where: { storageKey: `fay-${ticketId}` } })).toBe(1);
  });

  it('applies retention rules with the clock: exactly the expired rows go, the dry run removes nothing, the numbers stay', async () => {
    const prisma = api.db.prisma;
    const admin = { token: school.tokens.admin };
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
    const ticket = (title: string, closedAt: Date | null) => ({
      title,
      description: '-',
      status: closedAt ? ('CLOSED' as const) : ('OPEN' as const),
      priority: 'NORMAL' as const,
      channel: 'PORTAL' as const,
      categoryId: school.categories.login.id,
      departmentId: school.departments.it.id,
      contactName: 'Old student',
      contactEmail: 'old@example.edu',
      createdAt: closedAt ?? ago(5000),
      firstRespondedAt: closedAt,
      resolvedAt: closedAt,
      closedAt,
    });
    // More than one batch of expired tickets, and some that are not expired.
    const expired = Array.from({ length: RETENTION_BATCH + 7 }, (_, n) => ticket(`expired ${n}`, ago(400 + n)));
    await prisma.ticket.createMany({ data: [...expired, ticket('closed lately', ago(100)), ticket('open for ages', null)] });
    const satisfactionBefore = await prisma.satisfactionDay.findMany({ orderBy: [{ departmentId: 'asc' }, { day: 'asc' }] });
    const gone = await createUser(prisma, 'STUDENT', { name: 'Long Gone' });
    const recent = await createUser(prisma, 'STUDENT', { name: 'Recently Left' });
    await prisma.user.update({ where: { id: gone.id }, data: { deactivatedAt: ago(800) } });
    await prisma.user.update({ where: { id: recent.id }, data: { deactivatedAt: ago(10) } });

    expect(codes(await api.gql(SET_RULE, { kind: 'CLOSED_TICKETS', afterDays: 3, enabled: true }, admin))).toEqual(['BAD_USER_INPUT']);
    expect((await api.gql(SET_RULE, { kind: 'CLOSED_TICKETS', afterDays: 365, enabled: true }, admin)).errors).toBeUndefined();
    expect((await api.gql(SET_RULE, { kind: 'INACTIVE_STUDENTS', afterDays: 730, enabled: true }, admin)).errors).toBeUndefined();

    const total = await prisma.ticket.count();
    const dryRun = await api.gql(PREVIEW_RETENTION, { kind: 'CLOSED_TICKETS' }, admin);
    expect(dryRun.data!.previewRetention.count).toBe(expired.length);
    expect(dryRun.data!.previewRetention.sampleIds).toHaveLength(10);
    const students = await api.gql(PREVIEW_RETENTION, { kind: 'INACTIVE_STUDENTS' }, admin);
    expect(students.data!.previewRetention).toMatchObject({ count: 1, sampleIds: [userId(gone)] });
    expect(await prisma.ticket.count()).toBe(total);

    expect(await applyRetention(prisma, clock)).toEqual({ CLOSED_TICKETS: expired.length, INACTIVE_STUDENTS: 1 });
    expect(await prisma.ticket.count()).toBe(total - expired.length);
    expect(await prisma.ticket.count({ where: { title: { in: ['closed lately', 'open for ages'] } } })).toBe(2);
    expect(await prisma.user.findUnique({ where: { id: gone.id } })).toBeNull();
    expect(await prisma.user.findUnique({ where: { id: recent.id } })).not.toBeNull();
    expect(await prisma.satisfactionDay.findMany({ orderBy: [{ departmentId: 'asc' }, { day: 'asc' }] })).toEqual(satisfactionBefore);
    const rules = await api.gql('{ retentionRules { kind lastRunDeleted } }', {}, admin);
    expect(rules.data!.retentionRules).toEqual([
      { kind: 'CLOSED_TICKETS', lastRunDeleted: expired.length },
      { kind: 'INACTIVE_STUDENTS', lastRunDeleted: 1 },
    ]);

    // A year later, what was recent has expired too.
    clock.advance(365 * DAY);
    expect(await applyRetention(prisma, clock)).toEqual({ CLOSED_TICKETS: 1, INACTIVE_STUDENTS: 0 });
  });

  it('refuses one’s own account, and of two admins erasing each other at once exactly one succeeds', async () => {
    const ada = school.users.admin;
    expect(codes(await api.gql(ERASE, { userId: userId(ada), confirm: ada.email }, { token: school.tokens.admin }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    const otto = await createUser(api.db.prisma, 'ADMIN', { name: 'Otto Otheradmin' });
    const ottoToken = await signIn(api, otto.email);
    const answers = await Promise.all([
      api.gql(ERASE, { userId: userId(otto), confirm: otto.email }, { token: school.tokens.admin }),
      api.gql(ERASE, { userId: userId(ada), confirm: ada.email }, { token: ottoToken }),
    ]);
    expect(answers.map(codes).sort()).toEqual([[], ['BAD_USER_INPUT']]);
    expect(answers.find((answer) => answer.errors)!.errors![0]!.message).toMatch(/last active admin/);
    expect(await api.db.prisma.user.count({ where: { role: 'ADMIN', deactivatedAt: null } })).toBe(1);
  });
});

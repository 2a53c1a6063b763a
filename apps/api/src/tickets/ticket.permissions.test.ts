// Who may see and do what, proved from the outside over HTTP: each denial carries the right code
// and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, RATE, REPLY, REPORT_PROBLEM, RESOLVE, SATISFACTION, TICKET, TRACK_TICKET } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

describe.each(DATABASE_KINDS)('permissions on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let aliceTicketId: string;
  let guestTicket: { id: string; trackingCode: string };
  let noteId: string;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const alices = await api.gql(
      REPORT_PROBLEM,
      {
        input: { categoryId: school.categoryIds.login, title: 'Email bounces', description: 'My student email bounces everything.' },
      },
      { token: school.tokens.alice },
    );
    aliceTicketId = alices.data!.reportProblem.ticket.id;
    const note = await api.gql(
      REPLY,
      { input: { ticketId: aliceTicketId, body: 'Mailbox over quota; ask her to clean up.', internal: true } },
      { token: school.tokens.staff },
    );
    noteId = note.data!.reply.id;
    await api.gql(
      REPLY,
      { input: { ticketId: aliceTicketId, body: 'Your mailbox is full. Could you delete old mail?' } },
      { token: school.tokens.staff },
    );
    const guests = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.fees,
        title: 'Charged twice',
        description: 'The tuition fee was taken twice.',
        contactName: 'G. Uest',
        contactEmail: 'guest@example.edu',
      },
    });
    guestTicket = { id: guests.data!.reportProblem.ticket.id, trackingCode: guests.data!.reportProblem.trackingCode };
  });
  afterAll(() => api?.close());

  it('shows a student their own ticket without the internal note', async () => {
    const response = await api.gql(TICKET, { id: aliceTicketId }, { token: school.tokens.alice });
    expect(response.errors).toBeUndefined();
    const messages = response.data!.ticket.messages.edges.map((edge: any) => edge.node);
    expect(messages).toEqual([{ body: 'Your mailbox is full. Could you delete old mail?', internal: false }]);
    expect(response.data!.ticket.history.map((event: any) => event.type)).not.toContain('NOTE_ADDED');
    expect(response.data!.ticket.predictedScore).toBeNull();
  });

  it('forbids student B from reading student A’s ticket', async () => {
    const response = await api.gql(TICKET, { id: aliceTicketId }, { token: school.tokens.bob });
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(response.data?.ticket).toBeNull();
  });

  it('asks an anonymous caller to authenticate', async () => {
    expect(codes(await api.gql(TICKET, { id: aliceTicketId }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql('{ tickets { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('forbids a student from reading an internal note through node(id:)', async () => {
    const response = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on Message { body } } }',
      { id: noteId },
      { token: school.tokens.alice },
    );
    expect(codes(response)).toEqual(['FORBIDDEN']);
    const staff = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on Message { body internal } } }',
      { id: noteId },
      { token: school.tokens.staff },
    );
    expect(staff.data!.node).toEqual({ body: 'Mailbox over quota; ask her to clean up.', internal: true });
  });

  it('refuses a student who tries to add an internal note, and writes nothing', async () => {
    const before = await api.db.prisma.message.count();
    const response = await api.gql(
      REPLY,
      { input: { ticketId: aliceTicketId, body: 'sneaky', internal: true } },
      { token: school.tokens.alice },
    );
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(await api.db.prisma.message.count()).toBe(before);
  });

  it('opens a guest ticket only with the right tracking code', async () => {
    const right = await api.gql(TRACK_TICKET, { code: guestTicket.trackingCode });
    expect(right.data!.trackTicket.id).toBe(guestTicket.id);
    const wrong = await api.gql(TRACK_TICKET, { code: `${guestTicket.trackingCode.slice(0, -2)}xx` });
    expect(codes(wrong)).toEqual(['NOT_FOUND']);
    expect(wrong.data?.trackTicket).toBeNull();
    // The code opens that ticket only, and not by ID either.
    expect(codes(await api.gql(TICKET, { id: guestTicket.id }))).toEqual(['UNAUTHENTICATED']);
    const otherTicket = await api.gql(REPLY, { input: { ticketId: aliceTicketId, body: 'hello', trackingCode: guestTicket.trackingCode } });
    expect(codes(otherTicket)).toEqual(['UNAUTHENTICATED']);
  });

  it('keeps staff-only mutations from students', async () => {
    const resolve = await api.gql(RESOLVE, { input: { ticketId: aliceTicketId, resolution: 'done' } }, { token: school.tokens.alice });
    expect(codes(resolve)).toEqual(['FORBIDDEN']);
    const assign = await api.gql(
      ASSIGN,
      { ticketId: aliceTicketId, assigneeId: toGlobalId('User', school.users.staff.id) },
      { token: school.tokens.alice },
    );
    expect(codes(assign)).toEqual(['FORBIDDEN']);
    const status = await api.gql(
      'mutation($id: ID!) { updateTicketStatus(ticketId: $id, status: WAITING_ON_STUDENT) { status } }',
      { id: aliceTicketId },
      { token: school.tokens.alice },
    );
    expect(codes(status)).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(SATISFACTION, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    const ticket = await api.db.prisma.ticket.findFirstOrThrow({ where: { title: 'Email bounces' } });
    expect(ticket.status).toBe('OPEN');
    expect(ticket.assigneeId).toBeNull();
  });

  it('keeps staff of another department out of a ticket', async () => {
    expect(codes(await api.gql(TICKET, { id: aliceTicketId }, { token: school.tokens.otherStaff }))).toEqual(['FORBIDDEN']);
    const resolve = await api.gql(RESOLVE, { input: { ticketId: aliceTicketId, resolution: 'x' } }, { token: school.tokens.otherStaff });
    expect(codes(resolve)).toEqual(['FORBIDDEN']);
  });

  it('lists for each viewer only the tickets they may see', async () => {
    const query = '{ tickets(first: 100) { totalCount edges { node { id } } } }';
    const idsFor = async (token: string) => (await api.gql(query, {}, { token })).data!.tickets.edges.map((edge: any) => edge.node.id);
    expect(await idsFor(school.tokens.alice)).toEqual([aliceTicketId]);
    expect(await idsFor(school.tokens.bob)).toEqual([]);
    expect(await idsFor(school.tokens.staff)).toEqual([aliceTicketId]);
    expect(await idsFor(school.tokens.otherStaff)).toEqual([guestTicket.id]);
    expect((await idsFor(school.tokens.admin)).sort()).toEqual([aliceTicketId, guestTicket.id].sort());
  });

  it('lets only the reporter rate, not staff', async () => {
    await api.gql(
      RESOLVE,
      { input: { ticketId: guestTicket.id, resolution: 'Refunded the second charge.' } },
      { token: school.tokens.otherStaff },
    );
    const byStaff = await api.gql(
      RATE,
      { input: { ticketId: guestTicket.id, score: 5, expectation: 'MET' } },
      { token: school.tokens.otherStaff },
    );
    expect(codes(byStaff)).toEqual(['FORBIDDEN']);
    const byStranger = await api.gql(
      RATE,
      { input: { ticketId: guestTicket.id, score: 1, expectation: 'BELOW' } },
      { token: school.tokens.bob },
    );
    expect(codes(byStranger)).toEqual(['FORBIDDEN']);
    expect(await api.db.prisma.rating.count()).toBe(0);
  });

  it('shows staff numbers only for their own department, managers every department', async () => {
    const staff = await api.gql(SATISFACTION, {}, { token: school.tokens.staff });
    expect(staff.data!.satisfaction.byDepartment.map((row: any) => row.department.name)).toEqual(['IT']);
    const manager = await api.gql(SATISFACTION, {}, { token: school.tokens.manager });
    expect(manager.data!.satisfaction.byDepartment.map((row: any) => row.department.name)).toEqual(['Financial Aid', 'IT']);
  });

  it('rejects a forged or expired bearer token with 401', async () => {
    const response = await api.gql('{ me { name } }', {}, { token: `${school.tokens.alice}x` });
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

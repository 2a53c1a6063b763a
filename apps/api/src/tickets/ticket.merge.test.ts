// Merging a duplicate report into the ticket that stays, over HTTP: the conversation interleaves in
// time, both histories say so, the student hears of it once, old tracking links open the kept
// ticket, and every refusal (rule or permission) leaves the database exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM, RESOLVE, TICKET, TRACK_TICKET } from '../test/operations.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';

const MERGE = /* GraphQL */ `
  mutation Merge($input: MergeTicketsInput!) {
    mergeTickets(input: $input) {
      id
      number
      status
      mergedInto {
        id
      }
    }
  }
`;

const MERGED_INTO = /* GraphQL */ `
  query MergedInto($id: ID!) {
    ticket(id: $id) {
      status
      mergedInto {
        id
        number
      }
    }
  }
`;

const MY_OPEN_REPORTS = /* GraphQL */ `
  query MyReports {
    tickets(first: 50, filter: { merged: false }) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('merging tickets on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const as = (person: keyof School['tokens']) => ({ token: school.tokens[person] });
  const rowId = (globalId: string) => parseGlobalId(globalId)!.id;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  async function report(person: 'alice' | 'bob' | null, title: string, categoryId = school.categoryIds.login) {
    const guest = { contactName: 'Alice Student', contactEmail: school.users.alice.email };
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId, title, description: `${title}, in detail.`, ...(person ? {} : guest) } },
      person ? as(person) : {},
    );
    expect(reported.errors).toBeUndefined();
    return reported.data!.reportProblem as { ticket: { id: string; number: string }; trackingCode: string };
  }

  /** A message from a signed-in person, or from a guest holding the tracking code. */
  async function say(ticketId: string, body: string, by: keyof School['tokens'] | { trackingCode: string }) {
    const said =
      typeof by === 'string'
        ? await api.gql(REPLY, { input: { ticketId, body } }, as(by))
        : await api.gql(REPLY, { input: { ticketId, body, trackingCode: by.trackingCode } });
    expect(said.errors).toBeUndefined();
  }

  /** Everything a merge writes, counted: a refused merge must leave every number as it was. */
  async function footprint() {
    const prisma = api.db.prisma;
    const [messages, events, emails, webhooks, codesByTicket, merged, closed] = await Promise.all([
      prisma.message.groupBy({ by: ['ticketId'], _count: true, orderBy: { ticketId: 'asc' } }),
      prisma.ticketEvent.count(),
      prisma.emailMessage.count(),
      prisma.outboxEvent.count(),
      prisma.trackingCode.groupBy({ by: ['ticketId'], _count: true, orderBy: { ticketId: 'asc' } }),
      prisma.ticket.count({ where: { mergedIntoId: { not: null } } }),
      prisma.ticket.count({ where: { status: 'CLOSED' } }),
    ]);
    return { messages, events, emails, webhooks, codesByTicket, merged, closed };
  }

  async function expectRefused(input: Record<string, unknown>, code: string, options: { token?: string } = as('staff')) {
    const before = await footprint();
    const refused = await api.gql(MERGE, { input }, options);
    expect(codes(refused)).toEqual([code]);
    expect(refused.data?.mergeTickets ?? null).toBeNull();
    expect(await footprint()).toEqual(before);
    return refused.errors![0]!;
  }

  it('moves the duplicate’s conversation into the kept ticket, in time order, closes it and tells the student once', async () => {
    // Alice reports in the portal, then again as a guest by email address; staff work both.
    const kept = await report('alice', 'Wi-Fi drops in the library');
    const duplicate = await report(null, 'Library Wi-Fi keeps disconnecting');
    await say(kept.ticket.id, 'Which floor are you on?', 'staff');
    await say(duplicate.ticket.id, 'Second floor, near the windows.', duplicate);
    await say(kept.ticket.id, 'Thanks, we are looking at the access point.', 'staff');
    const emailsBefore = await api.db.prisma.emailMessage.count({ where: { kind: 'TICKETS_MERGED' } });

    const merged = await api.gql(
      MERGE,
      { input: { sourceId: duplicate.ticket.id, targetId: kept.ticket.id, note: 'Same access point.' } },
      as('staff'),
    );
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeTickets).toMatchObject({ id: kept.ticket.id, number: kept.ticket.number, mergedInto: null });

    const staffView = (await api.gql(TICKET, { id: kept.ticket.id }, as('staff'))).data!.ticket;
    expect(staffView.messages.edges.map((edge: any) => edge.node.body)).toEqual([
      'Which floor are you on?',
      'Second floor, near the windows.',
      'Thanks, we are looking at the access point.',
      `${duplicate.ticket.number} (“Library Wi-Fi keeps disconnecting”) was merged into this ticket by Sam Staff: its conversation is here now.\n\nSame access point.`,
    ]);
    expect(staffView.messages.edges.at(-1).node.internal).toBe(true);
    expect(staffView.history.at(-1)).toMatchObject({ type: 'MERGED', fromStatus: null, toStatus: null, actor: { name: 'Sam Staff' } });

    const source = (await api.gql(TICKET, { id: duplicate.ticket.id }, as('staff'))).data!.ticket;
    expect(source.status).toBe('CLOSED');
    expect(source.messages.edges).toEqual([]);
    expect(source.history.at(-1)).toMatchObject({ type: 'MERGED', fromStatus: 'NEW', toStatus: 'CLOSED', actor: { name: 'Sam Staff' } });

    const pointer = await api.gql(MERGED_INTO, { id: duplicate.ticket.id }, as('staff'));
    expect(pointer.data!.ticket).toEqual({ status: 'CLOSED', mergedInto: { id: kept.ticket.id, number: kept.ticket.number } });

    // The guest's old tracking link opens the kept ticket, never the internal note.
    const tracked = await api.gql(TRACK_TICKET, { code: duplicate.trackingCode });
    expect(tracked.data!.trackTicket.id).toBe(kept.ticket.id);
    expect(tracked.data!.trackTicket.messages.edges.map((edge: any) => edge.node.internal)).toEqual([false, false, false]);

    // One email, to the duplicate's reporter, with a link that opens the kept ticket.
    const emails = await api.db.prisma.emailMessage.findMany({ where: { kind: 'TICKETS_MERGED' } });
    expect(emails).toHaveLength(emailsBefore + 1);
    const email = emails.at(-1)!;
    expect(email.toAddress).toBe(school.users.alice.email.toLowerCase());
    expect(email.ticketId).toBe(rowId(kept.ticket.id));
    expect(email.text).toContain(`${duplicate.ticket.number} ("Library Wi-Fi keeps disconnecting") and ${kept.ticket.number}`);
    const link = email.text.match(/\/track\/(sdt_[\w-]+)/)![1]!;
    expect((await api.gql(TRACK_TICKET, { code: decodeURIComponent(link) })).data!.trackTicket.id).toBe(kept.ticket.id);

    // Webhooks hear that the duplicate was closed.
    const outbox = await api.db.prisma.outboxEvent.findMany({ where: { type: 'ticket.status_changed' } });
    expect(
      outbox.some((event) => (event.payload as any).ticket.id === duplicate.ticket.id && (event.payload as any).ticket.status === 'CLOSED'),
    ).toBe(true);
  });

  it('refuses what breaks a rule, with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const kept = await report('alice', 'Printer out of toner');
    const duplicate = await report('alice', 'Printer prints blank pages');
    const other = await report('alice', 'Printer jams');
    const bobs = await report('bob', 'Printer in room 12 offline');
    await say(duplicate.ticket.id, 'Still blank this morning.', 'alice');

    const itself = await expectRefused({ sourceId: kept.ticket.id, targetId: kept.ticket.id }, 'BAD_USER_INPUT');
    expect(itself.extensions!.field).toBe('targetId');

    const strangers = await expectRefused({ sourceId: bobs.ticket.id, targetId: kept.ticket.id }, 'BAD_USER_INPUT');
    expect(strangers.extensions!.field).toBe('targetId');
    expect(strangers.message).toContain('Link both to an incident instead.');

    // Closed: resolved, then closed for good.
    const closed = await report('alice', 'Printer driver missing');
    await api.gql(RESOLVE, { input: { ticketId: closed.ticket.id, resolution: 'Installed the driver.' } }, as('staff'));
    const closing = await api.gql(
      'mutation($id: ID!) { updateTicketStatus(ticketId: $id, status: CLOSED) { status } }',
      { id: closed.ticket.id },
      as('staff'),
    );
    expect(closing.data!.updateTicketStatus.status).toBe('CLOSED');
    expect((await expectRefused({ sourceId: duplicate.ticket.id, targetId: closed.ticket.id }, 'BAD_USER_INPUT')).extensions!.field).toBe(
      'targetId',
    );

    const merged = await api.gql(MERGE, { input: { sourceId: duplicate.ticket.id, targetId: kept.ticket.id } }, as('staff'));
    expect(merged.errors).toBeUndefined();
    // The student's old ticket points at the one that stays, and "My tickets" leaves it out.
    const aliceView = await api.gql(MERGED_INTO, { id: duplicate.ticket.id }, as('alice'));
    expect(aliceView.data!.ticket).toEqual({ status: 'CLOSED', mergedInto: { id: kept.ticket.id, number: kept.ticket.number } });
    const mine = (await api.gql(MY_OPEN_REPORTS, {}, as('alice'))).data!.tickets.edges.map((edge: any) => edge.node.id);
    expect(mine).toContain(kept.ticket.id);
    expect(mine).not.toContain(duplicate.ticket.id);
    const again = await expectRefused({ sourceId: duplicate.ticket.id, targetId: other.ticket.id }, 'BAD_USER_INPUT');
    expect(again.extensions!.field).toBe('sourceId');
    const intoMerged = await expectRefused({ sourceId: other.ticket.id, targetId: duplicate.ticket.id }, 'BAD_USER_INPUT');
    expect(intoMerged.extensions!.field).toBe('targetId');

    await expectRefused({ sourceId: other.ticket.id, targetId: 'not-an-id' }, 'BAD_USER_INPUT');
    await expectRefused({ sourceId: other.ticket.id, targetId: toGlobalId('Ticket', '00000000-0000-7000-8000-000000000000') }, 'NOT_FOUND');
  });

  it('refuses callers who do not work both tickets, and writes nothing', async () => {
    const kept = await report('alice', 'Cannot open the timetable');
    const duplicate = await report('alice', 'Timetable page is blank');
    const fees = await report('alice', 'Invoice shows the timetable fee twice', school.categoryIds.fees);
    const input = { sourceId: duplicate.ticket.id, targetId: kept.ticket.id };

    await expectRefused(input, 'UNAUTHENTICATED', {});
    await expectRefused(input, 'FORBIDDEN', as('alice'));
    await expectRefused(input, 'FORBIDDEN', as('otherStaff'));
    // IT staff do not work the Financial Aid ticket, Financial Aid staff not the IT one.
    await expectRefused({ sourceId: fees.ticket.id, targetId: kept.ticket.id }, 'FORBIDDEN', as('staff'));
    await expectRefused({ sourceId: duplicate.ticket.id, targetId: fees.ticket.id }, 'FORBIDDEN', as('otherStaff'));
    // An admin works every ticket.
    expect((await api.gql(MERGE, { input: { sourceId: fees.ticket.id, targetId: kept.ticket.id } }, as('admin'))).errors).toBeUndefined();
    // Financial Aid still reads its closed duplicate, but not IT's ticket it went into: not even its number.
    expect((await api.gql(MERGED_INTO, { id: fees.ticket.id }, as('admin'))).data!.ticket.mergedInto.id).toBe(kept.ticket.id);
    const financeSees = await api.gql(MERGED_INTO, { id: fees.ticket.id }, as('otherStaff'));
    expect(financeSees.errors).toBeUndefined();
    expect(financeSees.data!.ticket).toMatchObject({ status: 'CLOSED', mergedInto: null });
  });

  it('lets only one of two merges of the same duplicate happen; the other leaves its target untouched', async () => {
    const duplicate = await report('alice', 'Email quota full');
    const first = await report('alice', 'Mailbox says it is full');
    const second = await report('alice', 'Cannot receive email');
    await say(duplicate.ticket.id, 'It started yesterday.', 'alice');
    const targets = [first, second];
    const untouched = await Promise.all(targets.map((target) => api.gql(TICKET, { id: target.ticket.id }, as('staff'))));

    const results = await Promise.all(
      targets.map((target) => api.gql(MERGE, { input: { sourceId: duplicate.ticket.id, targetId: target.ticket.id } }, as('staff'))),
    );
    const winners = results.filter((result) => !result.errors);
    expect(winners).toHaveLength(1);
    const loser = results.findIndex((result) => result.errors);
    // Refused before writing (already merged) or inside the transaction (changed meanwhile), rolled back.
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codes(results[loser]!)[0]);
    const loserNow = await api.gql(TICKET, { id: targets[loser]!.ticket.id }, as('staff'));
    expect(loserNow.data!.ticket).toEqual(untouched[loser]!.data!.ticket);
    expect(await api.db.prisma.message.count({ where: { ticketId: rowId(targets[1 - loser]!.ticket.id) } })).toBe(2);
  });
});

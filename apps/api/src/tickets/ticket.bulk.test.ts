// Bulk updates from the queue over HTTP: all or nothing, the same history and webhook events as the
// single-ticket mutations, and an undo that works once, within 10 seconds (a test clock moves time),
// for the tickets nobody changed since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketStatus } from '@studentdesk/domain';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { TestClock } from '../test/clock.js';

const BULK_UPDATE = /* GraphQL */ `
  mutation Bulk($input: BulkUpdateTicketsInput!) {
    bulkUpdateTickets(input: $input) {
      tickets {
        id
        status
        priority
        assignee {
          name
        }
      }
      undoToken
      undoExpiresAt
    }
  }
`;

const UNDO = /* GraphQL */ `
  mutation Undo($token: String!) {
    undoBulkUpdate(undoToken: $token) {
      restored {
        id
        status
        priority
        assignee {
          name
        }
      }
      skipped {
        ticketId
        number
        reason
      }
    }
  }
`;

const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    ticket(id: $id) {
      history {
        type
        fromStatus
        toStatus
        bulkUpdate
        undoesBulkUpdate
        actor {
          name
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('bulk updates on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const clock = new TestClock();

  beforeAll(async () => {
    api = await startTestApi(kind, {}, undefined, clock);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  /** `count` tickets of a department, written straight to the database; their global IDs. */
  const ticketsIn = async (count: number, status: TicketStatus = 'OPEN', department: 'it' | 'finance' = 'it') => {
    const resolved = status === 'RESOLVED' || status === 'CLOSED';
    const rows = await api.db.prisma.ticket.createManyAndReturn({
      data: Array.from({ length: count }, (_, index) => ({
        title: `Printer ${index} jams`,
        description: 'Paper everywhere.',
        priority: 'NORMAL' as const,
        channel: 'PORTAL' as const,
        status,
        categoryId: school.categories[department === 'it' ? 'login' : 'fees'].id,
        departmentId: school.departments[department].id,
        requesterId: school.users.alice.id,
        contactName: school.users.alice.name,
        contactEmail: school.users.alice.email,
        resolvedAt: resolved ? clock.now() : null,
        createdAt: clock.now(),
      })),
    });
    return rows.map((row) => toGlobalId('Ticket', row.id));
  };
  /** The tickets' rows, in the order of `ids`. */
  const rowsOf = async (ids: string[]) => {
    const rowIds = ids.map((id) => parseGlobalId(id)!.id);
    const rows = await api.db.prisma.ticket.findMany({ where: { id: { in: rowIds } } });
    return rowIds.map((id) => rows.find((row) => row.id === id)!);
  };
  const bulk = (input: Record<string, unknown>, token = school.tokens.staff) => api.gql(BULK_UPDATE, { input }, { token });
  const undo = (undoToken: string, token = school.tokens.staff) => api.gql(UNDO, { token: undoToken }, { token });
  const outboxCount = () => api.db.prisma.outboxEvent.count();

  it('assigns and closes many tickets at once, with the history and webhook events of single changes, and undoes it', async () => {
    const ids = await ticketsIn(3, 'RESOLVED');
    const outboxBefore = await outboxCount();
    const done = await bulk({
      ticketIds: ids,
      status: 'CLOSED',
      assigneeId: toGlobalId('User', school.users.manager.id),
      priority: 'HIGH',
    });
    expect(done.errors).toBeUndefined();
    const payload = done.data!.bulkUpdateTickets;
    expect(payload.tickets).toEqual(ids.map((id) => ({ id, status: 'CLOSED', priority: 'HIGH', assignee: { name: 'Maya Manager' } })));
    expect(payload.undoToken).toMatch(/^sdu_[\w-]{43}$/);
    expect(new Date(payload.undoExpiresAt).getTime()).toBe(clock.now().getTime() + 10_000);
    // One status_changed and one assigned event per ticket, as the single mutations write.
    expect((await outboxCount()) - outboxBefore).toBe(6);
    const closed = await rowsOf(ids);
    expect(closed.every((ticket) => ticket.closedAt?.getTime() === clock.now().getTime())).toBe(true);
    const history = (await api.gql(HISTORY, { id: ids[0] }, { token: school.tokens.staff })).data!.ticket.history;
    expect(history.filter((event: { bulkUpdate: boolean }) => event.bulkUpdate).map((event: { type: string }) => event.type)).toEqual([
      'STATUS_CHANGED',
      'ASSIGNED',
      'PRIORITY_CHANGED',
    ]);

    clock.advance(9_000);
    const undone = await undo(payload.undoToken);
    expect(undone.errors).toBeUndefined();
    expect(undone.data!.undoBulkUpdate).toEqual({
      restored: ids.map((id) => ({ id, status: 'RESOLVED', priority: 'NORMAL', assignee: null })),
      skipped: [],
    });
    expect((await rowsOf(ids)).every((ticket) => ticket.closedAt === null && ticket.resolvedAt !== null)).toBe(true);
    const after = (await api.gql(HISTORY, { id: ids[0] }, { token: school.tokens.staff })).data!.ticket.history;
    const undoEvents = after.filter((event: { undoesBulkUpdate: boolean }) => event.undoesBulkUpdate);
    expect(undoEvents.map((event: { type: string }) => event.type)).toEqual(['STATUS_CHANGED', 'ASSIGNED', 'PRIORITY_CHANGED']);
    expect(undoEvents[0]).toMatchObject({ fromStatus: 'CLOSED', toStatus: 'RESOLVED', actor: { name: 'Sam Staff' } });
    expect((await outboxCount()) - outboxBefore).toBe(12);

    // A second use is too late.
    const again = await undo(payload.undoToken);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0]!.message).toMatch(/too late to undo/i);
  });

  it('refuses the whole batch when one ticket is not the caller’s, naming how many, and writes nothing', async () => {
    const ours = await ticketsIn(4);
    const [theirs] = await ticketsIn(1, 'OPEN', 'finance');
    const [eventsBefore, bulkUpdatesBefore] = await Promise.all([api.db.prisma.ticketEvent.count(), api.db.prisma.bulkUpdate.count()]);
    const refused = await bulk({ ticketIds: [...ours, theirs!], status: 'WAITING_ON_STUDENT' });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0]!.message).toMatch(/^1 of the 5 tickets/);
    expect((await rowsOf(ours)).map((ticket) => ticket.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN']);
    expect(await api.db.prisma.ticketEvent.count()).toBe(eventsBefore);
    expect(await api.db.prisma.bulkUpdate.count()).toBe(bulkUpdatesBefore);
  });

  it('refuses a status some ticket cannot take, and resolving in bulk, naming the tickets', async () => {
    const [open] = await ticketsIn(1, 'OPEN');
    const [resolved] = await ticketsIn(1, 'RESOLVED');
    const closing = await bulk({ ticketIds: [open, resolved], status: 'CLOSED' });
    expect(codes(closing)).toEqual(['BAD_USER_INPUT']);
    expect(closing.errors![0]!.message).toMatch(/^1 of the tickets cannot become closed: SD-\d+/);
    expect((await rowsOf([resolved!]))[0]!.status).toBe('RESOLVED');
    expect(codes(await bulk({ ticketIds: [open], status: 'RESOLVED' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses more than 500 tickets, and a batch with nothing to change', async () => {
    const [id] = await ticketsIn(1);
    const tooMany = await bulk({ ticketIds: Array.from({ length: 501 }, () => id), priority: 'LOW' });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.message).toBe('Change at most 500 tickets at once.');
    expect(codes(await bulk({ ticketIds: [id] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('undoes only the tickets nobody changed since, and reports the others', async () => {
    const ids = await ticketsIn(3, 'NEW');
    const done = await bulk({ ticketIds: ids, assigneeId: toGlobalId('User', school.users.staff.id) });
    // Picking up a new ticket opens it, as assignTicket does.
    expect(done.data!.bulkUpdateTickets.tickets.map((ticket: { status: string }) => ticket.status)).toEqual(['OPEN', 'OPEN', 'OPEN']);
    const colleague = await api.gql(
      'mutation($id: ID!) { changeTicketPriority(ticketId: $id, priority: URGENT) { id } }',
      { id: ids[1] },
      { token: school.tokens.manager },
    );
    expect(colleague.errors).toBeUndefined();
    const undone = await undo(done.data!.bulkUpdateTickets.undoToken);
    expect(undone.errors).toBeUndefined();
    const { restored, skipped } = undone.data!.undoBulkUpdate;
    expect(restored).toEqual([ids[0], ids[2]].map((id) => ({ id, status: 'NEW', priority: 'NORMAL', assignee: null })));
    expect(skipped).toEqual([
      { ticketId: ids[1], number: expect.stringMatching(/^SD-\d+$/), reason: 'Someone changed this ticket after your bulk change.' },
    ]);
    expect((await rowsOf([ids[1]!]))[0]).toMatchObject({ status: 'OPEN', priority: 'URGENT', assigneeId: school.users.staff.id });
  });

  it('refuses an undo after 10 seconds, and leaves the tickets as they are', async () => {
    const ids = await ticketsIn(2);
    const done = await bulk({ ticketIds: ids, priority: 'LOW' });
    clock.advance(10_000);
    const late = await undo(done.data!.bulkUpdateTickets.undoToken);
    expect(codes(late)).toEqual(['BAD_USER_INPUT']);
    expect(late.errors![0]!.message).toMatch(/too late to undo/i);
    expect((await rowsOf(ids)).map((ticket) => ticket.priority)).toEqual(['LOW', 'LOW']);
  });

  it('refuses students, staff of another department and anonymous callers, for the update and its undo', async () => {
    const ids = await ticketsIn(2);
    const input = { ticketIds: ids, priority: 'URGENT' };
    expect(codes(await bulk(input, school.tokens.alice))).toEqual(['FORBIDDEN']);
    expect(codes(await bulk(input, school.tokens.otherStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(BULK_UPDATE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect((await rowsOf(ids)).map((ticket) => ticket.priority)).toEqual(['NORMAL', 'NORMAL']);

    const { undoToken } = (await bulk(input)).data!.bulkUpdateTickets;
    expect(codes(await undo(undoToken, school.tokens.alice))).toEqual(['FORBIDDEN']);
    expect(codes(await undo(undoToken, school.tokens.otherStaff))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(UNDO, { token: undoToken }))).toEqual(['UNAUTHENTICATED']);
    expect((await rowsOf(ids)).map((ticket) => ticket.priority)).toEqual(['URGENT', 'URGENT']);
  });

  it('closes 500 tickets in one request, in a handful of statements', async () => {
    const statementsFor = async (count: number) => {
      const ids = await ticketsIn(count, 'RESOLVED');
      api.queries.length = 0;
      const done = await bulk({ ticketIds: ids, status: 'CLOSED' });
      expect(done.errors).toBeUndefined();
      expect(done.data!.bulkUpdateTickets.tickets).toHaveLength(count);
      return api.queries.length;
    };
    await statementsFor(2); // the first request of a session also writes when it was last seen
    const [few, many] = [await statementsFor(2), await statementsFor(500)];
    // Batched writes (large batches are split in a few chunks), not a round of statements per
    // ticket, which took ~5 s for 500 here: 10 statements for 2 tickets, 14 for 500 when written.
    expect(many, `${few} statements for 2 tickets, ${many} for 500`).toBeLessThan(few + 10);
  });
});

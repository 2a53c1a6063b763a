// The queue: every relation batched (SQL statements do not grow with the page size), keyset
// pagination that neither skips nor repeats, and the filters staff work with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketEventType } from '@studentdesk/db';
import { codes, createSchool, createUser, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { toGlobalId } from '../relay/global-id.js';

const QUEUE = /* GraphQL */ `
  query Queue($first: Int, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {
    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          number
          title
          status
          priority
          slaBreached
          resolutionDueAt
          firstResponseDueAt
          category {
            name
            department {
              name
            }
          }
          department {
            name
          }
          requester {
            name
            email
          }
          assignee {
            name
          }
          rating {
            score
          }
          messages(first: 3) {
            edges {
              node {
                body
              }
            }
          }
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('the ticket queue on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const TICKETS = 120;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const prisma = api.db.prisma;
    const students = await Promise.all(Array.from({ length: 6 }, () => createUser(prisma, 'STUDENT')));
    const base = Date.UTC(2026, 0, 5, 12);
    const statuses = ['NEW', 'OPEN', 'WAITING_ON_STUDENT', 'RESOLVED', 'CLOSED'] as const;
    // Rows written directly: this test is about reading lists, not about reporting.
    for (let i = 0; i < TICKETS; i += 1) {
      const createdAt = new Date(base + i * 3_600_000);
      const status = statuses[i % statuses.length]!;
      const resolved = status === 'RESOLVED' || status === 'CLOSED';
      const student = students[i % students.length]!;
      const ticket = await prisma.ticket.create({
        data: {
          title: i % 10 === 0 ? `Wi-Fi drops in Dorm B (${i})` : `Printer jam ${i}`,
          description: 'Details of the problem.',
          status,
          priority: i % 7 === 0 ? 'HIGH' : 'NORMAL',
          channel: 'PORTAL',
          categoryId: school.categories.login.id,
          departmentId: school.departments.it.id,
          requesterId: student.id,
          contactName: student.name,
          contactEmail: student.email,
          assigneeId: i % 3 === 0 ? null : school.users.staff.id,
          createdAt,
          // Every fourth ticket is already late; the rest are due in the far future.
          resolutionDueAt: new Date(i % 4 === 0 ? base - 86_400_000 + i * 1000 : Date.UTC(2099, 0, 1) + i * 60_000),
          firstResponseDueAt: new Date(Date.UTC(2099, 0, 1)),
          firstRespondedAt: createdAt,
          resolvedAt: resolved ? new Date(createdAt.getTime() + 1800_000) : null,
          messages: { create: [{ body: `First message ${i}`, authorId: student.id, createdAt }] },
          events: { create: [{ type: TicketEventType.CREATED, toStatus: 'NEW', createdAt }] },
          ...(resolved && i % 2 === 0
            ? { rating: { create: { score: 4, expectation: 'MET', departmentId: school.departments.it.id } } }
            : {}),
        },
      });
      expect(ticket.number).toBeGreaterThan(0);
    }
  });
  afterAll(() => api?.close());

  const statementsFor = async (first: number) => {
    api.queries.length = 0;
    const response = await api.gql(QUEUE, { first }, { token: school.tokens.admin });
    expect(response.errors).toBeUndefined();
    expect(response.data!.tickets.edges).toHaveLength(first);
    return api.queries.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql)).length;
  };

  it('sends the same number of SQL statements for 10 tickets as for 50 with all their relations', async () => {
    const forTen = await statementsFor(10);
    const forFifty = await statementsFor(50);
    expect(forFifty).toBe(forTen);
    // viewer and their memberships, page, count, categories, departments, users, ratings, messages.
    expect(forFifty).toBe(9);
  });

  it('walks all pages without skipping or repeating a ticket, in every order', async () => {
    for (const orderBy of ['CREATED_AT_DESC', 'CREATED_AT_ASC', 'RESOLUTION_DUE_AT_ASC', 'UPDATED_AT_DESC']) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const response: any = await api.gql(QUEUE, { first: 25, after, orderBy }, { token: school.tokens.admin });
        expect(response.errors).toBeUndefined();
        seen.push(...response.data.tickets.edges.map((edge: any) => edge.node.id));
        after = response.data.tickets.pageInfo.hasNextPage ? response.data.tickets.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(pages).toBe(Math.ceil(TICKETS / 25));
      expect(new Set(seen).size).toBe(TICKETS);
    }
  });

  it('orders the queue by resolution due time, soonest first', async () => {
    const response = await api.gql(QUEUE, { first: 100, orderBy: 'RESOLUTION_DUE_AT_ASC' }, { token: school.tokens.admin });
    const due = response.data!.tickets.edges.map((edge: any) => Date.parse(edge.node.resolutionDueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });

  it('filters by status, assignee, unassigned, breach and text', async () => {
    const count = async (filter: Record<string, unknown>) =>
      (await api.gql(QUEUE, { first: 1, filter }, { token: school.tokens.admin })).data!.tickets.totalCount;
    expect(await count({ status: ['NEW'] })).toBe(TICKETS / 5);
    expect(await count({ assigneeId: toGlobalId('User', school.users.staff.id) })).toBe(TICKETS - TICKETS / 3);
    expect(await count({ unassigned: true })).toBe(TICKETS / 3);
    // Late and not resolved before the due time: every fourth ticket.
    expect(await count({ breached: true })).toBe(TICKETS / 4);
    expect(await count({ breached: false })).toBe(TICKETS - TICKETS / 4);
    expect(await count({ search: 'wifi' })).toBe(0);
    expect(await count({ search: 'Wi-Fi dorm' })).toBe(TICKETS / 10);
    expect(await count({ search: 'dor' })).toBe(TICKETS / 10);
    const first = await api.db.prisma.ticket.findFirstOrThrow({ orderBy: { number: 'asc' } });
    expect(await count({ search: `SD-${first.number}` })).toBe(1);
  });

  it('marks breached tickets in the list the same way the breach filter finds them', async () => {
    const response = await api.gql(QUEUE, { first: 100, filter: { breached: true } }, { token: school.tokens.admin });
    expect(response.data!.tickets.edges.length).toBeGreaterThan(0);
    expect(response.data!.tickets.edges.every((edge: any) => edge.node.slaBreached)).toBe(true);
  });

  it('rejects an ID of the wrong type in a filter', async () => {
    const response = await api.gql(
      QUEUE,
      { filter: { assigneeId: toGlobalId('Ticket', school.users.staff.id) } },
      { token: school.tokens.admin },
    );
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe('filter.assigneeId');
  });

  // Runs last: it adds tickets in another department that the counts above do not expect.
  it('shows staff their department and, beyond it, what is assigned to them: merged in order, page by page', async () => {
    const prisma = api.db.prisma;
    const base = Date.UTC(2026, 0, 5, 12);
    const financeTickets = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        prisma.ticket.create({
          data: {
            title: `Fee question ${i}`,
            description: 'Details.',
            status: 'OPEN',
            priority: 'NORMAL',
            channel: 'PORTAL',
            categoryId: school.categories.fees.id,
            departmentId: school.departments.finance.id,
            contactName: 'A student',
            contactEmail: `fees${i}@example.edu`,
            // Six of the nine are assigned to the IT staff member; their due times fall between IT's.
            assigneeId: i < 6 ? school.users.staff.id : school.users.otherStaff.id,
            resolutionDueAt: new Date(base - 86_400_000 + i * 17_000),
          },
        }),
      ),
    );
    const expected = new Set([
      ...(await prisma.ticket.findMany({ where: { departmentId: school.departments.it.id }, select: { id: true } })).map((ticket) =>
        toGlobalId('Ticket', ticket.id),
      ),
      ...financeTickets.slice(0, 6).map((ticket) => toGlobalId('Ticket', ticket.id)),
    ]);
    for (const orderBy of ['RESOLUTION_DUE_AT_ASC', 'CREATED_AT_DESC', 'UPDATED_AT_DESC']) {
      const seen: string[] = [];
      const due: number[] = [];
      let after: string | null = null;
      do {
        const response: any = await api.gql(QUEUE, { first: 20, after, orderBy }, { token: school.tokens.staff });
        expect(response.errors).toBeUndefined();
        expect(response.data.tickets.totalCount).toBe(expected.size);
        seen.push(...response.data.tickets.edges.map((edge: any) => edge.node.id));
        due.push(...response.data.tickets.edges.map((edge: any) => Date.parse(edge.node.resolutionDueAt)));
        after = response.data.tickets.pageInfo.hasNextPage ? response.data.tickets.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(expected.size);
      expect(new Set(seen)).toEqual(expected);
      if (orderBy === 'RESOLUTION_DUE_AT_ASC') expect(due).toEqual([...due].sort((a, b) => a - b));
    }
  });
});

describe.each(DATABASE_KINDS)('the staff queue with 10,000 open tickets on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const OPEN_QUEUE = { status: ['NEW', 'OPEN', 'WAITING_ON_STUDENT'] };

  /** Open IT tickets written in one statement: this test is about reading a large queue. */
  const addOpenTickets = (count: number) => api.db.prisma.$executeRaw`
    INSERT INTO "Ticket" ("id", "title", "description", "status", "priority", "channel", "categoryId", "departmentId",
                          "contactName", "contactEmail", "assigneeId", "resolutionDueAt", "firstResponseDueAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), 'Printer jam ' || n, 'Details.', 'OPEN', 'NORMAL', 'PORTAL',
           ${school.categories.login.id}::uuid, ${school.departments.it.id}::uuid, 'A student', 'student' || n || '@example.edu',
           CASE WHEN n % 2 = 0 THEN ${school.users.staff.id}::uuid END,
           now() + n * interval '1 minute', now() + interval '1 day', now(), now()
    FROM generate_series(1, ${count}::int) AS n`;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    await addOpenTickets(100);
  });
  afterAll(() => api?.close());

  /** Statements for the first two pages of the staff member's open queue, soonest due first. */
  const statementsForTwoPages = async () => {
    api.queries.length = 0;
    const first = await api.gql(QUEUE, { first: 50, filter: OPEN_QUEUE, orderBy: 'RESOLUTION_DUE_AT_ASC' }, { token: school.tokens.staff });
    expect(first.errors).toBeUndefined();
    const second = await api.gql(
      QUEUE,
      { first: 50, after: first.data!.tickets.pageInfo.endCursor, filter: OPEN_QUEUE, orderBy: 'RESOLUTION_DUE_AT_ASC' },
      { token: school.tokens.staff },
    );
    expect(second.data!.tickets.edges).toHaveLength(50);
    return {
      statements: api.queries.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql)).length,
      total: first.data!.tickets.totalCount,
    };
  };

  it('sends the same SQL statements for 10,000 open tickets as for 100', async () => {
    const small = await statementsForTwoPages();
    expect(small.total).toBe(100);
    await addOpenTickets(9_900);
    const large = await statementsForTwoPages();
    expect(large.total).toBe(10_000);
    expect(large.statements).toBe(small.statements);
  });
});

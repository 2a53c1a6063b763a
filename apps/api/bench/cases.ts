// The benchmark's cases: what the console, the portal and the dashboards ask most, each with the
// same data fetched by a direct call in-process, so the GraphQL layer's cost shows as a ratio.
import type { Person } from '../src/auth/viewer.js';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import type { App } from '../src/context.js';
import { satisfactionReport } from '../src/insights/satisfaction.service.js';
import { reportProblem } from '../src/tickets/ticket.service.js';
import { listTickets } from '../src/tickets/ticket.query.js';
import { guestContext } from './quiet-app.js';

export interface BenchFixture {
  staff: Person;
  manager: Person;
  categoryId: string;
  categoryGlobalId: string;
  /** A ticket with at least 50 messages. */
  longTicketId: string;
  longTicketGlobalId: string;
  tokens: { staff: string; manager: string };
}

export interface BenchCase {
  name: string;
  description: string;
  query: string;
  variables: (fixture: BenchFixture) => Record<string, unknown>;
  token: (fixture: BenchFixture) => string | null;
  /** The same data without GraphQL: Prisma calls, or the service function the resolver calls. */
  direct: (app: App, fixture: BenchFixture) => Promise<unknown>;
}

const DAY = 86_400_000;

/** Titles of the tickets the reportProblem case writes; run.ts removes them so every case sees the seeded queue. */
export const BENCH_REPORT_TITLES = { graphql: 'Benchmark: cannot sign in to the LMS', direct: 'Benchmark: direct report' } as const;

const reportInput = (fixture: BenchFixture) => ({
  categoryId: fixture.categoryGlobalId,
  title: BENCH_REPORT_TITLES.graphql,
  description: 'Load test report. The LMS says my password is wrong.',
  contactName: 'Bench Mark',
  contactEmail: 'bench@example.edu',
});

export const QUEUE_CASE: BenchCase = {
  name: 'queue',
  description:
    'Console queue: 50 open tickets of the staff member’s department by resolution due time, with category, department, requester, assignee and SLA fields, and the total',
  query: /* GraphQL */ `
    query Queue {
      tickets(first: 50, orderBy: RESOLUTION_DUE_AT_ASC, filter: { status: [NEW, OPEN, WAITING_ON_STUDENT] }) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            number
            title
            status
            priority
            createdAt
            firstResponseDueAt
            resolutionDueAt
            slaBreached
            category {
              name
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
          }
        }
      }
    }
  `,
  variables: () => ({}),
  token: (fixture) => fixture.tokens.staff,
  // The page through the same SQL as the API (its service function), the relations batched as the
  // loaders batch them: what is left between this and the GraphQL answer is the GraphQL layer.
  direct: async ({ prisma }, { staff }) => {
    const list = await listTickets(
      { prisma },
      { kind: 'user', user: staff },
      {
        filter: { status: [...UNRESOLVED_STATUSES] },
        order: 'RESOLUTION_DUE_AT_ASC',
        page: { first: 50 },
        now: new Date(),
      },
    );
    const tickets = list.edges.map((edge) => edge.node);
    const ids = (pick: (ticket: (typeof tickets)[number]) => string | null) => [...new Set(tickets.map(pick).filter((id) => id !== null))];
    const [totalCount, categories, departments, people] = await Promise.all([
      list.count(),
      prisma.category.findMany({ where: { id: { in: ids((ticket) => ticket.categoryId) } } }),
      prisma.department.findMany({ where: { id: { in: ids((ticket) => ticket.departmentId) } } }),
      prisma.user.findMany({ where: { id: { in: [...ids((ticket) => ticket.requesterId), ...ids((ticket) => ticket.assigneeId)] } } }),
    ]);
    return { totalCount, hasNextPage: list.pageInfo.hasNextPage, tickets, categories, departments, people };
  },
};

export const CASES: BenchCase[] = [
  QUEUE_CASE,
  {
    name: 'ticket',
    description: 'A ticket with 50 messages and their authors, as staff',
    query: /* GraphQL */ `
      query Ticket($id: ID!) {
        ticket(id: $id) {
          id
          number
          title
          status
          slaBreached
          messages(first: 50) {
            edges {
              node {
                id
                body
                internal
                createdAt
                author {
                  name
                }
              }
            }
          }
        }
      }
    `,
    variables: (fixture) => ({ id: fixture.longTicketGlobalId }),
    token: (fixture) => fixture.tokens.staff,
    direct: ({ prisma }, fixture) =>
      prisma.ticket.findUnique({
        where: { id: fixture.longTicketId },
        include: { messages: { take: 51, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { author: true } } },
      }),
  },
  {
    name: 'reportProblem',
    description: 'A guest reports a problem (a new ticket with its event, due times and tracking code per request)',
    query: /* GraphQL */ `
      mutation Report($input: ReportProblemInput!) {
        reportProblem(input: $input) {
          trackingCode
          ticket {
            id
            number
            status
            resolutionDueAt
          }
        }
      }
    `,
    variables: (fixture) => ({ input: reportInput(fixture) }),
    token: () => null,
    // The resolver's own service function: the same checks and writes (ticket, event, due times,
    // tracking code, outbox event, the guest's email) in one transaction, without GraphQL.
    direct: (app, fixture) => reportProblem(guestContext(app), { ...reportInput(fixture), title: BENCH_REPORT_TITLES.direct }),
  },
  {
    name: 'satisfaction',
    description: 'The satisfaction report over the last 120 days, per department, as a manager',
    query: /* GraphQL */ `
      query Satisfaction($range: DateRange) {
        satisfaction(range: $range) {
          csat
          responses
          byDepartment {
            department {
              name
            }
            csat
            responses
            expectationMetRate
            perceptionGap
            slaCompliance
            resolvedTickets
          }
        }
      }
    `,
    variables: () => ({ range: { from: new Date(Date.now() - 120 * DAY).toISOString(), to: new Date().toISOString() } }),
    token: (fixture) => fixture.tokens.manager,
    direct: ({ prisma }, { manager }) =>
      satisfactionReport({ prisma }, { kind: 'user', user: manager }, { from: new Date(Date.now() - 120 * DAY), to: new Date() }),
  },
];

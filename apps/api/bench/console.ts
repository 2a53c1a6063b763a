// The console's heavy work at a university's scale (issue 18): full-text search at a stated rate,
// a sidebar of ten saved views with their counts, the first page of a 2,000-message ticket, and a
// bulk change of 500 tickets. Each runs against the API process on the seeded database.
import type { Database } from '@studentdesk/db';
import { toGlobalId } from '../src/relay/global-id.js';
import { directLoad, pacedLoad, type LatencyResult } from './load.js';

export interface ConsoleFixture {
  longTicketGlobalId: string;
  bulkTicketGlobalIds: string[];
}

/** One request at a time (what one person waits), then at the stated rate (what the desk does). */
interface Measured {
  rate: number;
  alone: LatencyResult;
  result: LatencyResult;
}

export interface ConsoleBench {
  search: Measured;
  savedViewCounts: Measured & { views: number };
  longTicketFirstPage: Measured & { messages: number };
  bulkUpdate: { tickets: number; runsMs: number[] };
}

const LONG_TICKET = { title: 'Benchmark: 2,000 messages', messages: 2_000 };
const BULK = { title: 'Benchmark: bulk change', tickets: 500 };
/** Stated rates: 20 searches a second (the issue's), ten-view sidebars and ticket openings as busy consoles ask them. */
const SEARCH_RATE = 20;
const SIDEBAR_RATE = 10;
const OPEN_RATE = 20;
const BULK_RUNS = 6;

/** The 2,000-message ticket and the 500 tickets of the bulk change, in the manager's first department (created once). */
export async function consoleFixture(db: Database, manager: { id: string; memberships: ReadonlyArray<{ departmentId: string }> }) {
  const departmentId = manager.memberships[0]!.departmentId;
  const category = await db.prisma.category.findFirstOrThrow({ where: { departmentId } });
  const base = {
    description: 'Created by pnpm bench.',
    priority: 'NORMAL' as const,
    channel: 'PORTAL' as const,
    categoryId: category.id,
    departmentId,
    contactName: 'Bench Mark',
    contactEmail: 'bench@example.edu',
  };
  let long = await db.prisma.ticket.findFirst({ where: { title: LONG_TICKET.title } });
  if (!long) {
    const createdAt = new Date(Date.now() - 30 * 86_400_000);
    long = await db.prisma.ticket.create({ data: { ...base, title: LONG_TICKET.title, status: 'OPEN', createdAt } });
    await db.prisma.message.createMany({
      data: Array.from({ length: LONG_TICKET.messages }, (_, i) => ({
        ticketId: long!.id,
        body: `Message ${i + 1}: still not working after trying the steps, here is what I see on screen.`,
        authorId: i % 2 ? manager.id : null,
        internal: i % 10 === 9,
        createdAt: new Date(createdAt.getTime() + i * 60_000),
      })),
    });
  }
  const existing = await db.prisma.ticket.count({ where: { title: BULK.title } });
  if (existing < BULK.tickets) {
    await db.prisma.ticket.createMany({
      data: Array.from({ length: BULK.tickets - existing }, () => ({ ...base, title: BULK.title, status: 'OPEN' as const })),
    });
  }
  const bulk = await db.prisma.ticket.findMany({ where: { title: BULK.title }, select: { id: true }, take: BULK.tickets });
  return {
    longTicketGlobalId: toGlobalId('Ticket', long.id),
    bulkTicketGlobalIds: bulk.map((ticket) => toGlobalId('Ticket', ticket.id)),
  } satisfies ConsoleFixture;
}

const SEARCH = /* GraphQL */ `
  query Search($query: String!) {
    searchTickets(query: $query, first: 20) {
      edges {
        highlights {
          text
          match
        }
        node {
          id
          number
          title
          status
        }
      }
    }
  }
`;

const SIDEBAR = /* GraphQL */ `
  query Sidebar {
    savedViews {
      id
      name
      count(upTo: 1000)
    }
  }
`;

const OPEN_TICKET = /* GraphQL */ `
  query OpenTicket($id: ID!) {
    ticket(id: $id) {
      id
      title
      status
      messages(last: 50) {
        pageInfo {
          hasPreviousPage
          startCursor
        }
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
`;

const BULK_UPDATE = /* GraphQL */ `
  mutation Bulk($input: BulkUpdateTicketsInput!) {
    bulkUpdateTickets(input: $input) {
      undoExpiresAt
    }
  }
`;

/** Ten views a manager keeps in the sidebar, from broad to narrow. */
const SIDEBAR_VIEWS: Array<{ name: string; filter: Record<string, unknown> }> = [
  { name: 'All unresolved', filter: { status: ['NEW', 'OPEN', 'WAITING_ON_STUDENT'] } },
  { name: 'New', filter: { status: ['NEW'] } },
  { name: 'Open', filter: { status: ['OPEN'] } },
  { name: 'Waiting on students', filter: { status: ['WAITING_ON_STUDENT'] } },
  { name: 'Unassigned', filter: { unassigned: true, status: ['NEW', 'OPEN'] } },
  { name: 'Urgent and high', filter: { priority: ['URGENT', 'HIGH'], status: ['NEW', 'OPEN', 'WAITING_ON_STUDENT'] } },
  { name: 'Breached', filter: { breached: true } },
  { name: 'Resolved', filter: { status: ['RESOLVED'] } },
  { name: 'Closed', filter: { status: ['CLOSED'] } },
  { name: 'Password questions', filter: { search: 'password' } },
];

async function graphql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors) throw new Error(`bench request failed: ${JSON.stringify(body.errors)}`);
  return body.data!;
}

/** Runs every console case against the API at `url` (its /graphql) as the manager; `seconds` per paced case. */
export async function benchConsole(
  url: string,
  managerToken: string,
  fixture: ConsoleFixture,
  seconds: number,
  log: (line: string) => void,
) {
  const load = async (query: string, variables: Record<string, unknown>, rate: number): Promise<Measured> => ({
    rate,
    alone: await directLoad(() => graphql(url, managerToken, query, variables), 1, Math.min(seconds, 10)),
    result: await pacedLoad({
      url,
      body: JSON.stringify({ query, variables }),
      headers: { authorization: `Bearer ${managerToken}` },
      connections: 50,
      seconds,
      rate,
    }),
  });

  log(`console: search, one at a time and at ${SEARCH_RATE} requests/s…`);
  const search = await load(SEARCH, { query: 'password reset' }, SEARCH_RATE);

  const { savedViews } = (await graphql(url, managerToken, SIDEBAR)) as { savedViews: Array<{ name: string }> };
  for (const view of SIDEBAR_VIEWS.filter((wanted) => !savedViews.some((saved) => saved.name === wanted.name))) {
    await graphql(url, managerToken, 'mutation($input: SaveViewInput!) { saveView(input: $input) { id } }', { input: view });
  }
  log(`console: ${SIDEBAR_VIEWS.length} saved-view counts, one at a time and at ${SIDEBAR_RATE} requests/s…`);
  const sidebar = await load(SIDEBAR, {}, SIDEBAR_RATE);

  log(`console: first page of a ${LONG_TICKET.messages}-message ticket, one at a time and at ${OPEN_RATE} requests/s…`);
  const longTicket = await load(OPEN_TICKET, { id: fixture.longTicketGlobalId }, OPEN_RATE);

  log(`console: bulk change of ${fixture.bulkTicketGlobalIds.length} tickets, ${BULK_RUNS} runs…`);
  const runsMs: number[] = [];
  for (let run = 0; run < BULK_RUNS; run += 1) {
    const started = performance.now();
    await graphql(url, managerToken, BULK_UPDATE, {
      input: { ticketIds: fixture.bulkTicketGlobalIds, priority: run % 2 ? 'NORMAL' : 'HIGH' },
    });
    runsMs.push(performance.now() - started);
  }

  return {
    search,
    savedViewCounts: { views: SIDEBAR_VIEWS.length, ...sidebar },
    longTicketFirstPage: { messages: LONG_TICKET.messages, ...longTicket },
    bulkUpdate: { tickets: fixture.bulkTicketGlobalIds.length, runsMs },
  } satisfies ConsoleBench;
}

/** The lines docs/performance.md shows, against the targets. */
export function consoleMarkdown(bench: ConsoleBench): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const latency = (result: LatencyResult) =>
    `${result.requests} requests, p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)}, ${result.errors} errors`;
  const alone = (measured: Measured) => `p50 ${ms(measured.alone.p50)}, p95 ${ms(measured.alone.p95)}`;
  const sorted = [...bench.bulkUpdate.runsMs].sort((a, b) => a - b);
  return [
    '| case | one at a time | stated load | at the stated load | target |',
    '|---|---|---|---|---|',
    `| full-text search ("password reset", 20 results with highlights) | ${alone(bench.search)} | ${bench.search.rate} requests/s | ${latency(bench.search.result)} | p95 < 100 ms |`,
    `| sidebar: ${bench.savedViewCounts.views} saved views with their counts (up to 1,000), one request | ${alone(bench.savedViewCounts)} | ${bench.savedViewCounts.rate} requests/s | ${latency(bench.savedViewCounts.result)} | < 50 ms |`,
    `| opening a ${bench.longTicketFirstPage.messages.toLocaleString('en')}-message ticket: its newest 50 messages | ${alone(bench.longTicketFirstPage)} | ${bench.longTicketFirstPage.rate} requests/s | ${latency(bench.longTicketFirstPage.result)} | p95 < 50 ms |`,
    `| bulk change of ${bench.bulkUpdate.tickets} tickets (priority), one request | ${sorted.length} runs: median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, slowest ${ms(sorted.at(-1)!)} | – | – | < 2 s |`,
  ].join('\n');
}

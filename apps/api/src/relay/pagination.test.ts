// Every connection of the schema, paged from the outside: forwards with first/after and backwards
// with last/before, without gaps or repeats (rows share timestamps, so the id must break ties),
// with real hasPreviousPage/hasNextPage; page sizes above the maximum are refused; a tampered
// cursor, or one from another list, is BAD_USER_INPUT naming the argument, never an internal error.
import { randomBytes } from 'node:crypto';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, createUser, DATABASE_KINDS, type GraphQLResponse, type School } from '@studentdesk/testing';
import { DEAD_LETTERS } from '../jobs/queues.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { loadPublishedSchema } from '../test/schema-operations.js';
import { toGlobalId } from './global-id.js';
import { MAX_PAGE_SIZE } from './pagination.js';

/** Rows per list: three pages of 3, the last one short. */
const ROWS = 7;
const PAGE = 3;
const BASE = Date.UTC(2026, 2, 2, 9);
/** Seven timestamps with ties, so only the id orders some rows. */
const TIMES = [0, 0, 0, 60_000, 120_000, 120_000, 180_000].map((offset) => new Date(BASE + offset));

interface ListCase {
  name: string;
  /** The connection field with its other arguments, without the parentheses' end: `tickets(orderBy: X` */
  field: string;
  /** Wraps the field when it hangs off another object. */
  around?: (inner: string) => string;
  /** What tells two nodes apart. */
  identity: 'id' | 'ticketNumber' | 'number';
  token: (school: School) => string;
  connection: (data: Record<string, any>) => any;
}

const CASES: ListCase[] = [
  ...['CREATED_AT_DESC', 'CREATED_AT_ASC', 'UPDATED_AT_DESC', 'RESOLUTION_DUE_AT_ASC'].map((order) => ({
    name: `tickets ${order}`,
    field: `tickets(orderBy: ${order}`,
    identity: 'id' as const,
    token: (school: School) => school.tokens.admin,
    connection: (data: Record<string, any>) => data.tickets,
  })),
  {
    // Every paging ticket matches "paging" equally, so the order is newest first.
    name: 'searchTickets',
    field: 'searchTickets(query: "paging"',
    identity: 'id',
    token: (school) => school.tokens.admin,
    connection: (data) => data.searchTickets,
  },
  {
    name: 'Ticket.messages',
    field: 'messages(',
    around: (inner) => `ticket(id: $ticketId) { ${inner} }`,
    identity: 'id',
    token: (school) => school.tokens.staff,
    connection: (data) => data.ticket.messages,
  },
  {
    name: 'myNotifications',
    field: 'myNotifications(',
    identity: 'id',
    token: (s) => s.tokens.staff,
    connection: (d) => d.myNotifications,
  },
  { name: 'emailOutbox', field: 'emailOutbox(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.emailOutbox },
  { name: 'inboundEmails', field: 'inboundEmails(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.inboundEmails },
  { name: 'incidents', field: 'incidents(', identity: 'id', token: (s) => s.tokens.staff, connection: (d) => d.incidents },
  { name: 'suggestions', field: 'suggestions(', identity: 'id', token: (s) => s.tokens.staff, connection: (d) => d.suggestions },
  {
    name: 'recognitionFeed',
    field: 'recognitionFeed(',
    identity: 'ticketNumber',
    token: (s) => s.tokens.staff,
    connection: (d) => d.recognitionFeed,
  },
  {
    name: 'failedBackgroundJobs',
    field: 'failedBackgroundJobs(',
    identity: 'id',
    token: (s) => s.tokens.admin,
    connection: (d) => d.failedBackgroundJobs,
  },
  { name: 'invitations', field: 'invitations(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.invitations },
  { name: 'staffAccounts', field: 'staffAccounts(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.staffAccounts },
  { name: 'apiKeys', field: 'apiKeys(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.apiKeys },
  { name: 'webhooks', field: 'webhooks(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.webhooks },
  { name: 'auditLog', field: 'auditLog(', identity: 'id', token: (s) => s.tokens.admin, connection: (d) => d.auditLog },
  {
    name: 'articles',
    field: 'articles(departmentId: $departmentId',
    identity: 'id',
    token: (s) => s.tokens.staff,
    connection: (d) => d.articles,
  },
  {
    name: 'Article.versions',
    field: 'versions(',
    around: (inner) => `node(id: $articleId) { ... on Article { ${inner} } }`,
    identity: 'number',
    token: (s) => s.tokens.staff,
    connection: (d) => d.node.versions,
  },
  {
    name: 'holidays',
    field: 'holidays(departmentId: $departmentId',
    identity: 'id',
    token: (s) => s.tokens.staff,
    connection: (d) => d.holidays,
  },
  {
    name: 'webhookDeliveries',
    field: 'webhookDeliveries(webhookId: $webhookId',
    identity: 'id',
    token: (s) => s.tokens.admin,
    connection: (d) => d.webhookDeliveries,
  },
];

function pageQuery(list: ListCase): string {
  const args = `${list.field.endsWith('(') ? '' : ', '}first: $first, after: $after, last: $last, before: $before)`;
  const inner = `${list.field}${args} {
    edges { cursor node { ${list.identity} } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }`;
  const selection = list.around ? list.around(inner) : inner;
  const ids = ['ticketId', 'webhookId', 'departmentId', 'articleId']
    .filter((name) => selection.includes(`$${name}`))
    .map((name) => `, $${name}: ID!`);
  return `query Page($first: Int, $after: String, $last: Int, $before: String${ids.join('')}) { ${selection} }`;
}

const cursorOf = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const valuesOf = (cursor: string): unknown[] => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];

describe('the connections under test', () => {
  it('are every connection the schema offers', () => {
    const schema = loadPublishedSchema();
    const connections = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((field) => getNamedType(field.type).name.endsWith('Connection'))
          .map((field) => (type.name === 'Query' ? field.name : `${type.name}.${field.name}`)),
      );
    const tested = new Set(CASES.map((list) => list.name.split(' ')[0]));
    expect(connections.filter((name) => !tested.has(name))).toEqual([]);
  });
});

describe.each(DATABASE_KINDS)('paging every connection on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const variables: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const prisma = api.db.prisma;
    const { it: department } = school.departments;
    const { staff, admin, alice } = school.users;
    // The school's four staff accounts take the first times; three more take the rest.
    const staffAccounts = [staff, school.users.otherStaff, school.users.manager, admin];
    while (staffAccounts.length < ROWS) staffAccounts.push(await createUser(prisma, 'STAFF', { departmentId: department.id }));
    const tickets = [];
    for (const [index, at] of TIMES.entries()) {
      tickets.push(
        await prisma.ticket.create({
          data: {
            title: `Paging ticket ${index}`,
            description: 'A ticket to page through.',
            priority: 'NORMAL',
            channel: 'PORTAL',
            categoryId: school.categories.login.id,
            departmentId: department.id,
            requesterId: alice.id,
            contactName: alice.name,
            contactEmail: alice.email,
            createdAt: at,
            updatedAt: TIMES[ROWS - 1 - index]!,
            // Two tickets without an SLA, which the due-time order puts last.
            resolutionDueAt: index % 3 === 1 ? null : new Date(TIMES[index % 4]!.getTime() + 86_400_000),
          },
        }),
      );
    }
    variables.ticketId = toGlobalId('Ticket', tickets[0]!.id);
    const webhook = await prisma.webhook.create({
      data: { url: 'https://hooks.example.invalid/0', secret: 's', events: [], active: false },
    });
    variables.webhookId = toGlobalId('Webhook', webhook.id);
    variables.departmentId = toGlobalId('Department', department.id);
    const versioned = await prisma.article.create({
      data: { slug: 'paged', title: 'Paged', summary: 's', body: 'b', departmentId: department.id, latestVersionNumber: ROWS },
    });
    variables.articleId = toGlobalId('Article', versioned.id);
    for (const [index, at] of TIMES.entries()) {
      await prisma.message.create({ data: { ticketId: tickets[0]!.id, authorId: staff.id, body: `Reply ${index}`, createdAt: at } });
      await prisma.emailMessage.create({
        data: {
          kind: 'TRACKING_LINK',
          toAddress: alice.email,
          subject: `Email ${index}`,
          text: 'Hello',
          status: 'SUCCEEDED',
          createdAt: at,
        },
      });
      await prisma.inboundEmail.create({
        data: {
          messageId: `inbound-${index}@student.test`,
          source: 'SMTP',
          fromAddress: alice.email,
          toAddress: 'it@school.test',
          subject: `Inbound ${index}`,
          raw: 'Subject: x\r\n\r\nHello',
          originalText: 'Hello',
          status: 'HELD',
          receivedAt: at,
        },
      });
      await prisma.user.update({ where: { id: staffAccounts[index]!.id }, data: { createdAt: at } });
      await prisma.invitation.create({
        data: {
          email: `invited${index}@example.edu`,
          name: `Invited ${index}`,
          role: 'STAFF',
          departmentId: department.id,
          tokenHash: `hash ${index}`,
          createdAt: at,
          expiresAt: new Date(at.getTime() + 86_400_000),
        },
      });
      await prisma.incident.create({ data: { title: `Incident ${index}`, summary: 'Down.', startedAt: at, createdAt: at } });
      await prisma.auditEntry.create({ data: { at, action: 'SCHOOL_UPDATED', actorUserId: admin.id } });
      await prisma.articleVersion.create({
        data: { articleId: versioned.id, number: index + 1, title: 'Paged', summary: 's', body: `Version ${index + 1}`, createdAt: at },
      });
      // The versioned article is the seventh of the department's articles.
      if (index > 0) {
        await prisma.article.create({
          data: { slug: `paged-${index}`, title: `Paged ${index}`, summary: 's', body: 'b', departmentId: department.id, updatedAt: at },
        });
      }
      // A closed day each: dates are unique per department, so dates alone order them.
      await prisma.holiday.create({
        data: { departmentId: department.id, date: new Date(Date.UTC(2026, 11, 1 + index)), name: `Closed ${index}` },
      });
      await prisma.suggestion.create({ data: { title: `Idea ${index}`, body: 'Better.', authorId: staff.id, createdAt: at } });
      await prisma.staffNotification.create({
        data: { recipientId: staff.id, kind: 'STUDENT_REPLIED', ticketId: tickets[index]!.id, actorId: alice.id, createdAt: at },
      });
      await prisma.rating.create({
        data: {
          ticketId: tickets[index]!.id,
          score: 5,
          comment: `Thank you ${index}`,
          expectation: 'MET',
          departmentId: department.id,
          staffId: staff.id,
          createdAt: at,
        },
      });
      await prisma.apiKey.create({
        data: {
          name: `Key ${index}`,
          prefix: 'sd_test',
          keyHash: randomBytes(16).toString('hex'),
          scopes: [],
          createdById: admin.id,
          createdAt: at,
        },
      });
      if (index > 0) {
        await prisma.webhook.create({
          data: { url: `https://hooks.example.invalid/${index}`, secret: 's', events: [], active: false, createdAt: at },
        });
      }
      // A dead letter as pg-boss writes one when a job's retries are spent.
      await api.db.pool.query(
        `INSERT INTO pgboss.job (name, data, created_on, source_name, source_retry_count, source_output)
         VALUES ($1, '{}', $2, 'cleanup', 2, '{"message":"broke"}')`,
        [DEAD_LETTERS, at],
      );
      const event = await prisma.outboxEvent.create({ data: { type: 'ticket.created', payload: {}, processedAt: at, createdAt: at } });
      await prisma.webhookDelivery.create({
        data: { webhookId: webhook.id, eventId: event.id, eventType: 'ticket.created', status: 'FAILED', createdAt: at },
      });
    }
  });
  afterAll(() => api?.close());

  const page = (list: ListCase, args: { first?: number; after?: string | null; last?: number; before?: string | null }) =>
    api.gql(pageQuery(list), { ...variables, ...args }, { token: list.token(school) });

  async function whole(list: ListCase): Promise<unknown[]> {
    const response = await page(list, { first: MAX_PAGE_SIZE });
    expect(response.errors).toBeUndefined();
    return list.connection(response.data!).edges.map((edge: any) => edge.node[list.identity]);
  }

  describe.each(CASES)('$name', (list) => {
    it('pages forwards with first/after without gaps or repeats', async () => {
      const all = await whole(list);
      expect(all).toHaveLength(ROWS);
      const seen: unknown[] = [];
      const pageInfos = [];
      let after: string | null = null;
      do {
        const response: GraphQLResponse = await page(list, { first: PAGE, after });
        expect(response.errors).toBeUndefined();
        const connection = list.connection(response.data!);
        seen.push(...connection.edges.map((edge: any) => edge.node[list.identity]));
        pageInfos.push(connection.pageInfo);
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(all);
      expect(pageInfos.map((info) => [info.hasPreviousPage, info.hasNextPage])).toEqual([
        [false, true],
        [true, true],
        [true, false],
      ]);
    });

    it('pages backwards with last/before without gaps or repeats', async () => {
      const all = await whole(list);
      const seen: unknown[] = [];
      const pageInfos = [];
      let before: string | null = null;
      do {
        const response: GraphQLResponse = await page(list, { last: PAGE, before });
        expect(response.errors).toBeUndefined();
        const connection = list.connection(response.data!);
        seen.unshift(...connection.edges.map((edge: any) => edge.node[list.identity]));
        pageInfos.push(connection.pageInfo);
        before = connection.pageInfo.hasPreviousPage ? connection.pageInfo.startCursor : null;
      } while (before);
      expect(seen).toEqual(all);
      expect(pageInfos.map((info) => [info.hasPreviousPage, info.hasNextPage])).toEqual([
        [true, false],
        [true, true],
        [false, true],
      ]);
    });

    it('answers the rows between two cursors', async () => {
      const response = await page(list, { first: MAX_PAGE_SIZE });
      const edges = list.connection(response.data!).edges;
      const between = await page(list, { after: edges[1].cursor, before: edges[5].cursor });
      expect(between.errors).toBeUndefined();
      const connection = list.connection(between.data!);
      expect(connection.edges.map((edge: any) => edge.node[list.identity])).toEqual(
        edges.slice(2, 5).map((edge: any) => edge.node[list.identity]),
      );
      expect(connection.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    });

    it('refuses page sizes above the maximum, below zero, and first with last', async () => {
      for (const [args, field] of [
        [{ first: MAX_PAGE_SIZE + 1 }, 'first'],
        [{ first: -1 }, 'first'],
        [{ last: MAX_PAGE_SIZE + 1 }, 'last'],
        [{ first: 2, last: 2 }, 'last'],
      ] as const) {
        const response = await page(list, args);
        expect(codes(response), JSON.stringify(args)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors![0]!.extensions!.field).toBe(field);
      }
    });

    it('answers a tampered or foreign cursor with BAD_USER_INPUT naming the argument', async () => {
      const own = list.connection((await page(list, { first: 1 })).data!).pageInfo.endCursor as string;
      const other = CASES.find((candidate) => candidate.connection !== list.connection && !candidate.name.startsWith('tickets'))!;
      const foreign = (await page(other, { first: 1 })).data!;
      const values = valuesOf(own);
      const tampered = [
        'not a cursor',
        'garbage',
        Buffer.from('not json').toString('base64url'),
        cursorOf({ createdAt: '2026-01-01' }),
        cursorOf(values.slice(0, -1)),
        cursorOf([...values, 'extra']),
        cursorOf(values.map((value, index) => (index === 0 ? value : 'garbage'))),
        cursorOf(values.map((value, index) => (index === 0 ? value : 42.5))),
        cursorOf(values.map((value, index) => (index === 0 ? value : '2026-13-45T99:99:99.999Z'))),
        cursorOf(['another list', ...values.slice(1)]),
        other.connection(foreign).pageInfo.endCursor as string,
        own.repeat(40),
      ];
      for (const argument of ['after', 'before'] as const) {
        for (const cursor of tampered) {
          const response = await page(list, { [argument]: cursor });
          expect(codes(response), `${argument}: ${cursor}`).toEqual(['BAD_USER_INPUT']);
          expect(response.errors![0]!.extensions!.field).toBe(argument);
        }
      }
    });
  });
});

// API keys over HTTP: admins issue and revoke them; each scope allows exactly its part of the
// API, and a denial names the missing scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM, RESOLVE, RATE, SATISFACTION, TICKET } from '../test/operations.js';

const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
        id
        name
        prefix
        scopes
        expiresAt
        revokedAt
        createdBy {
          name
        }
      }
    }
  }
`;
const REVOKE_KEY = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const LIST_KEYS = '{ apiKeys(includeRevoked: true) { edges { node { id name prefix scopes lastUsedAt revokedAt } } } }';
const TICKETS_WITH_RATING = '{ tickets(first: 50) { totalCount edges { node { id rating { score } } } } }';

describe.each(DATABASE_KINDS)('API keys on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let ticketId: string;

  const createKey = async (scopes: string[], extra: Record<string, unknown> = {}) => {
    const response = await api.gql(
      CREATE_KEY,
      { input: { name: `Key ${scopes.join(' ')}`, scopes, ...extra } },
      { token: school.tokens.admin },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.createApiKey as { key: string; apiKey: { id: string; prefix: string } };
  };

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    // Alice's IT ticket, with a staff note and a public answer, resolved and rated.
    const reported = await api.gql(
      REPORT_PROBLEM,
      {
        input: { categoryId: school.categoryIds.login, title: 'Cannot log in', description: 'The portal rejects my password.' },
      },
      { token: school.tokens.alice },
    );
    ticketId = reported.data!.reportProblem.ticket.id;
    await api.gql(
      REPLY,
      { input: { ticketId, body: 'Account locked by the nightly sync.', internal: true } },
      { token: school.tokens.staff },
    );
    await api.gql(
      RESOLVE,
      { input: { ticketId, resolution: 'Unlocked your account.', predictedScore: 4 } },
      { token: school.tokens.staff },
    );
    await api.gql(RATE, { input: { ticketId, score: 5, expectation: 'EXCEEDED' } }, { token: school.tokens.alice });
    // And a Financial Aid ticket, outside IT.
    await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.fees,
        title: 'Fee twice',
        description: 'Charged twice.',
        contactName: 'G',
        contactEmail: 'g@example.edu',
      },
    });
  });
  afterAll(() => api?.close());

  it('lets admins create a key shown once, and list it by its prefix only', async () => {
    const { key, apiKey } = await createKey(['TICKETS_READ']);
    expect(key).toMatch(/^sdk_[\w-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const list = await api.gql(LIST_KEYS, {}, { token: school.tokens.admin });
    const listed = list.data!.apiKeys.edges.map((edge: any) => edge.node).find((node: any) => node.id === apiKey.id);
    expect(listed).toMatchObject({ prefix: apiKey.prefix, scopes: ['TICKETS_READ'], revokedAt: null });
    expect(JSON.stringify(list.data)).not.toContain(key);
    const stored = await api.db.prisma.apiKey.findFirstOrThrow({ where: { prefix: apiKey.prefix } });
    expect(stored.keyHash).not.toContain(key.slice(4));
    const node = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on ApiKey { prefix } } }',
      { id: apiKey.id },
      { token: school.tokens.admin },
    );
    expect(node.data!.node).toEqual({ prefix: apiKey.prefix });
    expect(codes(await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: apiKey.id }, { token: key }))).toEqual(['FORBIDDEN']);
  });

  it('keeps key management from staff, anonymous callers and keys', async () => {
    const input = { name: 'x', scopes: ['TICKETS_READ'] };
    expect(codes(await api.gql(CREATE_KEY, { input }, { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(CREATE_KEY, { input }))).toEqual(['UNAUTHENTICATED']);
    const { key } = await createKey(['TICKETS_READ', 'WEBHOOKS_MANAGE']);
    expect(codes(await api.gql(CREATE_KEY, { input }, { token: key }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(LIST_KEYS, {}, { token: key }))).toEqual(['FORBIDDEN']);
  });

  it('with tickets:read, reads every ticket but never internal notes', async () => {
    const { key } = await createKey(['TICKETS_READ']);
    const list = await api.gql('{ tickets { totalCount } }', {}, { token: key });
    expect(list.data!.tickets.totalCount).toBe(await api.db.prisma.ticket.count());
    const one = await api.gql(TICKET, { id: ticketId }, { token: key });
    expect(one.errors).toBeUndefined();
    const messages = one.data!.ticket.messages.edges.map((edge: any) => edge.node);
    expect(messages).toEqual([{ body: 'Unlocked your account.', internal: false }]);
    expect(one.data!.ticket.history.map((event: any) => event.type)).not.toContain('NOTE_ADDED');
    expect(one.data!.ticket.predictedScore).toBeNull();
  });

  it('names the missing scope: ratings:read for a rating, insights:read for the report, tickets:read for tickets', async () => {
    const { key: ticketsOnly } = await createKey(['TICKETS_READ']);
    const rating = await api.gql(TICKETS_WITH_RATING, {}, { token: ticketsOnly });
    expect(new Set(codes(rating))).toEqual(new Set(['FORBIDDEN']));
    expect(rating.errors![0]!.extensions!.requiredScope).toBe('ratings:read');
    expect(rating.errors![0]!.message).toContain('ratings:read');

    const report = await api.gql(SATISFACTION, {}, { token: ticketsOnly });
    expect(codes(report)).toEqual(['FORBIDDEN']);
    expect(report.errors![0]!.extensions!.requiredScope).toBe('insights:read');

    const { key: insightsOnly } = await createKey(['INSIGHTS_READ']);
    for (const response of [
      await api.gql('{ tickets { totalCount } }', {}, { token: insightsOnly }),
      await api.gql(TICKET, { id: ticketId }, { token: insightsOnly }),
    ]) {
      expect(codes(response)).toEqual(['FORBIDDEN']);
      expect(response.errors![0]!.extensions!.requiredScope).toBe('tickets:read');
    }
  });

  it('with ratings:read and insights:read, reads ratings and the whole school’s report', async () => {
    const { key } = await createKey(['TICKETS_READ', 'RATINGS_READ', 'INSIGHTS_READ']);
    const rated = await api.gql(TICKETS_WITH_RATING, {}, { token: key });
    expect(rated.errors).toBeUndefined();
    expect(rated.data!.tickets.edges.map((edge: any) => edge.node.rating?.score)).toContain(5);
    const report = await api.gql(SATISFACTION, {}, { token: key });
    expect(report.errors).toBeUndefined();
    expect(report.data!.satisfaction.responses).toBe(1);
    expect(report.data!.satisfaction.byDepartment.map((row: any) => row.department.name).sort()).toEqual(['Financial Aid', 'IT']);
  });

  it('only reads: a key cannot reply, resolve or rate, and writes nothing', async () => {
    const { key } = await createKey(['TICKETS_READ', 'TICKETS_WRITE', 'RATINGS_READ']);
    const before = await api.db.prisma.message.count();
    expect(codes(await api.gql(REPLY, { input: { ticketId, body: 'hi' } }, { token: key }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(RESOLVE, { input: { ticketId, resolution: 'x' } }, { token: key }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(RATE, { input: { ticketId, score: 1, expectation: 'BELOW' } }, { token: key }))).toEqual(['FORBIDDEN']);
    expect(await api.db.prisma.message.count()).toBe(before);
  });

  it('with tickets:write, reports a problem for a student (channel API, linked by student number)', async () => {
    const { key } = await createKey(['TICKETS_WRITE']);
    const response = await api.gql(
      REPORT_PROBLEM,
      {
        input: {
          categoryId: school.categoryIds.login,
          title: 'LMS sync failed',
          description: 'Course list empty.',
          studentNumber: school.users.bob.studentNumber,
        },
      },
      { token: key },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.reportProblem.ticket).toMatchObject({
      channel: 'API',
      contactName: 'Bob Student',
      contactEmail: school.users.bob.email,
    });
    expect(response.data!.reportProblem.ticket.requester).not.toBeNull();
    // Bob sees it among his tickets.
    const bobs = await api.gql('{ tickets { edges { node { id } } } }', {}, { token: school.tokens.bob });
    expect(bobs.data!.tickets.edges.map((edge: any) => edge.node.id)).toContain(response.data!.reportProblem.ticket.id);
    // Someone the desk does not know needs a name and an email.
    const unknown = await api.gql(
      REPORT_PROBLEM,
      {
        input: { categoryId: school.categoryIds.login, title: 'x', description: 'y', studentNumber: 'S-nobody' },
      },
      { token: key },
    );
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses to report without tickets:write, naming it, and writes nothing', async () => {
    const { key } = await createKey(['TICKETS_READ']);
    const before = await api.db.prisma.ticket.count();
    const response = await api.gql(
      REPORT_PROBLEM,
      {
        input: { categoryId: school.categoryIds.login, title: 'x', description: 'y', contactName: 'A', contactEmail: 'a@example.edu' },
      },
      { token: key },
    );
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.extensions!.requiredScope).toBe('tickets:write');
    expect(await api.db.prisma.ticket.count()).toBe(before);
  });

  it('stops a key revoked mid-way at once, and an expired key', async () => {
    const { key, apiKey } = await createKey(['TICKETS_READ']);
    expect((await api.gql('{ tickets { totalCount } }', {}, { token: key })).status).toBe(200);
    expect((await api.db.prisma.apiKey.findFirstOrThrow({ where: { prefix: apiKey.prefix } })).lastUsedAt).not.toBeNull();
    const revoked = await api.gql(REVOKE_KEY, { id: apiKey.id }, { token: school.tokens.admin });
    expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
    const after = await api.gql('{ tickets { totalCount } }', {}, { token: key });
    expect(after.status).toBe(401);
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);

    const expiring = await createKey(['TICKETS_READ'], { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await api.db.prisma.apiKey.updateMany({ where: { prefix: expiring.apiKey.prefix }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api.gql('{ tickets { totalCount } }', {}, { token: expiring.key })).status).toBe(401);
  });
});

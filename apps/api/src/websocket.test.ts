// The websocket transport attacked as the issue found it open: every limit of HTTP applies to each
// operation (the same request gets the same code on both transports), and the socket has limits
// of its own: message size before parsing, connection_init timeout, operations per socket,
// sockets per address and per user, and the Origin of a browser page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, PASSWORD, type School, until } from '@studentdesk/testing';
import { MAX_ALIASES, MAX_DEPTH } from './limits/query-limits.js';
import { startTestApi, type TestApi } from './test/api.js';
import { openRawSocket, socketCodes, UpgradeRefused, type RawSocket } from './test/raw-socket.js';

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
const nested = (levels: number) =>
  `{ __type(name: "Ticket") { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } }`;
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: me { id }`).join(' ')} }`;
/** The cost-10,302 query: 2 + 100 × (1 + 2 + 100). */
const COST_10302 = '{ tickets(first: 100) { edges { node { id messages(first: 100) { edges { node { body } } } } } } }';
/** 2 + 100 × (1 + 1 + 1) = 302. */
const COST_302 = '{ tickets(first: 100) { edges { node { id category { id } department { id } } } } }';
const QUEUE_CHANGED = 'subscription { queueChanged { id } }';

/** The status a refused upgrade was answered with, or 101 when the socket opened (and was initialised, so it stays). */
async function upgradeStatus(api: TestApi, headers: Record<string, string>): Promise<{ status: number; socket?: RawSocket }> {
  try {
    const socket = await openRawSocket(api.url, headers);
    await socket.init();
    return { status: 101, socket };
  } catch (error) {
    if (error instanceof UpgradeRefused) return { status: error.status };
    throw error;
  }
}

describe('the websocket transport', () => {
  let api: TestApi;
  let school: School;
  const sockets: RawSocket[] = [];
  const open = async (headers: Record<string, string> = {}) => {
    const socket = await openRawSocket(api.url, headers);
    sockets.push(socket);
    return socket;
  };
  const signedIn = async (token: string) => {
    const socket = await open();
    await socket.init({ authToken: token });
    return socket;
  };

  beforeAll(async () => {
    api = await startTestApi('pglite', {
      CORS_ORIGINS: 'https://lms.school.edu',
      TRUST_PROXY: '1',
      WS_CONNECTION_INIT_TIMEOUT_MS: '500',
      WS_MAX_CONNECTIONS_PER_USER: '3',
      SIGN_IN_FAILURES_PER_ADDRESS: '8',
      API_KEY_BUDGET: '10000',
      API_KEY_BUDGET_RESTORE_PER_SECOND: '200',
      QUERY_MAX_DOCUMENT_BYTES: '50000',
      QUERY_MAX_VARIABLES_BYTES: '100000',
      RESPONSE_MAX_BYTES: '20000',
    });
    school = await createSchool(api);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => api?.close());

  it('gives every operation the same answer code as HTTP: depth 18, 200 aliases, cost 10,302, tokens, sizes, validation', async () => {
    const socket = await signedIn(school.tokens.staff);
    const requests: Array<[string, string, Record<string, unknown>?]> = [
      [`depth ${MAX_DEPTH + 8}`, nested(MAX_DEPTH + 4)],
      [`${MAX_ALIASES * 10} aliases`, aliases(MAX_ALIASES * 10)],
      ['cost 10,302', COST_10302],
      ['3,001 tokens', `{ ${'__typename '.repeat(3001)} }`],
      ['a 50,001-byte document', `{ __typename ${'#'.repeat(50_001)}\n }`],
      ['200 kB of variables', 'query($text: String!) { searchArticles(text: $text) { id } }', { text: 'x'.repeat(200_000) }],
      ['an unknown field', '{ ticketz { id } }'],
      ['a wrongly typed variable', 'query($n: Int) { tickets(first: $n) { totalCount } }', { n: 'many' }],
    ];
    for (const [name, query, variables] of requests) {
      const overHttp = codes(await api.gql(query, variables, { token: school.tokens.staff }));
      const overSocket = socketCodes(await socket.run(query, variables));
      expect(overHttp.length, name).toBeGreaterThan(0);
      expect(overSocket, name).toEqual(overHttp);
    }
    // And a good query is answered, with its data.
    expect((await socket.run('{ me { name } }')).payload.data.me.name).toBe('Sam Staff');
  });

  it('charges an API key’s budget for operations over the socket, shared with HTTP', async () => {
    const created = await api.gql(
      'mutation { createApiKey(input: { name: "Socket BI", scopes: [TICKETS_READ] }) { key } }',
      {},
      { token: school.tokens.admin },
    );
    const key = created.data!.createApiKey.key as string;
    const socket = await signedIn(key);
    const answers = [];
    for (let request = 0; request < 40; request += 1) answers.push(await socket.run(COST_302));
    const refused = answers.filter((answer) => socketCodes(answer).includes('RATE_LIMITED'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.payload[0].extensions.retryAfter).toBeGreaterThanOrEqual(1);
    const overHttp = await api.gql(COST_302, {}, { token: key });
    expect(overHttp.status).toBe(429);
  });

  it('answers RESPONSE_TOO_LARGE for an answer over the response limit', async () => {
    await api.db.prisma.category.createMany({
      data: Array.from({ length: 150 }, (_, index) => ({ name: `Listed ${index}`, departmentId: school.departments.it.id })),
    });
    const socket = await signedIn(school.tokens.staff);
    const answer = await socket.run('{ categories { id name description department { id name } } }');
    expect(socketCodes(answer)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(answer.payload.data).toBeUndefined();
  });

  it('holds at most 50 operations on one socket: 3,000 subscriptions get TOO_MANY_SUBSCRIPTIONS past that', async () => {
    const socket = await signedIn(school.tokens.staff);
    for (let index = 0; index < 3000; index += 1)
      socket.send({ id: `queue-${index}`, type: 'subscribe', payload: { query: QUEUE_CHANGED } });
    const refusals = () => socket.messages.filter((message) => message.type === 'error');
    await until(() => refusals().length >= 2950, 20_000, '2,950 refusals');
    expect(refusals()).toHaveLength(2950);
    expect(new Set(refusals().map((message) => message.payload[0].extensions.code))).toEqual(new Set(['TOO_MANY_SUBSCRIPTIONS']));
    // The 50 it holds still hear of changes.
    await api.gql(
      'mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }',
      { input: { categoryId: school.categoryIds.login, title: 'Socket check', description: 'Heard on the queue.' } },
      { token: school.tokens.alice },
    );
    await until(() => socket.messages.filter((message) => message.type === 'next').length === 50, 10_000, '50 queue events');
  });

  it('accepts at most 50 sockets from one address that has not signed in', async () => {
    const attempts = await Promise.all(Array.from({ length: 400 }, () => upgradeStatus(api, { 'x-forwarded-for': '198.51.100.20' })));
    for (const attempt of attempts) if (attempt.socket) sockets.push(attempt.socket);
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((status) => status === 101)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(350);
    // Another address is not affected.
    expect((await upgradeStatus(api, { 'x-forwarded-for': '198.51.100.21' })).status).toBe(101);
  });

  it('lets one user hold at most 3 sockets', async () => {
    for (let index = 0; index < 3; index += 1) await signedIn(school.tokens.bob);
    const fourth = await open();
    await expect(fourth.init({ authToken: school.tokens.bob })).rejects.toMatchObject({ code: 1013 });
  });

  it('refuses a page from a foreign origin with the staff session cookie (cross-site websocket hijacking)', async () => {
    const cookie = `sd_session=${school.tokens.staff}`;
    const host = new URL(api.url).host;
    expect((await upgradeStatus(api, { origin: 'https://evil.example.com', cookie })).status).toBe(403);
    expect((await upgradeStatus(api, { origin: 'null', cookie })).status).toBe(403);
    for (const origin of [`http://${host}`, 'https://lms.school.edu']) {
      const { status, socket } = await upgradeStatus(api, { origin, cookie });
      expect(status, origin).toBe(101);
      sockets.push(socket!);
      expect((await socket!.run('{ me { name } }')).payload.data.me.name).toBe('Sam Staff');
    }
  });

  it('closes a socket sending a message over WS_MAX_MESSAGE_BYTES (1009), before parsing it', async () => {
    const socket = await signedIn(school.tokens.staff);
    socket.ws.send(
      JSON.stringify({ id: 'big', type: 'subscribe', payload: { query: `{ __typename }`, variables: { pad: 'x'.repeat(300_000) } } }),
    );
    expect((await socket.closed).code).toBe(1009);
    expect((await api.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('closes a socket that sends no connection_init within WS_CONNECTION_INIT_TIMEOUT_MS (4408)', async () => {
    const opened = Date.now();
    const socket = await open();
    expect((await socket.closed).code).toBe(4408);
    expect(Date.now() - opened).toBeLessThan(2500);
  });

  it('counts sign-ins over the socket in the same lockout as HTTP, from the caller’s address', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    const socket = await open(from);
    await socket.init();
    const { alice, bob, staff } = school.users;
    const overHttp = (email: string, password: string) => api.gql(SIGN_IN, { email, password }, { headers: from });
    for (const email of [alice.email, bob.email, alice.email, bob.email]) {
      expect(socketCodes(await socket.run(SIGN_IN, { email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
      expect(codes(await overHttp(email, 'guess'))).toEqual(['UNAUTHENTICATED']);
    }
    // Eight failures from 203.0.113.7, half of them over the socket: the address must wait.
    expect(codes(await overHttp(staff.email, PASSWORD))).toEqual(['RATE_LIMITED']);
    expect(socketCodes(await socket.run(SIGN_IN, { email: staff.email, password: PASSWORD }))).toEqual(['RATE_LIMITED']);
    // From elsewhere, staff signs in.
    expect(codes(await api.gql(SIGN_IN, { email: staff.email, password: PASSWORD }))).toEqual([]);
  });
});

describe('the websocket transport in production', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('pglite', { NODE_ENV: 'production' });
  });
  afterAll(() => api?.close());

  it('hides the schema from anonymous callers as HTTP does: no introspection, no "Did you mean"', async () => {
    const socket = await openRawSocket(api.url);
    try {
      await socket.init();
      const introspection = await socket.run('{ __schema { queryType { name } } }');
      expect(socketCodes(introspection)).toEqual(['UNAUTHENTICATED']);
      const typo = await socket.run('{ ticketz { id } }');
      expect(socketCodes(typo)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(typo.payload[0].message).toBe('Cannot query field "ticketz" on type "Query".');
      const enumValue = await socket.run('query($status: [IncidentStatus!]) { incidents(status: $status) { edges { node { id } } } }', {
        status: ['RESOLVD'],
      });
      expect(socketCodes(enumValue)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(enumValue.payload)).not.toMatch(/Did you mean/);
    } finally {
      socket.close();
    }
  });
});

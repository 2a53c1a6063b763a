// The limits over HTTP: size, depth, aliases, tokens and cost refuse a query before it runs, lists
// cost as many items as they may hold and hold no more, an answer has a maximum size, every caller's
// budget (API key, user, anonymous address) drains and refills; strangers in production get neither
// introspection nor "did you mean" hints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, until, type School } from '@studentdesk/testing';
import { toGlobalId } from '../relay/global-id.js';
import { startTestApi, type TestApi } from '../test/api.js';
import { REFUSED_OPERATION_COST } from './admission.js';
import { LIST_MAXIMUM } from './list-maximums.js';
import { MAX_ALIASES, MAX_DEPTH, MAX_TOKENS } from './query-limits.js';

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
/** Costs 2 + 90 × 1 (each node; edges are free) = 92. */
const NINETY_TICKETS = '{ tickets(first: 90) { edges { node { id title } } } }';
const INTROSPECTION = '{ __schema { queryType { name } } }';
const RESPONSE_MAX_BYTES = 25_000;
/** Costs 2 + 80 × (1 + 2 + 8 × 1) = 882: one fits a budget of 1000, two do not. */
const COSTLY = '{ tickets(first: 80) { edges { node { id messages(first: 8) { edges { node { id } } } } } } }';

describe('query limits', () => {
  let api: TestApi;
  let school: School;
  let key: string;

  beforeAll(async () => {
    api = await startTestApi('pglite', {
      QUERY_MAX_COST: '1000',
      API_KEY_BUDGET: '1000',
      API_KEY_BUDGET_RESTORE_PER_SECOND: '500',
      USER_BUDGET: '1000',
      USER_BUDGET_RESTORE_PER_SECOND: '1',
      QUERY_MAX_DOCUMENT_BYTES: '40000',
      QUERY_MAX_VARIABLES_BYTES: '5000',
      RESPONSE_MAX_BYTES: String(RESPONSE_MAX_BYTES),
      SIGN_IN_FAILURES_PER_ACCOUNT: '3',
      SIGN_IN_FAILURES_PER_ADDRESS: '8',
    });
    school = await createSchool(api);
    const created = await api.gql(
      'mutation { createApiKey(input: { name: "BI", scopes: [TICKETS_READ] }) { key } }',
      {},
      { token: school.tokens.admin },
    );
    key = created.data!.createApiKey.key;
    // More categories than a list may show.
    await api.db.prisma.category.createMany({
      data: Array.from({ length: LIST_MAXIMUM.categories + 5 }, (_, index) => ({
        name: `Crowded ${String(index).padStart(3, '0')}`,
        departmentId: school.departments.finance.id,
      })),
    });
  });
  afterAll(() => api?.close());

  it(`refuses a query deeper than ${MAX_DEPTH}, with more than ${MAX_ALIASES} aliases or ${MAX_TOKENS} tokens`, async () => {
    const nested = (levels: number) =>
      `{ __type(name: "Ticket") { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } }`;
    expect((await api.gql(nested(MAX_DEPTH - 4))).errors).toBeUndefined();
    const deep = await api.gql(nested(MAX_DEPTH));
    expect(deep.status).toBe(400);
    expect(codes(deep)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(deep.errors![0]!.extensions).toMatchObject({ limit: 'depth', maximum: MAX_DEPTH });

    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: me { id }`).join(' ')} }`;
    expect((await api.gql(aliases(MAX_ALIASES))).errors).toBeUndefined();
    const aliased = await api.gql(aliases(MAX_ALIASES + 1));
    expect(codes(aliased)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(aliased.errors![0]!.extensions).toMatchObject({ limit: 'aliases', maximum: MAX_ALIASES });

    const long = await api.gql(`{ ${'__typename '.repeat(MAX_TOKENS)} }`);
    expect(long.status).toBe(400);
    expect(codes(long)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(long.errors![0]!.message).toMatch(/tokens/);
  });

  it('refuses a document or variables over their byte limits before parsing them, POST and GET alike', async () => {
    const document = await api.gql(`{ __typename ${'#'.repeat(40_001)}\n }`);
    expect(document.status).toBe(413);
    expect(codes(document)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(document.errors![0]!.extensions).toMatchObject({ limit: 'documentBytes', maximum: 40_000 });

    const variables = await api.gql('query($text: String!) { searchArticles(text: $text) { id } }', { text: 'x'.repeat(5_001) });
    expect(variables.status).toBe(413);
    expect(variables.errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'variablesBytes', maximum: 5000 });

    const get = await fetch(`${api.url}?query=${encodeURIComponent('{ __typename }')}&variables=${'x'.repeat(5_001)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(413);
    expect(((await get.json()) as { errors: Array<{ extensions: object }> }).errors[0]!.extensions).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      limit: 'variablesBytes',
    });
  });

  it('rejects an expensive query by its cost before touching the database', async () => {
    const expensive = '{ tickets(first: 100) { edges { node { id messages(first: 100) { edges { node { body } } } } } } }';
    api.queries.length = 0;
    const anonymous = await api.gql(expensive);
    expect(anonymous.status).toBe(400);
    expect(codes(anonymous)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(anonymous.errors![0]!.extensions).toMatchObject({ limit: 'cost', maximum: 1000, cost: 2 + 100 * (1 + 2 + 100 * 1) });
    expect(api.queries).toEqual([]);

    // Paging backwards costs the same as forwards: `last` counts as `first` does.
    const backwards = await api.gql('{ tickets(last: 100) { edges { node { id messages(last: 100) { edges { node { body } } } } } } }');
    expect(backwards.errors![0]!.extensions).toMatchObject({ limit: 'cost', cost: 2 + 100 * (1 + 2 + 100 * 1) });
    expect(api.queries).toEqual([]);

    const withKey = await api.gql(expensive, {}, { token: key });
    expect(codes(withKey)).toEqual(['QUERY_TOO_COMPLEX']);
    // Only the key was looked up: no ticket was read.
    expect(api.queries.filter((sql) => !/^(BEGIN|COMMIT)/.test(sql)).every((sql) => sql.includes('"ApiKey"'))).toBe(true);
  });

  it('counts a plain list as its most items, and never returns more', async () => {
    const listed = await api.gql('{ categories { id } }');
    expect(listed.headers.get('x-query-cost')).toBe(String(LIST_MAXIMUM.categories));
    // Lists inside lists multiply: what took one point per list before is refused now.
    const nested = await api.gql('{ departments { categories { department { categories { id } } } } }');
    expect(codes(nested)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(nested.errors![0]!.extensions!.cost).toBe(
      LIST_MAXIMUM.departments * (1 + LIST_MAXIMUM.categoriesPerDepartment * (1 + 1 + LIST_MAXIMUM.categoriesPerDepartment)),
    );

    const categories = await api.gql<{ categories: unknown[] }>('{ categories { id } }');
    expect(categories.data!.categories).toHaveLength(LIST_MAXIMUM.categories);
    const finance = await api.gql<{ node: { categories: unknown[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Department { categories { id } } } }',
      {
        id: toGlobalId('Department', school.departments.finance.id),
      },
    );
    expect(finance.data!.node.categories).toHaveLength(LIST_MAXIMUM.categoriesPerDepartment);
  });

  it(`answers RESPONSE_TOO_LARGE instead of an answer over ${RESPONSE_MAX_BYTES} bytes`, async () => {
    const response = await api.gql('{ categories { id name department { id name } } }');
    expect(codes(response)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(response.errors![0]!.extensions).toMatchObject({ limit: 'responseBytes', maximum: RESPONSE_MAX_BYTES });
    expect(response.data).toBeUndefined();
  });

  it('counts a variable `first` and reports the cost and the caller’s budget in extensions and headers', async () => {
    const response = await api.gql(
      'query($n: Int) { tickets(first: $n) { totalCount edges { node { id } } } }',
      { n: 5 },
      { token: school.tokens.staff },
    );
    expect(response.headers.get('x-query-cost')).toBe(String(2 + 5 * 1));
    expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
    const body: any = await (
      await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${school.tokens.staff}` },
        body: JSON.stringify({ query: '{ tickets(first: 5) { totalCount } }' }),
      })
    ).json();
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: 2,
      maximumQueryCost: 1000,
      throttleStatus: { maximumAvailable: 1000, restoreRate: 1 },
    });
  });

  it('drains an API key’s budget, says when to retry, and refills it', async () => {
    expect((await api.gql(COSTLY, {}, { token: key })).errors).toBeUndefined();
    const refused = await api.gql(COSTLY, {}, { token: key });
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    const retryAfter = refused.errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));

    // The bucket refills at 500 points a second: the query is answered again within two.
    await until(async () => (await api.gql(COSTLY, {}, { token: key })).errors === undefined, 10_000, 'the budget to refill');
    const extensions = (
      (await (
        await fetch(api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: '{ tickets(first: 1) { totalCount } }' }),
        })
      ).json()) as any
    ).extensions;
    expect(extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 1000, restoreRate: 500 });
  });

  it(`charges ${REFUSED_OPERATION_COST} points for a refused operation, so a flood of them is soon refused before parsing`, async () => {
    // The manager's budget: 1000 points, one back a second.
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => api.gql('{ ticketz { id } }', {}, { token: school.tokens.manager })),
    );
    const answered = answers.map((answer) => codes(answer)[0]);
    const checked = answered.filter((code) => code === 'GRAPHQL_VALIDATION_FAILED').length;
    expect(checked).toBeGreaterThanOrEqual(100);
    expect(checked).toBeLessThanOrEqual(110);
    expect(answered.filter((code) => code === 'RATE_LIMITED')).toHaveLength(300 - checked);
    // A valid query waits too, for the refusals' points to come back.
    const after = await api.gql('{ tickets(first: 1) { totalCount } }', {}, { token: school.tokens.manager });
    expect(codes(after)).toEqual(['RATE_LIMITED']);
  });

  it('gives a signed-in user a budget too: 60 concurrent costly queries are mostly refused', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, () => api.gql(NINETY_TICKETS, {}, { token: school.tokens.alice })));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.length - refused.length).toBeLessThanOrEqual(Math.ceil(1000 / 92));
    expect(refused.length).toBeGreaterThanOrEqual(49);
    for (const answer of refused) {
      expect(codes(answer)).toEqual(['RATE_LIMITED']);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.errors![0]!.message).toMatch(/^Your query budget is spent/);
    }
    // Another student's budget is their own.
    expect((await api.gql(NINETY_TICKETS, {}, { token: school.tokens.bob })).errors).toBeUndefined();
  });

  it('rate limits sign-in failures per account and address, even with the right password, and per address', async () => {
    const { alice, bob, staff } = school.users;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(codes(await api.gql(SIGN_IN, { email: alice.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    }
    const locked = await api.gql(SIGN_IN, { email: alice.email, password: 'correct horse battery staple' });
    expect(locked.status).toBe(429);
    expect(codes(locked)).toEqual(['RATE_LIMITED']);
    expect(locked.errors![0]!.extensions!.retryAfter).toBeGreaterThan(60);

    // Bob's account is fine, until the address has failed 8 times in all.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(codes(await api.gql(SIGN_IN, { email: bob.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(codes(await api.gql(SIGN_IN, { email: staff.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: staff.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: staff.email, password: 'correct horse battery staple' }))).toEqual(['RATE_LIMITED']);
  });

  it('in development, gives introspection and suggestions to anyone', async () => {
    expect((await api.gql(INTROSPECTION)).data!.__schema.queryType.name).toBe('Query');
    expect((await api.gql('{ ticketz { id } }')).errors![0]!.message).toMatch(/Did you mean/);
  });
});

describe('schema exposure in production', () => {
  let api: TestApi;
  let key: string;

  beforeAll(async () => {
    api = await startTestApi('pglite', { NODE_ENV: 'production' });
    const school = await createSchool(api);
    key = (
      await api.gql('mutation { createApiKey(input: { name: "LMS", scopes: [TICKETS_READ] }) { key } }', {}, { token: school.tokens.admin })
    ).data!.createApiKey.key;
  });
  afterAll(() => api?.close());

  it('gives introspection to integrators only', async () => {
    const anonymous = await api.gql(INTROSPECTION);
    expect(anonymous.status).toBe(401);
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect((await api.gql(INTROSPECTION, {}, { token: key })).data!.__schema.queryType.name).toBe('Query');
  });

  it('keeps "did you mean" from anonymous callers, in validation and in variables alike', async () => {
    const anonymous = await api.gql('{ ticketz { id } }');
    expect(codes(anonymous)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(anonymous.errors![0]!.message).toBe('Cannot query field "ticketz" on type "Query".');
    const integrator = await api.gql('{ ticketz { id } }', {}, { token: key });
    expect(integrator.errors![0]!.message, JSON.stringify(integrator)).toMatch(/Did you mean .*"tickets"/);

    const enumValue = 'query($status: [IncidentStatus!]) { incidents(status: $status) { edges { node { id } } } }';
    const coerced = await api.gql(enumValue, { status: ['RESOLVD'] });
    expect(codes(coerced), JSON.stringify(coerced.errors)).toEqual(['BAD_USER_INPUT']);
    expect(coerced.errors![0]!.message).not.toMatch(/Did you mean/);
    expect((await api.gql(enumValue, { status: ['RESOLVD'] }, { token: key })).errors![0]!.message).toMatch(/Did you mean/);
  });
});

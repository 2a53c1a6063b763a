// The limits over HTTP: depth, aliases, tokens and cost refuse a query before it runs; an API
// key's budget drains and refills; sign-ins slow guessers down; strangers in production get
// neither introspection nor "did you mean" hints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, PASSWORD, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { MAX_ALIASES, MAX_DEPTH, MAX_TOKENS } from './query-limits.js';

const SIGN_IN = 'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }';
/** Costs 2 + 90 × 1 (each node; edges are free) = 92. */
const NINETY_TICKETS = '{ tickets(first: 90) { edges { node { id title } } } }';
const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('query limits', () => {
  let api: TestApi;
  let school: School;
  let key: string;

  beforeAll(async () => {
    api = await startTestApi('pglite', {
      QUERY_MAX_COST: '100',
      API_KEY_BUDGET: '100',
      API_KEY_BUDGET_RESTORE_PER_SECOND: '50',
      SIGN_IN_FAILURES_PER_ACCOUNT: '3',
      SIGN_IN_FAILURES_PER_ADDRESS: '5',
    });
    school = await createSchool(api);
    const created = await api.gql(
      'mutation { createApiKey(input: { name: "BI", scopes: [TICKETS_READ] }) { key } }',
      {},
      { token: school.tokens.admin },
    );
    key = created.data!.createApiKey.key;
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

  it('rejects an expensive query by its cost before touching the database', async () => {
    const expensive = '{ tickets(first: 100) { edges { node { id messages(first: 100) { edges { node { body } } } } } } }';
    api.queries.length = 0;
    const anonymous = await api.gql(expensive);
    expect(anonymous.status).toBe(400);
    expect(codes(anonymous)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(anonymous.errors![0]!.extensions).toMatchObject({ limit: 'cost', maximum: 100, cost: 2 + 100 * (1 + 2 + 100 * 1) });
    expect(api.queries).toEqual([]);

    const withKey = await api.gql(expensive, {}, { token: key });
    expect(codes(withKey)).toEqual(['QUERY_TOO_COMPLEX']);
    // Only the key was looked up: no ticket was read.
    expect(api.queries.filter((sql) => !/^(BEGIN|COMMIT)/.test(sql)).every((sql) => sql.includes('"ApiKey"'))).toBe(true);
  });

  it('counts a variable `first` and reports the cost in extensions and headers', async () => {
    const response = await api.gql(
      'query($n: Int) { tickets(first: $n) { totalCount edges { node { id } } } }',
      { n: 5 },
      { token: school.tokens.staff },
    );
    expect(response.headers.get('x-query-cost')).toBe(String(2 + 5 * 1));
    const body: any = await (
      await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${school.tokens.staff}` },
        body: JSON.stringify({ query: '{ tickets(first: 5) { totalCount } }' }),
      })
    ).json();
    expect(body.extensions.cost).toEqual({ requestedQueryCost: 2, maximumQueryCost: 100 });
  });

  it('drains an API key’s budget, says when to retry, and refills it', async () => {
    const first = await api.gql(NINETY_TICKETS, {}, { token: key });
    expect(first.errors).toBeUndefined();
    expect(first.headers.get('x-ratelimit-limit')).toBe('100');
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    expect(remaining).toBeLessThan(100 - 92 + 5);

    const second = await api.gql(NINETY_TICKETS, {}, { token: key });
    expect(second.status).toBe(429);
    expect(codes(second)).toEqual(['RATE_LIMITED']);
    const retryAfter = second.errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(second.headers.get('retry-after')).toBe(String(retryAfter));

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    const third = await api.gql(NINETY_TICKETS, {}, { token: key });
    expect(third.errors).toBeUndefined();
    const extensions = (
      (await (
        await fetch(api.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: '{ tickets(first: 1) { totalCount } }' }),
        })
      ).json()) as any
    ).extensions;
    expect(extensions.cost.throttleStatus).toMatchObject({ maximumAvailable: 100, restoreRate: 50 });
  });

  it('rate limits sign-in attempts per account, even with the right password, and per address', async () => {
    const { alice, bob, staff } = school.users;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(codes(await api.gql(SIGN_IN, { email: alice.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    }
    const locked = await api.gql(SIGN_IN, { email: alice.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(codes(locked)).toEqual(['RATE_LIMITED']);
    expect(locked.errors![0]!.extensions!.retryAfter).toBeGreaterThan(60);

    // Bob's account is fine, until the address has failed 5 times in all.
    expect(codes(await api.gql(SIGN_IN, { email: bob.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: bob.email, password: 'guess' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await api.gql(SIGN_IN, { email: staff.email, password: PASSWORD }))).toEqual(['RATE_LIMITED']);
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

  it('keeps "did you mean" from anonymous callers', async () => {
    const anonymous = await api.gql('{ ticketz { id } }');
    expect(codes(anonymous)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(anonymous.errors![0]!.message).toBe('Cannot query field "ticketz" on type "Query".');
    const integrator = await api.gql('{ ticketz { id } }', {}, { token: key });
    expect(integrator.errors![0]!.message, JSON.stringify(integrator)).toMatch(/Did you mean .*"tickets"/);
  });
});

// The HTTP surface around GraphQL: health, error shapes, no internals in errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes } from '@studentdesk/testing';
import { startTestApi, type TestApi } from './test/api.js';

describe('the HTTP server', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('pglite');
  });
  afterAll(() => api?.close());

  it('answers /health after checking the database', async () => {
    const response = await fetch(api.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  // faults.test.ts proves it stays 200 while the database is down.
  it('answers /health/live', async () => {
    const response = await fetch(api.url.replace('/graphql', '/health/live'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('passes query validation errors through with their code and a helpful message', async () => {
    const response = await api.gql('{ tickets { edges { node { nonsense } } } }');
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors![0]!.message).toMatch(/Cannot query field "nonsense" on type "Ticket"/);
  });

  it('reports a wrongly typed variable as BAD_USER_INPUT', async () => {
    const response = await api.gql('query($first: Int) { tickets(first: $first) { totalCount } }', { first: 'ten' });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('never sends stack traces', async () => {
    const response = await api.gql('{ ticket(id: "not-base64!") { id } }');
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
  });
});

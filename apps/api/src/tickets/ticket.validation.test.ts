// Bad input gets a clear BAD_USER_INPUT error naming the field, never a stack trace, and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { RATE, REPORT_PROBLEM, RESOLVE } from '../test/operations.js';
import { toGlobalId } from '../relay/global-id.js';

describe.each(DATABASE_KINDS)('bad input on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const counts = async () => ({
    tickets: await api.db.prisma.ticket.count(),
    events: await api.db.prisma.ticketEvent.count(),
    codes: await api.db.prisma.trackingCode.count(),
    ratings: await api.db.prisma.rating.count(),
  });
  const report = (input: Record<string, unknown>, token?: string) =>
    api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Wi-Fi drops', description: 'Every ten minutes.', ...input } },
      { token },
    );

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(() => api?.close());

  const rejects = async (input: Record<string, unknown>, field: string, message: RegExp, token = school.tokens.alice) => {
    const before = await counts();
    const response = await report(input, token);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(response.errors![0]!.message).toMatch(message);
    expect(JSON.stringify(response.errors)).not.toMatch(/stack|prisma|at \w+ \(/i);
    expect(await counts()).toEqual(before);
  };

  it('rejects an empty or blank title', async () => {
    await rejects({ title: '' }, 'title', /Give the problem a short title/);
    await rejects({ title: '   ' }, 'title', /Give the problem a short title/);
  });

  it('rejects a 1 MB description without echoing it back', async () => {
    const huge = 'x'.repeat(1_000_000);
    const before = await counts();
    const response = await report({ description: huge }, school.tokens.alice);
    expect(response.status).toBe(200);
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe('description');
    expect(JSON.stringify(response).length).toBeLessThan(2_000);
    expect(await counts()).toEqual(before);
  });

  it('rejects an unknown category, and an ID of the wrong type', async () => {
    await rejects(
      { categoryId: toGlobalId('Category', '00000000-0000-4000-8000-000000000000') },
      'categoryId',
      /Choose one of the listed categories/,
    );
    await rejects({ categoryId: toGlobalId('Department', school.departments.it.id) }, 'categoryId', /not a valid Category ID/);
  });

  it('requires a name and a valid email from someone not signed in', async () => {
    const before = await counts();
    expect(codes(await report({}))).toEqual(['BAD_USER_INPUT']);
    const badEmail = await report({ contactName: 'X', contactEmail: 'not-an-email' });
    expect(badEmail.errors![0]!.extensions!.field).toBe('contactEmail');
    expect(await counts()).toEqual(before);
  });

  it('rejects scores 0 and 6, and a second rating', async () => {
    const reported = await report({}, school.tokens.alice);
    const ticketId = reported.data!.reportProblem.ticket.id;
    const early = await api.gql(RATE, { input: { ticketId, score: 5, expectation: 'MET' } }, { token: school.tokens.alice });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.message).toMatch(/once it is resolved/);
    await api.gql(RESOLVE, { input: { ticketId, resolution: 'Replaced the access point.' } }, { token: school.tokens.staff });

    for (const score of [0, 6]) {
      const response = await api.gql(RATE, { input: { ticketId, score, expectation: 'MET' } }, { token: school.tokens.alice });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.message).toBe('score must be from 1 to 5');
    }
    expect(await api.db.prisma.rating.count()).toBe(0);

    const first = await api.gql(RATE, { input: { ticketId, score: 3, expectation: 'MET' } }, { token: school.tokens.alice });
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const second = await api.gql(RATE, { input: { ticketId, score: 5, expectation: 'EXCEEDED' } }, { token: school.tokens.alice });
    expect(codes(second)).toEqual(['BAD_USER_INPUT']);
    expect(second.errors![0]!.message).toMatch(/already been rated/);
    expect(await counts()).toEqual(before);
  });

  it('rejects an invalid status move with BAD_USER_INPUT and leaves the ticket as it was', async () => {
    const reported = await report({}, school.tokens.alice);
    const ticketId = reported.data!.reportProblem.ticket.id;
    const close = await api.gql(
      'mutation($id: ID!) { updateTicketStatus(ticketId: $id, status: CLOSED) { status } }',
      { id: ticketId },
      { token: school.tokens.staff },
    );
    expect(codes(close)).toEqual(['BAD_USER_INPUT']);
    expect(close.errors![0]!.message).toBe('A new ticket cannot become closed.');
    await api.gql(RESOLVE, { input: { ticketId, resolution: 'Fixed.' } }, { token: school.tokens.staff });
    const before = await counts();
    const twice = await api.gql(RESOLVE, { input: { ticketId, resolution: 'Fixed again.' } }, { token: school.tokens.staff });
    expect(codes(twice)).toEqual(['BAD_USER_INPUT']);
    expect(await counts()).toEqual(before);
  });

  it('caps page sizes at 100 with a clear error', async () => {
    const response = await api.gql('{ tickets(first: 101) { totalCount } }', {}, { token: school.tokens.admin });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/first must be between 0 and 100/);
    const tampered = await api.gql('{ tickets(after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, { token: school.tokens.admin });
    expect(codes(tampered)).toEqual(['BAD_USER_INPUT']);
  });

  it('answers malformed JSON and oversized bodies in GraphQL’s error shape', async () => {
    const malformed = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const oversized = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { name } }', variables: { pad: 'x'.repeat(3_000_000) } }),
    });
    expect(oversized.status).toBe(413);
    expect(((await oversized.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a date PostgreSQL cannot store (year 0) as bad input, on a variable and in the document', async () => {
    const query = 'query($before: DateTime) { tickets(filter: { resolutionDueBefore: $before }) { totalCount } }';
    for (const before of ['0000-01-01T00:00:00Z', '0000-12-31T23:59:59Z']) {
      const answer = await api.gql(query, { before }, { token: school.tokens.staff });
      expect(codes(answer), before).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0]!.message).toMatch(/between the years 1 and 9999/);
    }
    const inline = await api.gql(
      '{ tickets(filter: { resolutionDueBefore: "0000-01-01T00:00:00Z" }) { totalCount } }',
      {},
      { token: school.tokens.staff },
    );
    expect(codes(inline)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(inline.errors![0]!.message).toMatch(/between the years 1 and 9999/);
    // The first year that exists is fine.
    expect(codes(await api.gql(query, { before: '0001-01-01T00:00:00Z' }, { token: school.tokens.staff }))).toEqual([]);
  });
});

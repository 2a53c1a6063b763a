// searchTickets over HTTP: what it finds (messages, accents, web-search syntax), what it never
// shows (others' tickets, internal notes to students), and the queries it refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';

const SEARCH = `query Search($query: String!, $first: Int) {
  searchTickets(query: $query, first: $first) {
    edges { node { id title } highlights { text match } }
    pageInfo { hasNextPage }
  }
}`;

describe.each(DATABASE_KINDS)('searchTickets on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const ids: Record<string, string> = {};

  const report = async (token: string, categoryId: string, title: string, description: string) => {
    const response = await api.gql(REPORT_PROBLEM, { input: { categoryId, title, description } }, { token });
    expect(response.errors).toBeUndefined();
    return response.data!.reportProblem.ticket.id as string;
  };
  const reply = async (ticketId: string, body: string, internal = false) => {
    const response = await api.gql(REPLY, { input: { ticketId, body, internal } }, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
  };
  const search = async (query: string, token: string) => {
    const response = await api.gql(SEARCH, { query }, { token });
    expect(response.errors).toBeUndefined();
    return response.data!.searchTickets.edges as Array<{ node: { id: string }; highlights: Array<{ text: string; match: boolean }> }>;
  };
  const found = async (query: string, token: string) => (await search(query, token)).map((edge) => edge.node.id);

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const { alice, bob } = school.tokens;
    ids.wifi = await report(alice, school.categoryIds.login, 'Wifi drops in the library', 'It disconnects every ten minutes.');
    ids.eduroam = await report(alice, school.categoryIds.login, 'Wifi eduroam refuses my password', 'Cannot join on my laptop.');
    ids.cafe = await report(bob, school.categoryIds.login, 'Card rejected at the café', 'The canteen reader says no.');
    ids.fees = await report(bob, school.categoryIds.fees, 'Wifi charge on my fee statement', 'Why am I paying for wifi?');
    await reply(ids.wifi, 'Please try forgetting the network: a stale certificate would explain the drops.');
    await reply(ids.wifi, 'Access point AP-17 is flaky; swap it quietly.', true);
  });
  afterAll(() => api?.close());

  it('finds a word that appears only in a reply, and marks it in the snippet', async () => {
    const [edge, ...rest] = await search('certificate', school.tokens.staff);
    expect(rest).toEqual([]);
    expect(edge!.node.id).toBe(ids.wifi);
    expect(edge!.highlights.filter((piece) => piece.match).map((piece) => piece.text)).toEqual(['certificate']);
    expect(edge!.highlights.map((piece) => piece.text).join('')).toContain('stale certificate would');
  });

  it('ignores accents both ways', async () => {
    expect(await found('cafe', school.tokens.staff)).toEqual([ids.cafe]);
    expect(await found('CAFÉ', school.tokens.staff)).toEqual([ids.cafe]);
  });

  it('understands web-search syntax: a minus excludes, quotes want a phrase', async () => {
    expect(new Set(await found('wifi', school.tokens.staff))).toEqual(new Set([ids.wifi, ids.eduroam]));
    expect(await found('wifi -eduroam', school.tokens.staff)).toEqual([ids.wifi]);
    expect(await found('"ten minutes"', school.tokens.staff)).toEqual([ids.wifi]);
    expect(await found('"minutes ten"', school.tokens.staff)).toEqual([]);
  });

  it('ranks the better match first', async () => {
    // "wifi" twice in the fees ticket (title and description), once in each IT ticket.
    expect((await found('wifi', school.tokens.admin))[0]).toBe(ids.fees);
  });

  it('shows staff of another department and other students nothing of tickets they cannot see', async () => {
    expect(await found('wifi', school.tokens.otherStaff)).toEqual([ids.fees]);
    expect(await found('certificate', school.tokens.otherStaff)).toEqual([]);
    expect(await found('wifi', school.tokens.bob)).toEqual([ids.fees]);
    expect(await found('cafe', school.tokens.alice)).toEqual([]);
  });

  it('lets a student search their own conversation but never an internal note', async () => {
    expect(await found('certificate', school.tokens.alice)).toEqual([ids.wifi]);
    expect(await found('flaky', school.tokens.alice)).toEqual([]);
    expect(await found('flaky', school.tokens.staff)).toEqual([ids.wifi]);
  });

  it('refuses an empty or overlong query, and callers who are not signed in', async () => {
    for (const query of ['', '   ', 'x'.repeat(201)]) {
      expect(codes(await api.gql(SEARCH, { query }, { token: school.tokens.staff }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(codes(await api.gql(SEARCH, { query: 'wifi' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('cannot be fooled into a match by marker characters in ticket text', async () => {
    const id = await report(
      school.tokens.alice,
      school.categoryIds.login,
      'Odd \u0001printer\u0002 name',
      'The printer shows strange text.',
    );
    const [edge] = await search('strange', school.tokens.staff);
    expect(edge!.node.id).toBe(id);
    expect(edge!.highlights.filter((piece) => piece.match).map((piece) => piece.text)).toEqual(['strange']);
  });
});

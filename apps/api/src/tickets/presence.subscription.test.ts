// Presence over graphql-ws: colleagues working a ticket hear each other viewing, typing and
// leaving (never their own announcements); nobody else may announce or listen.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, connectTo, createSchool, DATABASE_KINDS, follow, type School, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPORT_PROBLEM } from '../test/operations.js';

const PRESENCE = 'subscription($ticketId: ID!) { ticketPresence(ticketId: $ticketId) { user { name } activity at expiresAt } }';
const ANNOUNCE = 'mutation($ticketId: ID!, $activity: PresenceActivity!) { announcePresence(ticketId: $ticketId, activity: $activity) }';

describe.each(DATABASE_KINDS)('presence on a ticket, on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let ticketId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'VPN drops', description: 'Every hour.' } },
      { token: school.tokens.alice },
    );
    ticketId = reported.data!.reportProblem.ticket.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
  });

  const announce = (token: string, activity: string) => api.gql(ANNOUNCE, { ticketId, activity }, { token });

  it('tells a colleague who is typing and who left, with when it lapses, and never echoes one’s own', async () => {
    const before = api.liveSubscriptions();
    const sam = follow(connectTo(api, clients, school.tokens.staff), PRESENCE, 'ticketPresence', { ticketId });
    await until(() => api.liveSubscriptions() === before + 1, 5000, 'the subscription');

    expect(codes(await announce(school.tokens.staff, 'VIEWING'))).toEqual([]);
    expect(codes(await announce(school.tokens.manager, 'TYPING'))).toEqual([]);
    const typing = await sam.next();
    expect(typing).toMatchObject({ user: { name: 'Maya Manager' }, activity: 'TYPING' });
    expect(Date.parse(typing.expiresAt) - Date.parse(typing.at)).toBe(8000);

    await announce(school.tokens.manager, 'LEFT');
    expect(await sam.next()).toMatchObject({ user: { name: 'Maya Manager' }, activity: 'LEFT', expiresAt: null });
    // Sam's own VIEWING never came back to him.
    expect(sam.events).toEqual([]);
    expect(sam.errors).toEqual([]);
    sam.dispose();
  });

  it('refuses staff of another department, students and guests, on both doors', async () => {
    for (const token of [school.tokens.otherStaff, school.tokens.alice]) {
      expect(codes(await announce(token, 'VIEWING'))).toEqual(['FORBIDDEN']);
      const listener = follow(connectTo(api, clients, token), PRESENCE, 'ticketPresence', { ticketId });
      await until(() => listener.errors.length > 0, 5000, 'the refusal');
      expect(listener.errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(codes(await api.gql(ANNOUNCE, { ticketId, activity: 'VIEWING' }))).toEqual(['UNAUTHENTICATED']);
  });
});

// Live updates over graphql-ws on the API's own port, under the same rules as reading the ticket.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo, createSchool, DATABASE_KINDS, follow as followQuery, type School, until } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { REPLY, REPORT_PROBLEM } from '../test/operations.js';

const TICKET_UPDATED = /* GraphQL */ `
  subscription Follow($ticketId: ID!, $trackingCode: String) {
    ticketUpdated(ticketId: $ticketId, trackingCode: $trackingCode) {
      status
      messages(first: 50) {
        edges {
          node {
            body
            internal
          }
        }
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('ticketUpdated on %s', (kind) => {
  let api: TestApi;
  let school: School;
  const clients: Client[] = [];
  const connect = (authToken?: string) => connectTo(api, clients, authToken);
  const follow = (client: Client, variables: Record<string, unknown>) => followQuery(client, TICKET_UPDATED, 'ticketUpdated', variables);

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.close();
  });

  const reportAs = async (token?: string) => {
    const response = await api.gql(
      REPORT_PROBLEM,
      {
        input: {
          categoryId: school.categoryIds.login,
          title: 'VPN refuses me',
          description: 'Error 809.',
          contactName: 'Guest',
          contactEmail: 'g@example.edu',
        },
      },
      { token },
    );
    return response.data!.reportProblem as { ticket: { id: string }; trackingCode: string };
  };

  it('delivers a staff reply to the student without the internal note that came first', async () => {
    const { ticket } = await reportAs(school.tokens.alice);
    const subscribed = api.liveSubscriptions();
    const student = follow(connect(school.tokens.alice), { ticketId: ticket.id });
    const staff = follow(connect(school.tokens.staff), { ticketId: ticket.id });
    await until(() => api.liveSubscriptions() === subscribed + 2, 5000, 'both subscriptions');

    await api.gql(
      REPLY,
      { input: { ticketId: ticket.id, body: 'Check certificate first.', internal: true } },
      { token: school.tokens.staff },
    );
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Please reinstall the VPN profile.' } }, { token: school.tokens.staff });

    const seenByStudent = [await student.next(), await student.next()];
    expect(seenByStudent.at(-1)).toEqual({
      status: 'OPEN',
      messages: { edges: [{ node: { body: 'Please reinstall the VPN profile.', internal: false } }] },
    });
    expect(JSON.stringify(seenByStudent)).not.toContain('Check certificate first.');
    const seenByStaff = [await staff.next(), await staff.next()];
    expect(seenByStaff.at(-1).messages.edges.map((edge: any) => edge.node.body)).toEqual([
      'Check certificate first.',
      'Please reinstall the VPN profile.',
    ]);
    student.dispose();
    staff.dispose();
  });

  it('lets a guest follow with the tracking code', async () => {
    const { ticket, trackingCode } = await reportAs();
    const subscribed = api.liveSubscriptions();
    const guest = follow(connect(), { ticketId: ticket.id, trackingCode });
    await until(() => api.liveSubscriptions() === subscribed + 1, 5000, 'the guest’s subscription');
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'Looking into it.' } }, { token: school.tokens.staff });
    expect((await guest.next()).messages.edges.map((edge: any) => edge.node.body)).toEqual(['Looking into it.']);
    guest.dispose();
  });

  it('refuses another student and an anonymous caller', async () => {
    const { ticket } = await reportAs(school.tokens.alice);
    const subscribed = api.liveSubscriptions();
    const alice = follow(connect(school.tokens.alice), { ticketId: ticket.id });
    const bob = follow(connect(school.tokens.bob), { ticketId: ticket.id });
    const nobody = follow(connect(), { ticketId: ticket.id });
    await until(() => bob.errors.length > 0 && nobody.errors.length > 0 && api.liveSubscriptions() === subscribed + 1);
    expect(bob.errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(nobody.errors.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    await api.gql(REPLY, { input: { ticketId: ticket.id, body: 'For Alice only.' } }, { token: school.tokens.staff });
    // Once Alice has the reply, anything the others were going to get would have arrived too.
    expect((await alice.next()).messages.edges.map((edge: any) => edge.node.body)).toEqual(['For Alice only.']);
    alice.dispose();
    expect(bob.events).toEqual([]);
    expect(nobody.events).toEqual([]);
  });

  it('closes the connection for a forged token', async () => {
    const client = createClient({
      url: api.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authToken: 'forged' },
      retryAttempts: 0,
    });
    clients.push(client);
    const closed = new Promise<number>((resolve) => client.on('closed', (event: any) => resolve(event.code)));
    follow(client, { ticketId: 'x' });
    expect(await closed).toBe(4403);
  });
});

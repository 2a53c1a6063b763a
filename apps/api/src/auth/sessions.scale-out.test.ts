// Signing out through one API process ends the session in the other too: its HTTP requests are
// refused at once (the session row is shared), and its open websocket closes within seconds (the
// SESSIONS_REVOKED event crosses processes through Redis). Real processes, PostgreSQL and Redis.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  codes,
  connectTo,
  createSchool,
  createTestDatabase,
  follow,
  REDIS_URL,
  type School,
  signIn,
  startApiProcess,
  type TestDatabase,
  until,
} from '@studentdesk/testing';
import { REPORT_PROBLEM } from '../test/operations.js';

describe('sessions across two API processes', () => {
  let db: TestDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  let school: School;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    // A recheck far away: only the event can close B's socket within the test's wait.
    const env = { DATABASE_URL: db.url, REDIS_URL, SESSION_RECHECK_MS: '60000' };
    [a, b] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    school = await createSchool({ db, gql: a.gql });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('signing out through A refuses the token on B at once and closes its websocket on B within seconds', async () => {
    const token = await signIn(a, school.users.alice.email);
    const reported = await b.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Scanner', description: 'Offline.' } },
      { token },
    );
    const client = connectTo(b, clients, token);
    let connected = false;
    let closeCode: number | undefined;
    client.on('connected', () => (connected = true));
    client.on('closed', (event) => (closeCode = (event as { code: number }).code));
    follow(client, 'subscription($id: ID!) { ticketUpdated(ticketId: $id) { id } }', 'ticketUpdated', {
      id: reported.data!.reportProblem.ticket.id,
    });
    await until(() => connected, 5000, 'the socket on B to connect');

    expect((await a.gql('mutation { signOut }', {}, { token })).data!.signOut).toBe(true);
    const onB = await b.gql('{ me { name } }', {}, { token });
    expect([onB.status, codes(onB)]).toEqual([401, ['UNAUTHENTICATED']]);
    await until(() => closeCode === 4401, 5000, 'the socket on B to close');
  });
});

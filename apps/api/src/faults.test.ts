// Faults under load, each on a server of the test's own: PostgreSQL stopped and started again
// while students report problems, and Redis going away under a live subscription.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openDatabase, type Database } from '@studentdesk/db';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptsConnections,
  type ApiProcess,
  connectTo,
  createPostgresCluster,
  createSchool,
  createTestDatabase,
  follow,
  freePort,
  postgresBinaries,
  type PostgresCluster,
  type School,
  startApiProcess,
  type TestDatabase,
  until,
} from '@studentdesk/testing';
import { REPLY, REPORT_PROBLEM } from './test/operations.js';

const healthStatus = (api: ApiProcess, path = '/health') =>
  fetch(`http://127.0.0.1:${api.port}${path}`).then(
    (response) => response.status,
    () => 0,
  );

describe('PostgreSQL restarting under load', () => {
  const bin = postgresBinaries();
  let cluster: PostgresCluster;
  let db: Database;
  let api: ApiProcess;
  let school: School;

  beforeAll(async () => {
    if (!bin) throw new Error('This test needs the PostgreSQL server binaries (Debian package postgresql) to run a server of its own.');
    cluster = await createPostgresCluster(bin);
    api = await startApiProcess({ DATABASE_URL: cluster.url, DB_POOL_SIZE: '4' });
    db = await openDatabase({ databaseUrl: cluster.url, migrate: false });
    school = await createSchool({ db, gql: api.gql });
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await db?.close();
    cluster?.destroy();
  });

  it('answers 503 while it is down, reconnects by itself, and loses nothing it confirmed', async () => {
    const confirmed: string[] = [];
    const refused: string[] = [];
    const answers: Array<{ status: number; codes: string[] }> = [];
    let sequence = 0;
    let running = true;
    const student = async () => {
      while (running) {
        const title = `Outage report ${(sequence += 1)}`;
        const response = await api.gql(
          REPORT_PROBLEM,
          { input: { categoryId: school.categoryIds.login, title, description: 'Load during a restart.' } },
          { token: school.tokens.alice },
        );
        const codes = (response.errors ?? []).map((error) => String(error.extensions?.code));
        answers.push({ status: response.status, codes });
        if (response.data?.reportProblem) confirmed.push(title);
        else refused.push(title);
      }
    };
    const load = Promise.all([student(), student(), student(), student()]);

    await until(() => confirmed.length >= 4, 10_000, 'reports confirmed before the restart');
    cluster.stop();
    await until(async () => (await healthStatus(api)) === 503, 10_000, '/health to say 503');
    // Not ready, but alive: an orchestrator must not restart every process over a database outage.
    expect(await healthStatus(api, '/health/live')).toBe(200);
    // Still answering (refusing, cleanly) while it is down.
    const whileDown = answers.length;
    await until(() => answers.length >= whileDown + 8, 10_000, 'answers while PostgreSQL is down');
    cluster.start();
    await until(async () => (await healthStatus(api)) === 200, 30_000, '/health to recover');
    const confirmedBeforeRecovery = confirmed.length;
    await until(() => confirmed.length >= confirmedBeforeRecovery + 4, 10_000, 'reports confirmed after recovery');
    running = false;
    await load;

    // Served before and after; refused, cleanly, in between.
    expect(confirmed.length).toBeGreaterThan(confirmedBeforeRecovery);
    expect(refused.length).toBeGreaterThan(0);
    const unexpected = answers.filter(
      (answer) => answer.codes.length > 0 && !(answer.status === 503 && answer.codes.join() === 'SERVICE_UNAVAILABLE'),
    );
    const logged = api
      .output()
      .split('\n')
      .filter((line) => line.includes('unexpected error'));
    expect({ unexpected, logged }).toEqual({ unexpected: [], logged: [] });
    expect(api.child.exitCode).toBeNull();

    // Every confirmed report is stored; no refused one is.
    const stored = await db.prisma.ticket.findMany({ where: { title: { startsWith: 'Outage report' } }, select: { title: true } });
    const storedTitles = new Set(stored.map((ticket) => ticket.title));
    expect(confirmed.filter((title) => !storedTitles.has(title))).toEqual([]);
    expect(refused.filter((title) => storedTitles.has(title))).toEqual([]);
  }, 90_000);
});

describe('Redis going away', () => {
  let redisPort: number;
  let redis: ChildProcess;
  let api: ApiProcess;
  let db: TestDatabase;
  let school: School;
  const clients: Client[] = [];

  const startRedis = async () => {
    const child = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await until(() => acceptsConnections(redisPort), 5000, 'redis-server');
    return child;
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    redisPort = await freePort();
    redis = await startRedis();
    api = await startApiProcess({ DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    school = await createSchool({ db, gql: api.gql });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await api?.stop();
    redis?.kill('SIGKILL');
    await db?.drop();
  });

  it('keeps serving, says so once in the log, and still updates subscribers of the same process', async () => {
    expect(api.output()).toContain('Redis connected');
    const reported = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Eduroam certificate error', description: 'On Android.' } },
      { token: school.tokens.alice },
    );
    const ticketId = reported.data!.reportProblem.ticket.id as string;
    const updates = follow(
      connectTo(api, clients, school.tokens.alice),
      'subscription($id: ID!) { ticketUpdated(ticketId: $id) { status } }',
      'ticketUpdated',
      { id: ticketId },
    );

    redis.kill('SIGKILL');
    await once(redis, 'exit');
    await until(async () => api.output().includes('Redis is unavailable'), 10_000, 'the log line about Redis');

    // Still serving: reads, writes, the live update (in this process), and API-key budgets.
    const reply = await api.gql(
      REPLY,
      { input: { ticketId, body: 'Please forget the network and join again.' } },
      { token: school.tokens.staff },
    );
    expect(reply.errors).toBeUndefined();
    await until(() => updates.events.length > 0, 5000);
    expect(updates.events[0]).toEqual({ status: 'OPEN' });
    const key = await api.gql(
      'mutation { createApiKey(input: { name: "LMS", scopes: [TICKETS_READ] }) { key } }',
      {},
      { token: school.tokens.admin },
    );
    const read = await api.gql('{ tickets(first: 5) { totalCount } }', {}, { token: key.data!.createApiKey.key });
    expect(read.errors).toBeUndefined();
    expect(Number(read.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(api.output().match(/Redis is unavailable/g)?.length).toBe(2); // one line per connection, not one per retry

    redis = await startRedis();
    await until(async () => api.output().includes('Redis is back'), 15_000, 'the log line about Redis returning');
  }, 60_000);
});

// The API as operators run it: its own process (the build's dist/main.js), stopped with SIGTERM.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { acceptsConnections, createSchool, createTestDatabase, startApiProcess, until } from '@studentdesk/testing';
import { fromGlobalId } from './relay/global-id.js';
import { REPLY, REPORT_PROBLEM } from './test/operations.js';

describe('the API process', () => {
  it('starts on an empty embedded database and stops cleanly on SIGTERM', async () => {
    const api = await startApiProcess({ DATABASE_URL: '' });
    expect(api.output()).toContain(`StudentDesk API  http://localhost:${api.port}/graphql`);

    const stoppedAt = Date.now();
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(api.output()).toMatch(/"msg":"stopped"/);
  }, 60_000);

  it('on SIGTERM, finishes an operation whose client has hung up before closing its database pool', async () => {
    const db = await createTestDatabase('postgresql');
    const api = await startApiProcess({ DATABASE_URL: db.url });
    const blocker = new pg.Client({ connectionString: db.url });
    try {
      const school = await createSchool({ db, gql: api.gql });
      const reported = await api.gql(
        REPORT_PROBLEM,
        { input: { categoryId: school.categoryIds.login, title: 'Slow reply', description: 'Shutdown test.' } },
        { token: school.tokens.alice },
      );
      const ticketId = reported.data!.reportProblem.ticket.id as string;

      // Hold the ticket's row so the reply waits inside its transaction, as a slow statement would.
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM "Ticket" WHERE id = $1 FOR UPDATE', [fromGlobalId(ticketId, 'Ticket', 'id')]);
      const hangUp = new AbortController();
      const reply = fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${school.tokens.staff}` },
        body: JSON.stringify({ query: REPLY, variables: { input: { ticketId, body: 'Answered during shutdown.' } } }),
        signal: hangUp.signal,
      }).catch(() => 'hung up');
      const waitingOnLock = async () =>
        (await blocker.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rowCount ===
        1;
      await until(waitingOnLock, 10_000, 'the reply waiting on the row lock');
      hangUp.abort();
      expect(await reply).toBe('hung up');

      api.child.kill('SIGTERM');
      await until(() => api.output().includes('shutting down'), 5000, 'the shutdown to begin');
      // The listener is closed: a shutdown that did not wait for the reply would close the pool now.
      await until(async () => !(await acceptsConnections(api.port)), 5000, 'the API to stop taking connections');
      expect(api.child.exitCode).toBeNull();
      await blocker.query('COMMIT');

      expect(await api.exited).toBe(0);
      expect(api.output()).not.toMatch(/unexpected error|Cannot use a pool/);
      const stored = await db.prisma.message.count({ where: { body: 'Answered during shutdown.' } });
      expect(stored).toBe(1);
    } finally {
      await blocker.end().catch(() => {});
      await api.stop('SIGKILL');
      await db.drop();
    }
  }, 60_000);

  it('exits with code 1 and says why when its port is taken, instead of hanging', async () => {
    const taken = await startApiProcess({ DATABASE_URL: '' });
    try {
      const second = startApiProcess({ DATABASE_URL: '', PORT: String(taken.port) });
      await expect(second).rejects.toThrow(/"msg":"could not start"/);
      await expect(second).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await taken.stop();
    }
  }, 60_000);
});

describe('the production start (`pnpm start:prod`)', () => {
  it('refuses to start without AUTH_SECRET, saying why', async () => {
    await expect(startApiProcess({ NODE_ENV: 'production', AUTH_SECRET: '', DATABASE_URL: '' })).rejects.toThrow(
      /AUTH_SECRET is required in production/,
    );
  });

  it('serves with HSTS, logs JSON lines with request ids, and hides the schema from anonymous callers', async () => {
    const api = await startApiProcess({ NODE_ENV: 'production', DATABASE_URL: '' });
    try {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'prod-check-1' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
      expect(response.status).toBe(401);
      expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      await until(() => api.output().includes('prod-check-1'), 5000);
      const line = api
        .output()
        .split('\n')
        .find((candidate) => candidate.includes('prod-check-1'))!;
      expect(JSON.parse(line)).toMatchObject({
        req: { id: 'prod-check-1', method: 'POST', url: '/graphql' },
        res: { statusCode: response.status },
      });
    } finally {
      expect(await api.stop()).toBe(0);
    }
  }, 60_000);
});

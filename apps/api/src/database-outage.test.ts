// The error shapes seen on these machines when PostgreSQL was stopped under load (faults.test.ts).
import { testPostgresUrl } from '@studentdesk/testing';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseTrouble, isDatabaseUnavailable, waitingForConnection } from './database-outage.js';

const prismaError = (code: string, cause?: object, message = 'prisma') =>
  Object.assign(new Error(message), { code, meta: cause ? { driverAdapterError: { cause } } : {} });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['server shutting down (57P01 through the driver adapter)', prismaError('P2039', { kind: 'postgres', code: '57P01' })],
    ['server not reachable (P1001)', prismaError('P1001', { kind: 'DatabaseNotReachable' })],
    ['pool exhausted while reconnecting (P2024)', prismaError('P2024')],
    ['node-postgres losing the connection mid-transaction', new Error('Client has encountered a connection error and is not queryable')],
    [
      'the database closed to connections (ALLOW_CONNECTIONS false)',
      prismaError('P2039', { kind: 'postgres', code: '55000', message: 'database "x" is not currently accepting connections' }),
    ],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['any of those, wrapped by GraphQL', new GraphQLError('wrapped', { originalError: new Error('Connection terminated unexpectedly') })],
  ])('yes: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', prismaError('P2002')],
    [
      'another 55000',
      prismaError('P2039', { kind: 'postgres', code: '55000', message: 'currval of sequence "s" is not yet defined in this session' }),
    ],
    ['a syntax error in SQL', prismaError('P2010', { kind: 'postgres', code: '42601' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'oops'],
  ])('no: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it.each([
    ['the pool gave no connection within DB_POOL_WAIT_MS (pg)', new Error('timeout exceeded when trying to connect')],
    [
      'a transaction got no connection within maxWait (P2028)',
      prismaError('P2028', undefined, 'Transaction API error: Unable to start a transaction in the given time.'),
    ],
    [
      'a transaction ran past its timeout and was rolled back (P2028)',
      prismaError(
        'P2028',
        undefined,
        'Transaction API error: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms',
      ),
    ],
  ])('busy: %s', (_name, error) => {
    expect(databaseTrouble(error)).toBe('busy');
  });

  it('tells an outage from a burst, and leaves other transaction errors alone', () => {
    expect(databaseTrouble(prismaError('P1001', { kind: 'DatabaseNotReachable' }))).toBe('unreachable');
    expect(databaseTrouble(prismaError('P2028', undefined, 'Transaction API error: Transaction not found.'))).toBeNull();
  });
});

describe('waitingForConnection', () => {
  it('waits past the pool wait for a connection, where a request would have failed fast', async () => {
    const pool = new pg.Pool({ connectionString: testPostgresUrl, max: 1, connectionTimeoutMillis: 100 });
    try {
      const held = await pool.connect();
      // Freed once a request has failed fast and the patient query has asked at least once more.
      const failedFast = pool.query('SELECT 1').then(
        () => 'answered',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      let asked = 0;
      const patient = waitingForConnection(() => {
        asked += 1;
        if (asked === 3) held.release();
        return pool.query<{ answer: number }>('SELECT 42 AS answer');
      });
      expect(await failedFast).toBe('timeout exceeded when trying to connect');
      expect((await patient).rows[0]?.answer).toBe(42);
      expect(asked).toBe(3);
    } finally {
      await pool.end();
    }
  });

  it('does not run again what failed for another reason', async () => {
    let asked = 0;
    const failing = waitingForConnection(() => {
      asked += 1;
      return Promise.reject(new Error('duplicate key value violates unique constraint'));
    });
    await expect(failing).rejects.toThrow('duplicate key');
    expect(asked).toBe(1);
  });
});

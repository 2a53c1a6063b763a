// The error shapes seen on these machines when PostgreSQL was stopped under load (faults.test.ts).
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-outage.js';

const prismaError = (code: string, cause?: object) =>
  Object.assign(new Error('prisma'), { code, meta: cause ? { driverAdapterError: { cause } } : {} });

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
});

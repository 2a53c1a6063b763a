// When PostgreSQL is down or restarting, requests fail with SERVICE_UNAVAILABLE and HTTP 503 (with
// Retry-After), not as internal errors: the client should retry, and nothing is wrong with its
// request. The pg pool drops dead connections and opens new ones, so the API recovers by itself.
// The error itself is `serviceUnavailable` in errors.ts.
import type { ApolloServerPlugin } from '@apollo/server';

/** PostgreSQL SQLSTATEs of a server shutting down, restarting or refusing connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
/** Prisma's codes for an unreachable server or an exhausted pool. */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The driver adapter's kinds of connection failure. */
const UNAVAILABLE_DRIVER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** 55000 is broad ("object not in prerequisite state"); only this message of it is an outage. */
const NOT_ACCEPTING_CONNECTIONS = /is not currently accepting connections/;
/** node-postgres reports a connection that died mid-transaction with a plain Error and no code. */
const PG_CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable)/;

export const RETRY_AFTER_SECONDS = 5;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: { cause?: ErrorLike } };
  originalError?: unknown;
  cause?: unknown;
}

function says(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  if (typeof error.kind === 'string' && UNAVAILABLE_DRIVER_KINDS.has(error.kind)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  if (PG_CONNECTION_LOST.test(message) || (code === '55000' && NOT_ACCEPTING_CONNECTIONS.test(message))) return true;
  const driverCause = error.meta?.driverAdapterError?.cause;
  return driverCause ? says(driverCause) : false;
}

/** Whether `error` (or what it wraps) means the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth += 1) {
    const candidate = current as ErrorLike;
    if (says(candidate)) return true;
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}

/** Answers 503 with Retry-After when a field failed because the database is unreachable. */
export function databaseOutagePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          if (!errors.some(isDatabaseUnavailable)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

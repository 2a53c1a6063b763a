// When PostgreSQL is down or restarting, or every connection stayed busy for the whole wait
// (DB_POOL_WAIT_MS, a burst), requests fail with SERVICE_UNAVAILABLE and HTTP 503 (with
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
/** pg's pool when no connection came free within connectionTimeoutMillis. */
const PG_POOL_TIMEOUT = /^timeout exceeded when trying to connect/;
/**
 * Prisma's P2028 when a transaction got no connection within maxWait, or ran past its timeout
 * because the process was too busy (Prisma then rolled it back). Other P2028s are bugs.
 */
const PRISMA_TRANSACTION_TIMEOUT = /Unable to start a transaction in the given time|cannot be executed on an expired transaction/;

/** Why the database cannot serve a request now: down or restarting, or saturated. */
export type DatabaseTrouble = 'unreachable' | 'busy';

/** Seconds a client should wait before retrying: a restart takes a while, a burst passes quickly. */
export const RETRY_AFTER_SECONDS: Record<DatabaseTrouble, number> = { unreachable: 5, busy: 2 };

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  meta?: { driverAdapterError?: { cause?: ErrorLike } };
  originalError?: unknown;
  cause?: unknown;
}

function says(error: ErrorLike): DatabaseTrouble | null {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : '';
  if (PG_POOL_TIMEOUT.test(message) || (code === 'P2028' && PRISMA_TRANSACTION_TIMEOUT.test(message))) return 'busy';
  if (UNAVAILABLE_PRISMA_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return 'unreachable';
  if (typeof error.kind === 'string' && UNAVAILABLE_DRIVER_KINDS.has(error.kind)) return 'unreachable';
  if (PG_CONNECTION_LOST.test(message) || (code === '55000' && NOT_ACCEPTING_CONNECTIONS.test(message))) return 'unreachable';
  const driverCause = error.meta?.driverAdapterError?.cause;
  return driverCause ? says(driverCause) : null;
}

/** Whether `error` (or what it wraps) means the database cannot serve requests right now, and why; null for any other error. */
export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth += 1) {
    const candidate = current as ErrorLike;
    const trouble = says(candidate);
    if (trouble) return trouble;
    current = candidate.originalError ?? candidate.cause;
  }
  return null;
}

/** Whether `error` is pg's pool giving up waiting for a connection: the query it was for never ran. */
export const isPoolWaitTimeout = (error: unknown): boolean => error instanceof Error && PG_POOL_TIMEOUT.test(error.message);

/** How long background work keeps asking for a connection before it gives up. */
const BACKGROUND_PATIENCE_MS = 60_000;

/**
 * Runs `use` until it gets a connection. Requests fail fast when the pool stays busy
 * (DB_POOL_WAIT_MS) because a person is waiting for the answer; startup and background work have
 * nobody waiting and should queue instead. Running `use` again is safe: it never reached the database.
 */
export async function waitingForConnection<T>(use: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + BACKGROUND_PATIENCE_MS;
  for (;;) {
    try {
      return await use();
    } catch (error) {
      if (!isPoolWaitTimeout(error) || Date.now() > giveUpAt) throw error;
    }
  }
}

/** Whether `error` (or what it wraps) means the database is unreachable or saturated right now. */
export const isDatabaseUnavailable = (error: unknown): boolean => databaseTrouble(error) !== null;

/**
 * Answers 503 with Retry-After when the database could not serve the request and the request has
 * no result to show. 503 tells the client "nothing came of it, retry": when a mutation's result
 * is there (a report stored, then a detail of the answer failed) the answer is 200 with the result
 * and the failed field's error, so a 503 never stands for a change that was made.
 */
export function databaseOutagePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let trouble: DatabaseTrouble | null = null;
      return {
        async didEncounterErrors({ errors }) {
          trouble = errors.map(databaseTrouble).find((found) => found !== null) ?? trouble;
        },
        async willSendResponse({ response }) {
          if (!trouble || response.body.kind !== 'single') return;
          const { data } = response.body.singleResult;
          if (data && Object.values(data).some((value) => value !== null && value !== undefined)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS[trouble]));
        },
      };
    },
  };
}

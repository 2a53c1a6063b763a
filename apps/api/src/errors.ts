// The one place errors get their codes: every error a client sees has a stable `extensions.code`,
// a message meant for people, and nothing internal (no stack, no SQL, no echo of the input).
import { unwrapResolverError } from '@apollo/server/errors';
import { Prisma } from '@studentdesk/db';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { databaseTrouble, RETRY_AFTER_SECONDS, type DatabaseTrouble } from './database-outage.js';

export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The school has switched password sign-in off for this person: they sign in with single sign-on. */
  PASSWORD_SIGN_IN_OFF: 'PASSWORD_SIGN_IN_OFF',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A document, its variables or a request body over its byte limit, refused before parsing. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** An answer over the response size limit: ask for fewer items. */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** A websocket already runs as many operations as one connection may. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error meant for the client, with its code and, for bad input, the field it concerns. */
export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, field?: string) => new ClientError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
/** BAD_USER_INPUT for several fields at once, shaped like a failed input validation (`field`, `fields`). */
export const badInputs = (problems: Array<{ field: string; message: string }>) =>
  new ClientError(ErrorCode.BAD_USER_INPUT, problems.map((problem) => problem.message).join(' '), {
    field: problems[0]?.field,
    fields: problems.map(({ field, message }) => ({ field, messages: [message] })),
  });
export const unauthenticated = (message = 'Sign in to do this.') => new ClientError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this.') => new ClientError(ErrorCode.FORBIDDEN, message);
export const notFound = (message: string) => new ClientError(ErrorCode.NOT_FOUND, message);
/** A subscription's resolver run without an event: someone sent the subscription over plain HTTP. */
export const subscriptionOverHttp = () =>
  new ClientError(ErrorCode.BAD_REQUEST, 'Subscriptions are served over a websocket at /graphql (the graphql-ws protocol), not over HTTP.');

/** An error worth retrying after `retryAfter` seconds, said in the extensions, the HTTP status and a Retry-After header. */
function retryLater(code: ErrorCode, status: number, message: string, retryAfter: number, extra: Record<string, unknown> = {}) {
  return new ClientError(code, message, {
    retryAfter,
    ...extra,
    http: { status, headers: new Map([['retry-after', String(retryAfter)]]) },
  });
}

/** RATE_LIMITED with `retryAfter` in seconds, answered with HTTP 429 and a Retry-After header. */
export function rateLimited(message: string, retryAfterMs: number, extra: Record<string, unknown> = {}) {
  return retryLater(ErrorCode.RATE_LIMITED, 429, message, Math.max(1, Math.ceil(retryAfterMs / 1000)), extra);
}

const UNAVAILABLE_MESSAGES: Record<DatabaseTrouble, string> = {
  unreachable: 'StudentDesk cannot reach its database at the moment. Try again in a few seconds.',
  busy: 'StudentDesk is very busy at the moment. Try again in a few seconds.',
};

/** SERVICE_UNAVAILABLE while the database cannot be reached or is saturated (database-outage.ts), with HTTP 503. */
export const serviceUnavailable = (trouble: DatabaseTrouble = 'unreachable') =>
  retryLater(ErrorCode.SERVICE_UNAVAILABLE, 503, UNAVAILABLE_MESSAGES[trouble], RETRY_AFTER_SECONDS[trouble]);

/** QUERY_TOO_COMPLEX: the query is over one of the documented limits, found before running it. */
export const tooComplex = (message: string, limit: Record<string, unknown>) =>
  new ClientError(ErrorCode.QUERY_TOO_COMPLEX, message, { ...limit, http: { status: 400 } });

/** PAYLOAD_TOO_LARGE (HTTP 413): `limit` names the byte limit, `maximum` its value. */
export const payloadTooLarge = (message: string, limit: string, maximum: number) =>
  new ClientError(ErrorCode.PAYLOAD_TOO_LARGE, message, { limit, maximum, http: { status: 413 } });

/**
 * Close codes a websocket ends with when a limit is met (graphql-ws's own, 4400–4499, say the
 * rest: 4408 no connection_init in time, 4403 a bad token).
 */
export const SocketCloseCode = {
  /** RFC 6455: the message is larger than the server accepts (sent by ws itself). */
  MESSAGE_TOO_BIG: 1009,
  /** RFC 6455 "try again later": this user already holds as many sockets as allowed. */
  TRY_AGAIN_LATER: 1013,
} as const;

/**
 * Codes of errors Apollo Server and graphql-js raise about the request itself (parsing, validation,
 * variables); their messages describe the client's query and are safe to pass on.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * SQLSTATEs of text PostgreSQL cannot store (a NUL byte, above all): the client's input, not our
 * fault, whichever query it reached.
 */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** The PostgreSQL error code behind a Prisma error (a model query's or a raw one's), from the driver adapter. */
function databaseCode(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const code = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

function describeValidation(errors: ValidationError[], path = ''): Array<{ field: string; messages: string[] }> {
  return errors.flatMap((error) => {
    const field = path ? `${path}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...describeValidation(error.children ?? [], field)];
  });
}

export interface ErrorReporter {
  (error: unknown, formatted: GraphQLFormattedError): void;
}

/** Apollo's formatError: maps library errors to our codes and hides everything unexpected. */
export function createErrorFormatter(reportUnexpected: ErrorReporter) {
  return (formatted: GraphQLFormattedError, raw: unknown): GraphQLFormattedError => {
    const error = unwrapResolverError(raw);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (error instanceof ArgumentValidationError) {
      const validationErrors = error.extensions.validationErrors;
      // type-graphql passes on what a validator threw (validator.js's isEmail throws on a lone
      // UTF-16 surrogate): still the input's fault, but worth a look.
      if (!Array.isArray(validationErrors)) {
        reportUnexpected(validationErrors, formatted);
        return {
          ...base,
          message: 'The input could not be checked; it may contain invalid characters.',
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        };
      }
      const fields = describeValidation(validationErrors);
      const message = fields.map((entry) => entry.messages.join('; ')).join('; ') || 'Invalid input.';
      return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT, field: fields[0]?.field, fields } };
    }
    if (error instanceof AuthenticationError) {
      return { ...base, message: 'Sign in to do this.', extensions: { code: ErrorCode.UNAUTHENTICATED } };
    }
    if (error instanceof AuthorizationError) {
      return { ...base, message: 'You are not allowed to do this.', extensions: { code: ErrorCode.FORBIDDEN } };
    }
    if (error instanceof ClientError) {
      const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions };
    }
    // Our errors reported during validation (query limits) arrive wrapped; they keep their code.
    if (error instanceof GraphQLError && error.originalError instanceof ClientError) {
      const { http: _http, ...extensions } = error.originalError.extensions;
      return { ...base, extensions };
    }
    const trouble = databaseTrouble(error);
    if (trouble) {
      // Expected while PostgreSQL restarts, but the people running the API need to see it. A burst
      // shows in the request log as 503 answers: a stack per refused request would only add load.
      if (trouble === 'unreachable') reportUnexpected(error, formatted);
      const { message, extensions } = serviceUnavailable(trouble);
      const { http: _http, ...withoutHttp } = extensions;
      return { ...base, message, extensions: withoutHttp };
    }
    if (UNSTORABLE_TEXT.has(databaseCode(error) ?? '')) {
      return {
        ...base,
        message: 'The input contains characters that cannot be stored, such as a NUL byte.',
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      };
    }
    // Not thrown while resolving a field (no path): graphql-js or Apollo describing the request.
    const code = formatted.extensions?.code;
    const fromRequest = raw instanceof GraphQLError && !raw.path;
    if (fromRequest && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    // Some of those carry no code ("Unsupported persisted query version", graphql-js's "Too many
    // errors processing variables"); a crash inside Apollo or a plugin has an originalError.
    if (fromRequest && raw.extensions.code === undefined && raw.originalError === undefined) {
      return { ...base, extensions: { code: ErrorCode.BAD_REQUEST } };
    }
    reportUnexpected(error, formatted);
    return {
      ...base,
      message: 'Something went wrong on our side. Please try again.',
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** A write refused by a unique index: someone else made the same row first (a race, or a repeat). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

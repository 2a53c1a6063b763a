// The one admission path: every GraphQL operation, whichever transport brought it (HTTP POST or
// GET through Apollo, admission.plugin.ts; a websocket through graphql-ws, websocket.ts), passes
// these checks in this order before anything runs, so the same request meets the same answer:
//   1. the bytes of the document and of the variables, before anything is parsed;
//   2. parsing, with at most MAX_TOKENS tokens;
//   3. validation: the spec's rules, depth and aliases, and, in production, no introspection for
//      anonymous callers (nor "Did you mean" hints in any error they get); then the variables
//      against the operation's definitions (BAD_USER_INPUT);
//   4. the cost (query-cost.ts), at most QUERY_MAX_COST;
//   5. the caller's budget: an API key's, a signed-in user's, or an anonymous caller's address's.
//      An operation refused before it costs REFUSED_OPERATION_COST, so a caller flooding refused
//      operations runs its budget dry, and then meets RATE_LIMITED before anything is parsed.
// A refusal is a list of GraphQLErrors with codes, each carrying the HTTP status to answer with.
import { createHash } from 'node:crypto';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { ClientError, ErrorCode, payloadTooLarge, rateLimited, tooComplex } from '../errors.js';
import type { BudgetState } from './cost-budget.js';
import { listsWithoutMaximum } from './list-maximums.js';
import type { BudgetOwner, Limits } from './limits.js';
import { queryCost } from './query-cost.js';
import { parseOptions, queryLimitRules } from './query-limits.js';

export interface OperationRequest {
  query?: string | null;
  /** As sent: an object, or (GET) the JSON text of one. */
  variables?: Readonly<Record<string, unknown>> | string | null;
  operationName?: string | null;
}

/** Who is asking, as far as limits care. */
export interface Caller {
  viewer: Viewer;
  /** The client's IP address (TRUST_PROXY decides which), for anonymous callers' budgets. */
  clientAddress?: string;
}

export interface Admitted {
  ok: true;
  document: DocumentNode;
  /** Undefined when the document has no such operation (an unknown operationName): execution says why. */
  cost?: number;
  budget?: BudgetState;
}

export interface Refused {
  ok: false;
  errors: readonly GraphQLError[];
}

export interface Admission {
  /** Every check; `parsed` is the document when the transport parsed it already (Apollo, with `parseOptions`). */
  admit: (request: OperationRequest, caller: Caller, parsed?: { document: DocumentNode; queryHash: string }) => Promise<Admitted | Refused>;
  /** Step 1 alone, for a transport that must refuse before its own parsing (Apollo's). */
  sizeRefusal: (request: OperationRequest, caller?: Caller) => GraphQLError | undefined;
  /** Apollo parses HTTP requests itself: with these options, as admit() does. */
  parseOptions: typeof parseOptions;
  /** Removes "Did you mean" hints from errors for callers the schema is hidden from. */
  hideSchemaHints: (caller: Caller, errors: readonly GraphQLFormattedError[]) => GraphQLFormattedError[];
  /** The answer as JSON text, with RESPONSE_TOO_LARGE in its place when it is over the limit. */
  serializeAnswer: (answer: object) => string;
  /** The same, for a transport that serializes the answer itself (it is measured as JSON here). */
  limitAnswer: (answer: FormattedExecutionResult) => FormattedExecutionResult;
}

const SUGGESTION = /\s*Did you mean .+\?$/;
/** What an operation refused in steps 1 to 4 costs its caller's budget: refusing it took work too. */
export const REFUSED_OPERATION_COST = 10;

/**
 * What an admin's variables may hold: a people import's CSV (8 MB, imports/people-import.plan.ts)
 * once JSON has escaped it. Only admins, known from their token before the body is read (server.ts).
 */
export const ADMIN_UPLOAD_BYTES = 10 * 1024 * 1024;
const REMEMBERED_EMPTY_BUDGETS = 10_000;
/** Validation results by document, so the console's few documents are validated once. */
const VALIDATED_DOCUMENTS = 1000;

const parseFailed = (error: GraphQLError) =>
  new GraphQLError(error.message, {
    source: error.source,
    positions: error.positions,
    extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { status: 400 } },
  });

/** graphql-js's own rule errors get Apollo's code; ours (query-limits.ts) already have theirs. */
const validationFailed = (error: GraphQLError) =>
  error instanceof ClientError
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
      });

/**
 * Variables that do not fit their definitions: Apollo's code and status for them. graphql-js's
 * last word when it stops counting ("Too many errors processing variables") names no variable: the
 * request as a whole is refused then.
 */
const variableRefused = (error: GraphQLError) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { code: error.nodes?.length ? 'BAD_USER_INPUT' : 'BAD_REQUEST', http: { status: 400 } },
  });

const introspectionRefused = () =>
  new ClientError(ErrorCode.UNAUTHENTICATED, 'Introspection needs an API key or a signed-in user.', { http: { status: 401 } });

/**
 * About the bytes of a value as JSON (string escapes aside), counted without recursion (a client's
 * variables may nest a hundred thousand levels deep) and only until `limit` is passed.
 */
export function jsonBytes(value: unknown, limit: number): number {
  let bytes = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && bytes <= limit) {
    const next = pending.pop();
    if (typeof next === 'string') bytes += Buffer.byteLength(next) + 2;
    else if (Array.isArray(next)) {
      bytes += 2 + next.length;
      for (const item of next) pending.push(item);
    } else if (next !== null && typeof next === 'object') {
      const entries = Object.entries(next);
      bytes += 2 + entries.length * 2;
      for (const [key, item] of entries) {
        bytes += Buffer.byteLength(key) + 2;
        pending.push(item);
      }
    } else bytes += String(next).length;
  }
  return bytes;
}

function bytesOf(value: unknown, limit: number): number {
  if (value === undefined || value === null) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : jsonBytes(value, limit);
}

/** The budget a caller spends from, and its key; none for an anonymous caller without an address (in-process). */
function budgetOf(caller: Caller): { owner: BudgetOwner; key: string; whose: string } | undefined {
  const { viewer } = caller;
  if (viewer.kind === 'apiKey') return { owner: 'apiKey', key: `apiKey:${viewer.apiKey.id}`, whose: 'This API key’s' };
  if (viewer.kind === 'user') return { owner: 'user', key: `user:${viewer.user.id}`, whose: 'Your' };
  return caller.clientAddress ? { owner: 'anonymous', key: `address:${caller.clientAddress}`, whose: 'Your network’s' } : undefined;
}

export function createAdmission(schema: GraphQLSchema, limits: Limits, { production }: { production: boolean }): Admission {
  const unbounded = listsWithoutMaximum(schema);
  if (unbounded.length > 0) throw new Error(`These lists declare no maximum (limits/list-maximums.ts): ${unbounded.join(', ')}`);

  const schemaHidden = (caller: Caller) => production && caller.viewer.kind === 'anonymous';
  const withoutHint = (error: GraphQLError) =>
    SUGGESTION.test(error.message)
      ? new GraphQLError(error.message.replace(SUGGESTION, ''), { nodes: error.nodes, extensions: error.extensions })
      : error;
  const rules = [...specifiedRules, ...queryLimitRules];

  // Keyed by whether the schema is hidden and the document's hash; a Map iterates oldest first.
  const validated = new Map<string, readonly GraphQLError[]>();
  const validation = (document: DocumentNode, queryHash: string, caller: Caller): readonly GraphQLError[] => {
    const hidden = schemaHidden(caller);
    const key = `${hidden ? 'hidden' : 'shown'}:${queryHash}`;
    let errors = validated.get(key);
    if (errors) {
      validated.delete(key);
    } else {
      errors = validate(schema, document, rules).map(validationFailed);
      if (hidden) errors = errors.map(withoutHint);
      if (errors.length === 0 && hidden && validate(schema, document, [NoSchemaIntrospectionCustomRule]).length > 0) {
        errors = [introspectionRefused()];
      }
      if (validated.size >= VALIDATED_DOCUMENTS) validated.delete(validated.keys().next().value!);
    }
    validated.set(key, errors);
    return errors;
  };

  const sizeRefusal = (request: OperationRequest, caller?: Caller): GraphQLError | undefined => {
    const documentBytes = bytesOf(request.query, limits.maxDocumentBytes);
    if (documentBytes > limits.maxDocumentBytes) {
      return payloadTooLarge(
        `The query document is ${documentBytes} bytes; at most ${limits.maxDocumentBytes} are allowed.`,
        'documentBytes',
        limits.maxDocumentBytes,
      );
    }
    const maxVariablesBytes =
      caller && isAdmin(caller.viewer) ? Math.max(limits.maxVariablesBytes, ADMIN_UPLOAD_BYTES) : limits.maxVariablesBytes;
    const variablesBytes = bytesOf(request.variables, maxVariablesBytes);
    if (variablesBytes > maxVariablesBytes) {
      return payloadTooLarge(`The variables are over ${maxVariablesBytes} bytes.`, 'variablesBytes', maxVariablesBytes);
    }
    return undefined;
  };

  const refused = (...errors: GraphQLError[]): Refused => ({ ok: false, errors });

  const responseTooLarge = (): FormattedExecutionResult => ({
    errors: [
      {
        message: `The answer is larger than ${limits.maxResponseBytes} bytes. Ask for fewer items (first) or fewer fields.`,
        extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: 'responseBytes', maximum: limits.maxResponseBytes },
      },
    ],
  });
  // A UTF-16 code unit is 1 to 3 bytes in UTF-8: count the bytes only when the length cannot tell.
  const tooLarge = (text: string) =>
    text.length > limits.maxResponseBytes ||
    (text.length * 3 > limits.maxResponseBytes && Buffer.byteLength(text) > limits.maxResponseBytes);

  /** Steps 1 to 4: everything but the budget. */
  const screen = (
    request: OperationRequest,
    caller: Caller,
    parsed?: { document: DocumentNode; queryHash: string },
  ): Admitted | Refused => {
    const tooBig = sizeRefusal(request, caller);
    if (tooBig) return refused(tooBig);
    const query = request.query ?? '';
    let document = parsed?.document;
    if (!document) {
      try {
        document = parse(query, parseOptions);
      } catch (error) {
        if (error instanceof GraphQLError) return refused(parseFailed(error));
        throw error;
      }
    }
    const queryHash = parsed?.queryHash ?? createHash('sha256').update(query).digest('hex');
    const invalid = validation(document, queryHash, caller);
    if (invalid.length > 0) return refused(...invalid);

    const operationName = request.operationName ?? undefined;
    const variables = typeof request.variables === 'object' && request.variables ? request.variables : {};
    const operation = getOperationAST(document, operationName);
    if (!operation) return { ok: true, document };
    // As execution would coerce them (its cap of 50 errors included), but before the cost reads them.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return refused(...coerced.errors.map(variableRefused));
    const cost = queryCost(schema, document, operationName, { ...variables }) ?? undefined;
    if (cost === undefined) return { ok: true, document };
    if (cost > limits.maxCost) {
      return refused(
        tooComplex(`This query costs ${cost}; at most ${limits.maxCost} is allowed. Ask for fewer items (first) or fewer nested lists.`, {
          limit: 'cost',
          maximum: limits.maxCost,
          cost,
        }),
      );
    }
    return { ok: true, document, cost };
  };

  // Callers whose budget could not pay for a refusal, until when: their next operations are refused
  // before any parsing, without asking the budget's store again.
  const emptyBudgets = new Map<string, number>();
  const rememberEmpty = (key: string, until: number, now: number) => {
    if (emptyBudgets.size >= REMEMBERED_EMPTY_BUDGETS) {
      for (const [remembered, expiry] of emptyBudgets) if (expiry <= now) emptyBudgets.delete(remembered);
    }
    if (emptyBudgets.size < REMEMBERED_EMPTY_BUDGETS) emptyBudgets.set(key, until);
  };

  return {
    parseOptions,
    sizeRefusal,
    serializeAnswer(answer) {
      const text = JSON.stringify(answer);
      return tooLarge(text) ? JSON.stringify(responseTooLarge()) : text;
    },
    limitAnswer(answer) {
      return tooLarge(JSON.stringify(answer)) ? responseTooLarge() : answer;
    },
    hideSchemaHints(caller, errors) {
      return schemaHidden(caller) ? errors.map((error) => ({ ...error, message: error.message.replace(SUGGESTION, '') })) : [...errors];
    },

    async admit(request, caller, parsed) {
      const owner = budgetOf(caller);
      const now = Date.now();
      const spentUntil = owner && emptyBudgets.get(owner.key);
      if (owner && spentUntil && spentUntil > now) {
        return refused(rateLimited(`${owner.whose} query budget is spent, refused operations included.`, spentUntil - now));
      }

      const screened = screen(request, caller, parsed);
      if (!screened.ok || screened.cost === undefined || !owner) {
        // A refused operation took work to refuse: it costs its caller, so a flood of them runs dry.
        if (!screened.ok && owner) {
          const charged = await limits.budgets[owner.owner].spend(owner.key, REFUSED_OPERATION_COST, now);
          if (!charged.allowed) rememberEmpty(owner.key, now + charged.retryAfterMs, now);
        }
        return screened;
      }
      const { document, cost } = screened;
      const budget = await limits.budgets[owner.owner].spend(owner.key, cost, now);
      if (!budget.allowed) {
        return refused(
          rateLimited(
            `${owner.whose} query budget is spent: this query costs ${cost}, ${Math.floor(budget.available)} is left.`,
            budget.retryAfterMs,
            { cost },
          ),
        );
      }
      return { ok: true, document, cost, budget };
    },
  };
}

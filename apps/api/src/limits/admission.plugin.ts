// HTTP's way into the one admission path (admission.ts). Apollo parses the document (with the
// admission's parse options; express refused oversized ones before, see server.ts) and validates
// nothing itself: every check runs in `admit`, and a refusal is answered with its errors and
// status, before anything runs. The answer tells the cost and what is left of the caller's
// budget, in `extensions.cost` and in headers, like Shopify's and GitHub's APIs.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Admission, Admitted, Caller, Refused } from './admission.js';
import type { Limits } from './limits.js';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

interface HttpExtension {
  status?: number;
  headers?: Map<string, string>;
}

/** The status and headers of a refusal: those of its first error that names any. */
function httpOf(errors: readonly GraphQLError[]): { status: number; headers: HeaderMap } {
  const http = errors.map((error) => error.extensions.http as HttpExtension | undefined).find((candidate) => candidate?.status);
  return { status: http?.status ?? 400, headers: new HeaderMap([...(http?.headers ?? [])]) };
}

export function admissionPlugin<TContext extends Caller>(
  admission: Admission,
  limits: Pick<Limits, 'maxCost'>,
  formatError: FormatError,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let outcome: Admitted | Refused | undefined;
      return {
        async didResolveOperation({ request, source, document, queryHash, contextValue }) {
          outcome = await admission.admit(
            { query: source, variables: request.variables, operationName: request.operationName },
            contextValue,
            { document, queryHash },
          );
        },
        async responseForOperation({ contextValue }) {
          if (outcome?.ok !== false) return null;
          const errors = outcome.errors.map((error) => formatError(error.toJSON(), error));
          return {
            http: httpOf(outcome.errors),
            body: { kind: 'single', singleResult: { errors: admission.hideSchemaHints(contextValue, errors) } },
          };
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors) result.errors = admission.hideSchemaHints(contextValue, result.errors);
          if (!outcome?.ok || outcome.cost === undefined) return;
          const { cost, budget } = outcome;
          const headers = response.http.headers;
          headers.set('x-query-cost', String(cost));
          const throttleStatus = budget && {
            maximumAvailable: budget.capacity,
            currentlyAvailable: Math.floor(budget.available),
            restoreRate: budget.restorePerSecond,
          };
          if (throttleStatus) {
            headers.set('x-ratelimit-limit', String(throttleStatus.maximumAvailable));
            headers.set('x-ratelimit-remaining', String(throttleStatus.currentlyAvailable));
            headers.set('x-ratelimit-restore-rate', String(throttleStatus.restoreRate));
          }
          result.extensions = {
            ...result.extensions,
            cost: { requestedQueryCost: cost, maximumQueryCost: limits.maxCost, ...(throttleStatus ? { throttleStatus } : {}) },
          };
        },
      };
    },
  };
}

// Cost and budget for every operation, before it runs: over the per-request maximum is
// QUERY_TOO_COMPLEX, over an API key's budget RATE_LIMITED. The answer tells the cost and what is
// left, in `extensions.cost` and in headers, like Shopify's and GitHub's APIs.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import { rateLimited, tooComplex } from '../errors.js';
import type { BudgetState } from './cost-budget.js';
import type { Limits } from './limits.js';
import { queryCost } from './query-cost.js';

export function limitsPlugin(limits: Limits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      let budget: BudgetState | undefined;
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          cost = queryCost(schema, document, request.operationName ?? undefined, request.variables ?? {}) ?? undefined;
          if (cost === undefined) return;
          if (cost > limits.maxCost) {
            throw tooComplex(
              `This query costs ${cost}; at most ${limits.maxCost} is allowed. Ask for fewer items (first) or fewer nested lists.`,
              {
                limit: 'cost',
                maximum: limits.maxCost,
                cost,
              },
            );
          }
          const { viewer } = contextValue;
          if (viewer.kind !== 'apiKey') return;
          budget = await limits.budget.spend(`apiKey:${viewer.apiKey.id}`, cost);
          if (!budget.allowed) {
            throw rateLimited(
              `This API key's query budget is spent: this query costs ${cost}, ${Math.floor(budget.available)} is left.`,
              budget.retryAfterMs,
              { cost },
            );
          }
        },
        async willSendResponse({ response }) {
          if (cost === undefined) return;
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
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            cost: { requestedQueryCost: cost, maximumQueryCost: limits.maxCost, ...(throttleStatus ? { throttleStatus } : {}) },
          };
        },
      };
    },
  };
}

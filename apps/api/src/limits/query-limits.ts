// The limits a query's shape meets before it runs, with their numbers (docs/integrating.md and
// docs/security.md repeat them): depth and aliases are checked while validating (graphql-armor's
// rules), tokens while parsing (graphql-js's own guard); admission.ts runs both, then the cost.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { tooComplex } from '../errors.js';

export const MAX_DEPTH = 10;
export const MAX_ALIASES = 20;
export const MAX_TOKENS = 3000;

/** Reports armor's rejection as QUERY_TOO_COMPLEX naming the limit, instead of throwing. */
const reportAs = (limit: string, maximum: number) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ''), { limit, maximum })),
  ],
});

export const queryLimitRules: ValidationRule[] = [
  maxDepthRule({ n: MAX_DEPTH, ...reportAs('depth', MAX_DEPTH) }),
  maxAliasesRule({ n: MAX_ALIASES, ...reportAs('aliases', MAX_ALIASES) }),
];

/** Parse options: a longer document is refused as GRAPHQL_PARSE_FAILED. */
export const parseOptions = { maxTokens: MAX_TOKENS };

// What a query costs, computed from the document before anything runs (the numbers are in
// docs/integrating.md): scalars are free, an object costs 1, a connection 2 plus `first` times
// what each item selects (20 when `first` is omitted), a mutation 10. A connection's edge is
// free: its node is what counts.
import { getNamedType, getOperationAST, GraphQLError, isLeafType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../relay/pagination.js';

export const OBJECT_COST = 1;
export const CONNECTION_COST = 2;
export const MUTATION_COST = 10;

function estimatorFor(schema: GraphQLSchema): ComplexityEstimator {
  const mutationType = schema.getMutationType();
  return ({ type, field, args, childComplexity }) => {
    if (type === mutationType) return MUTATION_COST + childComplexity;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return 0;
    if (named.name.endsWith('Edge')) return childComplexity;
    if (field.args.some((arg) => arg.name === 'first')) {
      const first = typeof args.first === 'number' ? Math.max(0, args.first) : DEFAULT_PAGE_SIZE;
      return CONNECTION_COST + first * childComplexity;
    }
    return OBJECT_COST + childComplexity;
  };
}

/**
 * The cost, or null when the operation name or the variables do not fit the document (execution
 * then says why, running nothing).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> = {},
): number | null {
  // graphql-query-complexity throws a TypeError for an operation name the document lacks.
  if (!getOperationAST(document, operationName)) return null;
  try {
    return getComplexity({ schema, query: document, operationName, variables, estimators: [estimatorFor(schema)] });
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
}

// What a query costs, computed from the document before anything runs (the numbers are in
// docs/integrating.md): scalars are free, an object costs 1, a connection 2 plus `first` (or
// `last`) times what each item selects (20 when both are omitted), a plain list its most items (LIST_MAXIMUM,
// or `first` when it takes one and asks for fewer) times what each item costs, a mutation 10. A
// connection's edge is free: its node is what counts.
import { getNamedType, getOperationAST, GraphQLError, isLeafType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../relay/pagination.js';
import { isObjectList, maxItemsOf } from './list-maximums.js';

export const OBJECT_COST = 1;
export const CONNECTION_COST = 2;
export const MUTATION_COST = 10;

/** The items a page asks for: `first` or `last` (the larger, should both come), or undefined. */
function pageSizeOf(args: Record<string, unknown>): number | undefined {
  const sizes = [args.first, args.last].filter((size): size is number => typeof size === 'number').map((size) => Math.max(0, size));
  return sizes.length ? Math.max(...sizes) : undefined;
}

function estimatorFor(schema: GraphQLSchema): ComplexityEstimator {
  const mutationType = schema.getMutationType();
  return ({ type, field, args, childComplexity }) => {
    if (type === mutationType) return MUTATION_COST + childComplexity;
    const named = getNamedType(field.type);
    if (isLeafType(named)) return 0;
    if (named.name.endsWith('Edge')) return childComplexity;
    // Introspection is the schema itself, in memory; graphql-js's MaxIntrospectionDepthRule bounds its nesting.
    if (isObjectList(field) && !type.name.startsWith('__')) {
      // listsWithoutMaximum() guarantees the maximum at start; a missing one would be a bug, counted as the worst.
      const maximum = maxItemsOf(field) ?? Number.MAX_SAFE_INTEGER;
      const items = Math.min(pageSizeOf(args) ?? maximum, maximum);
      return items * (OBJECT_COST + childComplexity);
    }
    if (field.args.some((arg) => arg.name === 'first')) {
      return CONNECTION_COST + (pageSizeOf(args) ?? DEFAULT_PAGE_SIZE) * childComplexity;
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

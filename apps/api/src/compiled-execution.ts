// Runs queries and mutations as compiled code (graphql-jit) instead of interpreting them with
// graphql-js. The console and the portal send the same few documents all day; interpreting one
// re-derives per field, per row, what never changes between runs (argument maps, paths, how to
// complete each type), and that work was a fifth of the queue's API CPU (docs/performance.md).
// Apollo Server accepts its own executor only through the gateway interface; this one serves the
// same schema, so parsing, validation, limits and error formatting stay Apollo's.
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** graphql-jit leaves `extensions` undefined where graphql-js gives `{}`, and Apollo reads `extensions.code`. */
function withExtensions(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  return Object.assign(new GraphQLError(error.message, { path: error.path, originalError: error.originalError }), {
    locations: error.locations,
  });
}

export interface CompiledExecution {
  /** For ApolloServer's `gateway` option. */
  gateway: Gateway;
  /** How many operations are held compiled. */
  compiledCount: () => number;
}

/**
 * Every query and mutation is compiled on its first run (about 1 ms for the console's queue), so
 * the tests exercise the very code production runs. `maxCompiled` bounds the memory a flood of
 * distinct queries can take: the least recently used is dropped first.
 */
export function compiledExecution(schema: GraphQLSchema, { maxCompiled = 500 }: { maxCompiled?: number } = {}): CompiledExecution {
  // Keyed by the query's hash and the operation asked for; a Map iterates in insertion order,
  // so re-inserting on use makes the first key the least recently used.
  const compiledOperations = new Map<string, CompiledQuery>();
  const compiledFor = (queryHash: string, document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    const key = `${queryHash}:${operationName ?? ''}`;
    let compiled = compiledOperations.get(key);
    if (compiled) {
      compiledOperations.delete(key);
    } else {
      const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      // Apollo has validated the document, so compiling fails only where graphql-js would too.
      if (!isCompiledQuery(result)) return null;
      compiled = result;
      if (compiledOperations.size >= maxCompiled) compiledOperations.delete(compiledOperations.keys().next().value!);
    }
    compiledOperations.set(key, compiled);
    return compiled;
  };

  const executor: Executor = async (request) => {
    const { document, operation, context, queryHash } = request;
    // As the client sent them: Apollo's own operationName is null for an operation it could not find.
    const { operationName, variables = {} } = request.request;
    // graphql-js keeps answering what Apollo lets through unresolved (an operationName the
    // document lacks) and subscriptions sent over HTTP (their resolver answers with an error).
    const compiled =
      operation && operation.operation !== OperationTypeNode.SUBSCRIPTION ? compiledFor(queryHash, document, operationName) : null;
    if (!compiled) {
      return execute({ schema, document, operationName, contextValue: context, variableValues: variables }) as Promise<ExecutionResult>;
    }
    // Bad variables are refused by graphql-js, as when interpreted (with execute's cap of 50
    // errors): its errors point at the variable's definition, which Apollo answers as
    // BAD_USER_INPUT with status 400.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    const result = (await compiled.query(undefined, context, variables)) as ExecutionResult;
    return result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result;
  };

  let announce: Parameters<Gateway['onSchemaLoadOrUpdate']>[0] = () => {};
  const gateway: Gateway = {
    onSchemaLoadOrUpdate(listener) {
      announce = listener;
      return () => {};
    },
    async load() {
      announce({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {},
  };
  return { gateway, compiledCount: () => compiledOperations.size };
}

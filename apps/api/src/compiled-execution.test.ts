// The compiled executor must answer exactly as graphql-js does: same data, same errors (message,
// code, path, status), mutations in order. Each operation runs through two real ApolloServers on
// a small schema, one compiling, one interpreting, and their answers are compared.
import { ApolloServer } from '@apollo/server';
import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledExecution } from './compiled-execution.js';

interface Book {
  title: string;
  year: number;
}

function library() {
  const shelf: Book[] = [
    { title: 'Dune', year: 1965 },
    { title: 'Kindred', year: 1979 },
  ];
  const Genre = new GraphQLEnumType({ name: 'Genre', values: { NOVEL: {}, ESSAY: {} } });
  const BookType = new GraphQLObjectType<Book>({
    name: 'Book',
    fields: {
      title: { type: new GraphQLNonNull(GraphQLString) },
      year: { type: new GraphQLNonNull(GraphQLInt) },
      // Resolved late, to mix promises and plain values in one answer.
      shout: { type: GraphQLString, resolve: async (book) => book.title.toUpperCase() },
      // A library's error: no extensions, no code.
      broken: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('The disk is on fire.');
        },
      },
      secret: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('Not for you.', { extensions: { code: 'FORBIDDEN' } });
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        books: {
          type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(BookType))),
          args: { since: { type: GraphQLInt }, genre: { type: Genre } },
          resolve: (_root, { since }: { since?: number }) => shelf.filter((book) => since === undefined || book.year >= since),
        },
      },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        shelve: {
          type: new GraphQLNonNull(GraphQLInt),
          args: { title: { type: new GraphQLNonNull(GraphQLString) }, delayMs: { type: GraphQLInt } },
          // The first mutation waits longer: run in parallel, the second would finish first.
          resolve: async (_root, { title, delayMs }: { title: string; delayMs?: number }) => {
            await new Promise((resolve) => setTimeout(resolve, delayMs ?? 0));
            shelf.push({ title, year: 2026 });
            return shelf.length;
          },
        },
      },
    }),
  });
  return { schema, shelf };
}

type Run = (
  query: string | { query: string; operationName: string },
  variables?: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

describe('compiled execution', () => {
  const servers: ApolloServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  async function serve(options: ConstructorParameters<typeof ApolloServer>[0]): Promise<Run> {
    const server = new ApolloServer({ ...options, includeStacktraceInErrorResponses: false });
    servers.push(server);
    await server.start();
    return async (query, variables) => {
      const response = await server.executeOperation(typeof query === 'string' ? { query, variables } : query);
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return { status: response.http.status ?? 200, ...response.body.singleResult };
    };
  }

  /** The same operations, compiled and (for reference) interpreted by graphql-js, each on its own shelf. */
  async function compiledAndInterpreted(maxCompiled?: number) {
    const compiledLibrary = library();
    const execution = compiledExecution(compiledLibrary.schema, { maxCompiled });
    const compiled = await serve({ gateway: execution.gateway });
    const interpreted = await serve({ schema: library().schema });
    return { compiled, interpreted, shelf: compiledLibrary.shelf, compiledCount: execution.compiledCount };
  }

  const BOOKS = 'query Books($since: Int) { books(since: $since) { title year shout } }';

  it('answers queries as graphql-js does, compiling each operation once', async () => {
    const { compiled, interpreted, compiledCount } = await compiledAndInterpreted();
    for (const variables of [{ since: 1970 }, {}, { since: 1970 }]) {
      expect(await compiled(BOOKS, variables)).toEqual(await interpreted(BOOKS, variables));
    }
    expect(await compiled(BOOKS, { since: 1970 })).toEqual({
      status: 200,
      data: { books: [{ title: 'Kindred', year: 1979, shout: 'KINDRED' }] },
    });
    expect(compiledCount()).toBe(1);
  });

  it('gives the errors graphql-js gives: message, code and path of a resolver error, with or without a code; bad variables as BAD_USER_INPUT with 400; an unknown operation', async () => {
    const { compiled, interpreted } = await compiledAndInterpreted();
    const failing = '{ books { title secret } }';
    const answer = await compiled(failing);
    expect(answer.errors).toEqual([
      expect.objectContaining({ message: 'Not for you.', path: ['books', 0, 'secret'], extensions: { code: 'FORBIDDEN' } }),
      expect.objectContaining({ message: 'Not for you.', path: ['books', 1, 'secret'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect(answer).toEqual(await interpreted(failing));
    const unexpected = await compiled('{ books { broken } }');
    expect(unexpected).toMatchObject({
      errors: [{ message: 'The disk is on fire.', path: ['books', 0, 'broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, {}],
    });
    expect(unexpected).toEqual(await interpreted('{ books { broken } }'));
    const unknownOperation = { query: 'query Mine { books { title } }', operationName: 'Yours' };
    expect(await compiled(unknownOperation)).toEqual(await interpreted(unknownOperation));

    const ENUM = 'query ($genre: Genre) { books(genre: $genre) { title } }';
    for (const [query, variables] of [
      [BOOKS, { since: 'soon' }],
      [BOOKS, { since: 2 ** 40 }],
      [ENUM, { genre: 'POEM' }],
    ] as const) {
      const refused = await compiled(query, variables);
      expect(refused).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
      expect(refused).toEqual(await interpreted(query, variables));
    }
  });

  it('runs the mutations of one request in order', async () => {
    const { compiled, shelf } = await compiledAndInterpreted();
    const mutation = 'mutation ($a: String!, $b: String!) { first: shelve(title: $a, delayMs: 30) second: shelve(title: $b) }';
    expect(await compiled(mutation, { a: 'Beloved', b: 'Emma' })).toEqual({ status: 200, data: { first: 3, second: 4 } });
    expect(shelf.map((book) => book.title).slice(2)).toEqual(['Beloved', 'Emma']);
  });

  it('keeps at most maxCompiled operations', async () => {
    const { compiled, compiledCount } = await compiledAndInterpreted(2);
    for (const field of ['title', 'year', 'shout']) {
      expect((await compiled(`{ books { ${field} } }`)).data).toBeTruthy();
    }
    expect(compiledCount()).toBe(2);
  });
});

// GraphQL over HTTP as an integrator, a student or a staff member would send it.

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: Data | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }>;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

/** Sends one GraphQL request; the answer whatever it is (errors included). */
export type GraphQLClient = <Data = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  options?: RequestOptions,
) => Promise<GraphQLResponse<Data>>;

/** `url` is the API's /graphql address. */
export function graphqlClient(url: string): GraphQLClient {
  return async (query, variables, options = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: any };
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
  };
}

/** The error codes of a response, for assertions like `expect(codes(res)).toEqual(['FORBIDDEN'])`. */
export function codes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** Sends GraphQL as one signed-in person and gives the data, failing on any error. */
export type SignedInClient = <Data = any>(query: string, variables?: Record<string, unknown>) => Promise<Data>;

/** A client that sends `token` with every request (no token: anonymous) and throws on errors. */
export function signedInClient(gql: GraphQLClient, token?: string): SignedInClient {
  return async (query, variables = {}) => {
    const response = await gql(query, variables, { token });
    if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    return response.data as never;
  };
}

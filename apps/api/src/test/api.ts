// A real API for tests: HTTP and websockets on a free port, on a throw-away database.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@studentdesk/db';
import type { DestinationStream } from 'pino';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { WebhookDelivery } from '../integrations/webhook-delivery.js';
import { createLogger } from '../logger.js';
import { createSchema } from '../schema.js';
import { TEST_REDIS_KEY_PREFIX } from './redis.js';
import { startServer } from '../server.js';

export type DatabaseKind = 'postgresql' | 'pglite';
export const DATABASE_KINDS: DatabaseKind[] = ['postgresql', 'pglite'];

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

/** Sends GraphQL over HTTP as an integrator would. */
export type GraphQLClient = <Data = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  options?: RequestOptions,
) => Promise<GraphQLResponse<Data>>;

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

export interface TestApi {
  url: string;
  db: TestDatabase;
  webhooks: WebhookDelivery;
  /** SQL statements Prisma has sent since the last reset. */
  queries: string[];
  gql: GraphQLClient;
  close: () => Promise<void>;
}

/**
 * `env` adds or overrides configuration variables, as the environment would; `logTo` receives
 * every log line, of every level (silent without it).
 */
export async function startTestApi(kind: DatabaseKind, env: Record<string, string> = {}, logTo?: DestinationStream): Promise<TestApi> {
  const queries: string[] = [];
  const db = await createTestDatabase(kind, { onQuery: (sql) => queries.push(sql) });
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-test-'));
  const config = loadConfig({
    PORT: '0',
    AUTH_SECRET: 'test-secret-that-is-long-enough-for-hs256',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    PORTAL_DIST: '/nonexistent',
    CONSOLE_DIST: '/nonexistent',
    REDIS_KEY_PREFIX: TEST_REDIS_KEY_PREFIX,
    ...env,
  });
  const { app, webhooks, stopBackgroundWork } = await createApp(config, db, logTo ? createLogger('trace', logTo) : createLogger('silent'));
  const server = await startServer(app, await createSchema(app.pubSub));
  return {
    url: server.url,
    db,
    webhooks,
    queries,
    gql: graphqlClient(server.url),
    async close() {
      await server.close();
      await stopBackgroundWork();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The error codes of a response, for assertions like `expect(codes(res)).toEqual(['FORBIDDEN'])`. */
export function codes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

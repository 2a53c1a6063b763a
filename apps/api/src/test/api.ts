// The API in-process for its own tests: HTTP and websockets on a free port, on a throw-away
// database, with the harness's pieces (@studentdesk/testing) and a view of what Prisma sent.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  graphqlClient,
  TEST_REDIS_KEY_PREFIX,
  type DatabaseKind,
  type GraphQLClient,
  type TestDatabase,
} from '@studentdesk/testing';
import type { DestinationStream } from 'pino';
import { createApp } from '../app.js';
import type { Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { WebhookDelivery } from '../integrations/webhook-delivery.js';
import { createLogger } from '../logger.js';
import { createSchema } from '../schema.js';
import { startServer } from '../server.js';

export interface TestApi {
  url: string;
  db: TestDatabase;
  webhooks: WebhookDelivery;
  /** Stops the API's background work early (close() does it too), e.g. to let other job systems take over. */
  stopBackgroundWork: () => Promise<void>;
  /** SQL statements Prisma has sent since the last reset. */
  queries: string[];
  gql: GraphQLClient;
  /** How many live subscriptions (websocket or other) have started so far. */
  liveSubscriptions: () => number;
  close: () => Promise<void>;
}

/**
 * `env` adds or overrides configuration variables, as the environment would; `logTo` receives
 * every log line, of every level (silent without it); `clock` is the time the app's rules read.
 */
export async function startTestApi(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  logTo?: DestinationStream,
  clock?: Clock,
): Promise<TestApi> {
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
    // Tests ask far faster than people, as one user from one address: query budgets are tested where
    // they are the subject (limits/limits.test.ts, websocket.test.ts), which set their own.
    ...Object.fromEntries(
      ['API_KEY', 'USER', 'ANONYMOUS'].flatMap((owner) => [
        [`${owner}_BUDGET`, '100000000'],
        [`${owner}_BUDGET_RESTORE_PER_SECOND`, '1000000'],
      ]),
    ),
    ...env,
  });
  const { app, webhooks, stopBackgroundWork } = await createApp(
    config,
    db,
    logTo ? createLogger('trace', logTo) : createLogger('silent'),
    clock,
  );
  // Counted so a test can wait until its subscription is registered before changing what it follows.
  let liveSubscriptions = 0;
  const subscribe = app.pubSub.subscribe.bind(app.pubSub);
  app.pubSub.subscribe = ((...args: Parameters<typeof subscribe>) => {
    liveSubscriptions += 1;
    return subscribe(...args);
  }) as typeof app.pubSub.subscribe;
  const server = await startServer(app, await createSchema(app.pubSub));
  return {
    url: server.url,
    db,
    webhooks,
    stopBackgroundWork,
    queries,
    gql: graphqlClient(server.url),
    liveSubscriptions: () => liveSubscriptions,
    async close() {
      await server.close();
      await stopBackgroundWork();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

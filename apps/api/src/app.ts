// The process's long-lived services on an open database, assembled once for `pnpm start`, the
// tests' API and the benchmark: background work (jobs/background-work.ts) starts here, so every
// API process takes its share.
import type { Database } from '@studentdesk/db';
import type { Logger } from 'pino';
import { trackSessions } from './auth/sessions.js';
import { createTokenSigner } from './auth/tokens.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { App } from './context.js';
import type { WebhookDelivery } from './integrations/webhook-delivery.js';
import { startBackgroundWork } from './background-work.js';
import { createLimits } from './limits/limits.js';
import { createTicketPubSub } from './realtime/pubsub.js';
import { connectRedis } from './redis.js';

/** How long start-up waits for Redis before serving per process (it joins in when Redis answers). */
const REDIS_CONNECT_WAIT_MS = 3000;

export interface RunningApp {
  app: App;
  webhooks: WebhookDelivery;
  /** Stops background work (waiting for jobs in flight) and closes Redis; call before closing the database. Once is enough. */
  stopBackgroundWork: () => Promise<void>;
}

export async function createApp(config: Config, db: Database, logger: Logger, clock: Clock = systemClock): Promise<RunningApp> {
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger, config.redisKeyPrefix) : undefined;
  if (redis)
    logger.info(
      (await redis.ready(REDIS_CONNECT_WAIT_MS))
        ? 'Redis connected: events and limits are shared by every API process'
        : 'Redis not ready: starting per process',
    );
  const pubSub = createTicketPubSub(redis);
  const background = await startBackgroundWork({ config, db, logger, clock, pubSub });
  const app: App = {
    config,
    prisma: db.prisma,
    clock,
    tokens: createTokenSigner(config.authSecret),
    sessions: trackSessions(db.prisma, pubSub, logger, config.sessionRecheckMs),
    pubSub,
    logger,
    limits: createLimits(config.limits, redis),
    webhooks: background.webhooks.queue,
  };

  let stopping: Promise<void> | undefined;
  return {
    app,
    webhooks: background.webhooks,
    stopBackgroundWork: () =>
      (stopping ??= (async () => {
        await Promise.all([background.stop(), app.sessions.stop()]);
        await redis?.close();
      })()),
  };
}

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
import { startSmtpListener, type SmtpListener } from './mail-in/smtp-listener.js';

/** How long start-up waits for Redis before serving per process (it joins in when Redis answers). */
const REDIS_CONNECT_WAIT_MS = 3000;

export interface RunningApp {
  app: App;
  webhooks: WebhookDelivery;
  /** The SMTP listener for email in (INBOUND_SMTP_PORT), when configured. */
  inboundSmtp: SmtpListener | null;
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
  // Background work starts first (the app takes its webhook queue); its sweeps reach the app once it exists.
  const assembled: { app?: App } = {};
  const background = await startBackgroundWork({ config, db, logger, clock, pubSub, app: () => assembled.app });
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
  assembled.app = app;
  const inboundSmtp = config.mailIn.smtpPort === undefined ? null : await startSmtpListener(app, config.mailIn.smtpPort);

  let stopping: Promise<void> | undefined;
  return {
    app,
    webhooks: background.webhooks,
    inboundSmtp,
    stopBackgroundWork: () =>
      (stopping ??= (async () => {
        // No new mail once stopping: the sender's server retries later, elsewhere.
        await inboundSmtp?.close();
        await Promise.all([background.stop(), app.sessions.stop()]);
        await redis?.close();
      })()),
  };
}

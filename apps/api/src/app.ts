// The process's long-lived services on an open database, assembled once for `pnpm start`, the
// tests' API and the benchmark: timed work (webhook and email delivery, rating reminders, SLA
// escalation) starts here, so every API process takes its share.
import type { Database } from '@studentdesk/db';
import type { Logger } from 'pino';
import { trackSessions } from './auth/sessions.js';
import { createTokenSigner } from './auth/tokens.js';
import type { Config } from './config.js';
import type { App } from './context.js';
import { startWebhookDelivery, type WebhookDelivery } from './integrations/webhook-delivery.js';
import { createLimits } from './limits/limits.js';
import { emailDeliverySweep } from './notifications/email.sender.js';
import { queueRatingReminders } from './tickets/ticket.notifications.js';
import { announceTicketChange, createTicketPubSub } from './realtime/pubsub.js';
import { connectRedis } from './redis.js';
import { escalateSlaBreaches } from './sla/sla.escalation.js';
import { startTimedWork, type Sweep } from './timed-work.js';

/** How long start-up waits for Redis before serving per process (it joins in when Redis answers). */
const REDIS_CONNECT_WAIT_MS = 3000;

export interface RunningApp {
  app: App;
  webhooks: WebhookDelivery;
  /** Stops timed work and closes Redis; call before closing the database. */
  stopBackgroundWork: () => Promise<void>;
}

export async function createApp(config: Config, db: Database, logger: Logger): Promise<RunningApp> {
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger, config.redisKeyPrefix) : undefined;
  if (redis)
    logger.info(
      (await redis.ready(REDIS_CONNECT_WAIT_MS))
        ? 'Redis connected: events and limits are shared by every API process'
        : 'Redis not ready: starting per process',
    );
  const webhooks = await startWebhookDelivery({ prisma: db.prisma, pool: db.pool, logger }, config.webhooks);
  const pubSub = createTicketPubSub(redis);
  const app: App = {
    config,
    prisma: db.prisma,
    tokens: createTokenSigner(config.authSecret),
    sessions: trackSessions(db.prisma, pubSub, logger, config.sessionRecheckMs),
    pubSub,
    logger,
    limits: createLimits(config.limits, redis),
    webhooks: webhooks.queue,
  };

  const email = emailDeliverySweep({ ...config, prisma: db.prisma });
  const sweeps: Sweep[] = [
    {
      name: 'rating reminders',
      intervalMs: config.sweepIntervalMs,
      run: () => queueRatingReminders(db.prisma, config.publicUrl, new Date()),
    },
    {
      name: 'SLA escalation',
      intervalMs: config.sweepIntervalMs,
      run: async () => {
        const escalated = await escalateSlaBreaches(db.prisma, config.publicUrl, new Date());
        for (const ticket of escalated) announceTicketChange(app.pubSub, ticket);
        return escalated.length;
      },
    },
    ...(email ? [email] : []),
  ];
  const timedWork = startTimedWork(sweeps, logger);

  return {
    app,
    webhooks,
    async stopBackgroundWork() {
      await Promise.all([webhooks.stop(), timedWork.stop(), app.sessions.stop()]);
      email?.close();
      await redis?.close();
    },
  };
}

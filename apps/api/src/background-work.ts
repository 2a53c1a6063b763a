// Everything the API does in the background, as jobs of the one job system: SLA escalation and
// warnings, staff notification digests, automation rules, rating reminders, managers' weekly digests,
// the email outbox, webhook relay and delivery, cleanup (unused uploads too) and retention. Every API process works
// every queue; each sweep runs once per interval across all of them (job-system.ts, `every`).
import type { Database } from '@studentdesk/db';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { startWebhookDelivery, type WebhookDelivery } from './integrations/webhook-delivery.js';
import { sendManagerDigests } from './insights/manager-digest.js';
import { emailSender } from './notifications/email.sender.js';
import { imapTarget, pollImap } from './mail-in/imap-poller.js';
import type { App } from './context.js';
import { queueRatingReminders } from './tickets/ticket.notifications.js';
import { announceStaffNotices, announceTicketChange, type TicketPubSub } from './realtime/pubsub.js';
import { escalateSlaBreaches } from './sla/sla.escalation.js';
import { runEventRules, runTimeRules } from './automation/automation.engine.js';
import { warnSlaAboutToBreach } from './sla/sla.warning.js';
import { emailStaffDigests } from './staff-notifications/staff-digest.js';
import { removeUnusedUploads } from './attachments/attachment.cleanup.js';
import { createStorage } from './attachments/storage.js';
import { cleanUp } from './jobs/cleanup.js';
import { startJobSystem } from './jobs/job-system.js';
import { QUEUE, RETENTION_INTERVAL_MS } from './jobs/queues.js';
import { applyRetention } from './privacy/retention.js';

export interface BackgroundWork {
  webhooks: WebhookDelivery;
  /** Stops taking jobs and waits for those in flight; call before closing the database. */
  stop: () => Promise<void>;
}

export async function startBackgroundWork(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  pubSub: TicketPubSub;
  /** The app, once assembled (app.ts builds it after this): sweeps that act as a request would need it. */
  app: () => App | undefined;
}): Promise<BackgroundWork> {
  const { config, db, logger, clock, pubSub } = deps;
  const prisma = db.prisma;
  const jobs = await startJobSystem(db.pool, logger, config.jobs);
  const webhooks = await startWebhookDelivery({ prisma, pool: db.pool, jobs }, config.webhooks);

  await jobs.every(QUEUE.ratingReminders, config.sweepIntervalMs, () => queueRatingReminders(prisma, config.publicUrl, clock.now()));
  await jobs.every(QUEUE.slaEscalation, config.sweepIntervalMs, async () => {
    const escalated = await escalateSlaBreaches(prisma, config.publicUrl, clock.now());
    for (const ticket of escalated) announceTicketChange(pubSub, ticket);
    const warnings = await warnSlaAboutToBreach(prisma, clock.now());
    announceStaffNotices(pubSub, warnings);
    return escalated.length + warnings.length;
  });
  await jobs.every(QUEUE.managerDigests, config.sweepIntervalMs, () => sendManagerDigests(prisma, config.publicUrl, clock.now()));
  // Automation: event rules read the history as their outbox, time rules look for waits that are over.
  await jobs.every(QUEUE.automation, config.sweepIntervalMs, async () => {
    const deps = { prisma, publicUrl: config.publicUrl, logger };
    const changed = [...(await runEventRules(deps, clock.now())), ...(await runTimeRules(deps, clock.now()))];
    for (const ticket of changed) announceTicketChange(pubSub, ticket);
    return changed.length;
  });
  await jobs.every(QUEUE.staffDigest, config.sweepIntervalMs, () => emailStaffDigests(prisma, config.publicUrl, clock.now()));
  const email = emailSender(prisma, config);
  if (email) await jobs.every(QUEUE.emailOutbox, config.emailPollMs, email.run);
  // Email in from a mailbox (mail-in/imap-poller.ts); the SMTP listener is started with the app.
  if (config.mailIn.imapUrl) {
    const target = imapTarget(config.mailIn.imapUrl, config.mailIn.imapAccessToken);
    await jobs.every(QUEUE.imapPoll, config.mailIn.imapPollMs, async () => {
      const app = deps.app();
      return app ? pollImap(app, target) : 0;
    });
  }
  const attachmentStorage = createStorage(config.attachments.store);
  await jobs.every(QUEUE.cleanup, config.jobs.cleanupIntervalMs, async () => {
    const cleaned = await cleanUp(prisma, config.jobs, clock.now());
    const uploads = await removeUnusedUploads(prisma, attachmentStorage, clock.now());
    return Object.values(cleaned).reduce((sum, count) => sum + count, uploads);
  });
  await jobs.every(QUEUE.retention, RETENTION_INTERVAL_MS, async () => {
    const removed = await applyRetention(prisma, clock);
    return Object.values(removed).reduce((sum, count) => sum + count, 0);
  });

  return {
    webhooks,
    async stop() {
      // Long enough for a webhook attempt that has just started (its request's timeout).
      await jobs.stop(config.webhooks.timeoutMs + 1000);
      email?.close();
    },
  };
}

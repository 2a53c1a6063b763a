// Delivering webhooks, in two steps that are each safe with several API processes:
// 1. the relay moves committed outbox events to deliveries, one per subscribed webhook, and queues
//    each first attempt, all in one transaction (events are claimed FOR UPDATE SKIP LOCKED);
// 2. the worker takes due attempts from the job system, POSTs the signed event and records the answer;
//    a failure queues the next attempt by the retry schedule, in the same transaction.
// An attempt runs at least once (a crash mid-request repeats it); receivers dedupe by webhook-id.
import type { Database, OutboxEvent as OutboxEventRow, PrismaClient } from '@studentdesk/db';
import type { JobSystem } from '../jobs/job-system.js';
import { QUEUE } from '../jobs/queues.js';
import { sendOutbound, type OutboundPolicy } from './outbound-request.js';
import { retryDelay } from './retry-schedule.js';
import { createWebhookQueue, type AttemptJob, type WebhookQueue } from '../jobs/webhook-attempts.js';
import { signWebhook } from './webhook-signature.js';
import type { DeliverySettings } from '../config.js';

const RELAY_BATCH = 100;
const WORKER_BATCH = 5;
const RESPONSE_BODY_LIMIT = 2000;

/** The JSON body of an event, the same on every attempt: id, type, time and the object. */
export function deliveryBody(event: Pick<OutboxEventRow, 'id' | 'type' | 'createdAt' | 'payload'>): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.payload });
}

interface Answer {
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

async function post(url: string, secret: string, event: OutboxEventRow, timeoutMs: number, targets: OutboundPolicy): Promise<Answer> {
  const body = deliveryBody(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  try {
    const response = await sendOutbound(url, {
      ...targets,
      method: 'POST',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'StudentDesk-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secret, event.id, timestamp, body),
      },
      body,
    });
    const text = await response.text();
    return {
      responseStatus: response.status,
      responseBody: text.slice(0, RESPONSE_BODY_LIMIT),
      error: null,
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const reason =
      error instanceof Error
        ? error.name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : ((error.cause as Error)?.message ?? error.message)
        : String(error);
    return { responseStatus: null, responseBody: null, error: reason, durationMs: Math.round(performance.now() - started) };
  }
}

export interface WebhookDelivery {
  queue: WebhookQueue;
  /** Moves committed events to deliveries now (the relay otherwise runs every pollMs). */
  relay: () => Promise<number>;
}

export async function startWebhookDelivery(
  deps: { prisma: PrismaClient; pool: Database['pool']; jobs: JobSystem },
  settings: DeliverySettings,
): Promise<WebhookDelivery> {
  const { prisma, pool, jobs } = deps;
  const queue = createWebhookQueue(jobs);

  async function relay(): Promise<number> {
    // Checked through the pool, so an idle relay costs one cheap statement and no transaction.
    const { rowCount } = await pool.query('SELECT 1 FROM "OutboxEvent" WHERE "processedAt" IS NULL LIMIT 1');
    if (!rowCount) return 0;
    return prisma.$transaction(async (tx) => {
      const events = await tx.$queryRaw<Array<{ id: string; type: string }>>`
        SELECT id, type FROM "OutboxEvent" WHERE "processedAt" IS NULL
        ORDER BY "createdAt", id LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED`;
      if (events.length === 0) return 0;
      const now = new Date();
      const webhooks = await tx.webhook.findMany({
        where: { active: true, events: { hasSome: [...new Set(events.map((event) => event.type))] } },
      });
      let queued = 0;
      for (const event of events) {
        for (const webhook of webhooks.filter((candidate) => candidate.events.includes(event.type))) {
          const delivery = await tx.webhookDelivery.create({
            data: { webhookId: webhook.id, eventId: event.id, eventType: event.type, nextAttemptAt: now },
          });
          await queue.schedule(tx, { deliveryId: delivery.id, attempt: 1, retry: 0 }, now);
          queued += 1;
        }
      }
      await tx.outboxEvent.updateMany({ where: { id: { in: events.map((event) => event.id) } }, data: { processedAt: now } });
      return queued;
    });
  }

  async function attempt(job: AttemptJob): Promise<void> {
    const delivery = await prisma.webhookDelivery.findUnique({ where: { id: job.deliveryId }, include: { webhook: true, event: true } });
    // Delivered, given up, deleted, or this attempt already recorded (a repeated job): nothing to do.
    if (!delivery || delivery.status !== 'PENDING' || delivery.attempts >= job.attempt) return;
    if (!delivery.webhook.active) {
      await prisma.webhookDelivery.updateMany({
        where: { id: delivery.id, attempts: delivery.attempts },
        data: { status: 'FAILED', nextAttemptAt: null, error: 'The webhook was disabled.' },
      });
      return;
    }
    const sentAt = new Date();
    const answer = await post(delivery.webhook.url, delivery.webhook.secret, delivery.event, settings.timeoutMs, settings);
    const succeeded = answer.responseStatus !== null && answer.responseStatus >= 200 && answer.responseStatus < 300;
    const wait = succeeded ? null : retryDelay(job.retry + 1, settings.schedule);
    const nextAttemptAt = wait === null ? null : new Date(Date.now() + wait);
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.webhookDelivery.updateMany({
        where: { id: delivery.id, attempts: job.attempt - 1 },
        data: {
          attempts: job.attempt,
          status: succeeded ? 'SUCCEEDED' : nextAttemptAt ? 'PENDING' : 'FAILED',
          lastAttemptAt: sentAt,
          nextAttemptAt,
          deliveredAt: succeeded ? new Date() : null,
          responseStatus: answer.responseStatus,
          responseBody: answer.responseBody,
          error: answer.error,
        },
      });
      if (count === 0) return; // a repeated run of this attempt got here first
      await tx.webhookAttempt.create({ data: { deliveryId: delivery.id, number: job.attempt, createdAt: sentAt, ...answer } });
      if (nextAttemptAt)
        await queue.schedule(tx, { deliveryId: delivery.id, attempt: job.attempt + 1, retry: job.retry + 1 }, nextAttemptAt);
    });
  }

  // A thrown error fails the job and the job system retries it; attempts already recorded are skipped.
  const workerId = await jobs.work<AttemptJob>(
    QUEUE.webhookDelivery,
    { batchSize: WORKER_BATCH, pollingIntervalSeconds: Math.max(settings.pollMs, 500) / 1000 },
    (job) => attempt(job.data),
  );
  await jobs.every(QUEUE.webhookRelay, settings.pollMs, async () => {
    const queued = await relay();
    // The first attempts are due now: this process's worker takes them without waiting for its poll.
    if (queued > 0) jobs.wake(workerId);
    return queued;
  });

  return { queue, relay };
}

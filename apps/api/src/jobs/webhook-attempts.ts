// Webhook attempts as jobs of the one job system (jobs/job-system.ts): one job is one HTTP
// attempt, queued inside the transaction that decides it.
import type { Prisma } from '@studentdesk/db';
import type { JobSystem } from './job-system.js';
import { QUEUE } from './queues.js';

/** One attempt of one delivery. `retry` counts retries in the current round (0: first try or redelivery). */
export interface AttemptJob {
  deliveryId: string;
  attempt: number;
  retry: number;
}

export interface WebhookQueue {
  /** Queues an attempt inside the caller's transaction: it exists if and only if the transaction commits. */
  schedule: (tx: Prisma.TransactionClient, job: AttemptJob, startAfter: Date) => Promise<void>;
}

export function createWebhookQueue(jobs: JobSystem): WebhookQueue {
  return {
    // The job system retries only what the worker could not finish (a crash, the database gone); a
    // receiver's failure is scheduled by us as the next attempt (retry-schedule.ts).
    schedule: (tx, job, startAfter) => jobs.send(tx, QUEUE.webhookDelivery, job, { startAfter }),
  };
}

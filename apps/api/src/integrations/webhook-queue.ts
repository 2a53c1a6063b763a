// The job queue behind webhook delivery: pg-boss, on the API's own database pool (on the
// embedded database that is its one connection; see docs/decisions/webhook-delivery.md).
// One job is one HTTP attempt; jobs are queued inside the transaction that decides them.
import type { Prisma } from '@studentdesk/db';
import type PgBoss from 'pg-boss';

export const DELIVERY_QUEUE = 'webhook-delivery';

const DEADLOCK_DETECTED = '40P01';
const CREATE_QUEUE_TRIES = 5;

/**
 * Creates the delivery queue unless it exists. pg-boss's create_queue deadlocks when two
 * processes start at once (each inserts the queue row, one then alters a table the other holds);
 * PostgreSQL aborts one of them, and that one finds the queue made when it tries again.
 */
export async function ensureDeliveryQueue(boss: PgBoss): Promise<void> {
  for (let tried = 1; ; tried += 1) {
    try {
      await boss.createQueue(DELIVERY_QUEUE);
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || tried === CREATE_QUEUE_TRIES) throw error;
    }
  }
}

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

/** pg-boss runs its SQL through the caller's transaction (it accepts any `executeSql`). */
const inTransaction = (tx: Prisma.TransactionClient): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...((values ?? []) as unknown[])) }),
});

export function createWebhookQueue(boss: PgBoss): WebhookQueue {
  return {
    async schedule(tx, job, startAfter) {
      await boss.send(DELIVERY_QUEUE, job, {
        startAfter,
        // pg-boss retries only what the worker could not finish (a crash, the database gone);
        // a receiver's failure is scheduled by us as the next attempt (retry-schedule.ts).
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: 120,
        db: inTransaction(tx),
      });
    },
  };
}

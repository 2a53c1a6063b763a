// The one job system of the API: pg-boss, on the API's own database pool, on PostgreSQL and on the
// embedded database alike (there the pool is its one connection: nothing opens a second). Sweeps,
// webhook attempts and cleanup are all its jobs (background-work.ts); every queue retries with
// backoff and ends in the dead-letter queue (queues.ts). See docs/architecture.md, "Background work".
import type { Database, Prisma } from '@studentdesk/db';
import { PgBoss, type Db, type Job, type JobResult, type SendOptions } from 'pg-boss';
import type { Logger } from 'pino';
import { waitingForConnection } from '../database-outage.js';
import { carryOverLegacyJobs, setAsideLegacySchema } from './legacy-schema.js';
import { queueDefinitions, type JobSettings, type QueueName } from './queues.js';

export interface WorkOptions {
  /** Jobs fetched at once; each settles on its own (a failure retries that job only). */
  batchSize: number;
  pollingIntervalSeconds: number;
}

export interface JobSystem {
  /** Queues a job inside the caller's transaction: it exists if and only if the transaction commits. */
  send: <T extends object>(
    tx: Prisma.TransactionClient,
    queue: QueueName,
    data: T,
    options?: Pick<SendOptions, 'startAfter'>,
  ) => Promise<void>;
  /** Works a queue in this process; a job whose handler throws is retried, then dead-lettered. Returns the worker's id. */
  work: <T extends object>(queue: QueueName, options: WorkOptions, handler: (job: Job<T>) => Promise<void>) => Promise<string>;
  /**
   * Runs `run` about every `intervalMs`, one run at a time across every API process sharing the
   * database. `run` returns how many items it handled, for the log.
   */
  every: (queue: QueueName, intervalMs: number, run: () => Promise<number>) => Promise<void>;
  /** Makes a worker of this process fetch now rather than at its next poll. */
  wake: (workerId: string) => void;
  /** Stops fetching and waits (up to `timeoutMs`) for the jobs in flight; the pool stays open. */
  stop: (timeoutMs: number) => Promise<void>;
}

/** pg-boss runs its SQL through the caller's transaction (it accepts any `executeSql`). */
const inTransaction = (tx: Prisma.TransactionClient): Db => ({
  executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }),
});

const failure = (error: unknown) => ({ message: error instanceof Error ? error.message : String(error) });

/** Polls at least every 0.5 s (pg-boss's floor) and at most every 2 s, so a run or a retry is never much late. */
const sweepPollSeconds = (intervalMs: number) => Math.min(Math.max(intervalMs / 1000, 0.5), 2);

export async function startJobSystem(pool: Database['pool'], logger: Logger, settings: JobSettings): Promise<JobSystem> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => waitingForConnection(() => pool.query(text, values)) },
    // Timed work is chained jobs (every), not pg-boss's cron, which counts in whole minutes.
    schedule: false,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job system error'));
  boss.on('warning', (warning) => logger.warn({ warning }, `job system warning: ${warning.message}`));
  // pg-boss creates its schema or migrates a recent one; pg-boss 10's is taken over (legacy-schema.ts).
  const legacy = await setAsideLegacySchema(pool);
  await boss.start();
  const queues = queueDefinitions(settings);
  for (const { name, policy, ...options } of queues) {
    // Settings may have changed since the queue was made; its policy cannot.
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, { policy, ...options });
  }
  const carried = await carryOverLegacyJobs(
    pool,
    boss,
    queues.map((queue) => queue.name as QueueName),
  );
  if (legacy || carried) logger.info({ carried }, `job system upgraded from pg-boss 10: ${carried} waiting jobs carried over`);

  const system: JobSystem = {
    async send(tx, queue, data, options = {}) {
      await boss.send(queue, data, { ...options, db: inTransaction(tx) });
    },

    work(queue, options, handler) {
      return boss.work<object>(queue, { ...options, perJobResults: true }, async (jobs) => {
        const settled = await Promise.allSettled(jobs.map((job) => handler(job as Job<never>)));
        return settled.map((outcome, index): JobResult => {
          const id = jobs[index]!.id;
          if (outcome.status === 'fulfilled') return { id, status: 'completed' };
          logger.warn({ err: outcome.reason, queue, jobId: id }, `${queue} job failed`);
          return { id, status: 'failed', output: failure(outcome.reason) };
        });
      });
    },

    async every(queue, intervalMs, run) {
      // Each run queues the next before it starts, so a run that fails or dies does not end the
      // chain. The queue is stately: a second queued run (another process starting) is refused.
      const queueNext = (afterMs: number) => boss.send(queue, {}, { startAfter: new Date(Date.now() + afterMs) });
      // Queued first, so the worker's first fetch finds it.
      await queueNext(0);
      await system.work(queue, { batchSize: 1, pollingIntervalSeconds: sweepPollSeconds(intervalMs) }, async () => {
        await queueNext(intervalMs);
        const handled = await run();
        if (handled) logger.info({ queue, handled }, `${queue}: ${handled} handled`);
      });
    },

    wake: (workerId) => boss.notifyWorker(workerId),

    async stop(timeoutMs) {
      await boss.stop({ graceful: true, close: false, timeout: timeoutMs });
    },
  };
  return system;
}

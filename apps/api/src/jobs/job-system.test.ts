// The job system on both databases: a job that keeps failing is retried with growing waits, then
// becomes a dead letter admins can read; stopping waits for the jobs in flight; several processes
// starting at once on one PostgreSQL database make each queue once.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase, until } from '@studentdesk/testing';
import { createLogger } from '../logger.js';
import { failedJobs } from '../failed-jobs/failed-jobs.js';
import { startJobSystem, type JobSystem } from './job-system.js';
import { QUEUE, queueDefinitions } from './queues.js';
import { TEST_JOB_SETTINGS } from '../test/job-settings.js';

const logger = createLogger('silent');

describe.each(DATABASE_KINDS)('the job system on %s', (kind) => {
  let db: TestDatabase;
  let jobs: JobSystem;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    jobs = await startJobSystem(db.pool, logger, TEST_JOB_SETTINGS);
  });
  afterAll(async () => {
    await jobs?.stop(5000);
    await db?.drop();
  });

  it('retries a failing job with growing waits, then keeps it as a dead letter', async () => {
    const tries: number[] = [];
    await jobs.every(QUEUE.cleanup, 3_600_000, async () => {
      tries.push(Date.now());
      throw new Error(`cleanup broke (try ${tries.length})`);
    });
    await until(async () => (await failedJobs(db, { first: 10 })).edges.length > 0, 20_000, 'the dead letter');

    // The first try and both retries, each after a longer wait (1 s, then about 2 s: backoff).
    expect(tries).toHaveLength(1 + TEST_JOB_SETTINGS.retryLimit);
    const waits = tries.slice(1).map((time, index) => time - tries[index]!);
    expect(waits[0]).toBeGreaterThanOrEqual(900);
    expect(waits[1]).toBeGreaterThanOrEqual(1900);

    const { edges } = await failedJobs(db, { first: 10 });
    expect(edges.map((edge) => edge.node)).toEqual([
      {
        id: expect.any(String),
        queue: QUEUE.cleanup,
        dataSummary: '{}',
        error: 'cleanup broke (try 3)',
        failedAt: expect.any(Date),
        attempts: 3,
      },
    ]);
  }, 30_000);

  it('waits for the job in flight when it stops', async () => {
    const other = await startJobSystem(db.pool, logger, TEST_JOB_SETTINGS);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    await other.every(QUEUE.ratingReminders, 3_600_000, async () => {
      started = true;
      await released;
      finished = true;
      return 1;
    });
    await until(() => started, 10_000, 'the job to start');

    let stopped = false;
    const stopping = other.stop(10_000).then(() => (stopped = true));
    // The job holds the stop (a stop that did not wait would fail the job: see its state below).
    await until(
      async () =>
        (await db.pool.query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND state = 'active'`, [QUEUE.ratingReminders])).rowCount === 1,
      5000,
      'the job active',
    );
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    const { rows } = await db.pool.query(`SELECT state FROM pgboss.job WHERE name = $1 AND state IN ('active', 'completed')`, [
      QUEUE.ratingReminders,
    ]);
    expect(rows).toEqual([{ state: 'completed' }]);
  }, 30_000);
});

describe('several processes starting the job system at once on PostgreSQL', () => {
  let db: TestDatabase;
  const systems: JobSystem[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
  });
  afterAll(async () => {
    await Promise.all(systems.map((system) => system.stop(1000)));
    await db?.drop();
  });

  it('creates pg-boss’s schema and every queue once', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => startJobSystem(db.pool, logger, TEST_JOB_SETTINGS)));
    for (const outcome of outcomes) if (outcome.status === 'fulfilled') systems.push(outcome.value);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const { rows } = await db.pool.query<{ name: string }>('SELECT name FROM pgboss.queue ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(
      queueDefinitions(TEST_JOB_SETTINGS)
        .map((queue) => queue.name)
        .sort(),
    );
  });
});

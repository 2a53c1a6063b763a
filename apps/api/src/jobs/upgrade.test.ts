// Upgrading a school's installation: the release before the one job system ran webhook attempts on
// pg-boss 10. Its schema, with an attempt still waiting, must be taken over by the job system
// (pg-boss 12 migrates only newer ones; jobs/legacy-schema.ts) and the waiting attempt delivered,
// not lost.
import 'reflect-metadata';
import PgBoss10 from 'pg-boss-10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase, until } from '@studentdesk/testing';
import { createLogger } from '../logger.js';
import { startJobSystem, type JobSystem } from './job-system.js';
import { QUEUE } from './queues.js';
import { TEST_JOB_SETTINGS } from '../test/job-settings.js';
import type { AttemptJob } from './webhook-attempts.js';

describe.each(DATABASE_KINDS)('upgrading from pg-boss 10 on %s', (kind) => {
  let db: TestDatabase;
  let jobs: JobSystem | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await jobs?.stop(5000);
    await db?.drop();
  });

  it('migrates the old schema and delivers the attempt that was waiting', async () => {
    const old = new PgBoss10({ db: { executeSql: (text, values) => db.pool.query(text, values) }, schedule: false, supervise: false });
    await old.start();
    await old.createQueue(QUEUE.webhookDelivery);
    const waiting: AttemptJob = { deliveryId: '6f1b0f9e-7c55-4f3e-9d7e-2a4c1f0b8e11', attempt: 2, retry: 1 };
    expect(await old.send(QUEUE.webhookDelivery, waiting, { retryLimit: 5 })).toBeTruthy();
    await old.stop({ graceful: false, close: false, wait: true });
    const [{ version: oldVersion }] = (await db.pool.query('SELECT version FROM pgboss.version')).rows as [{ version: number }];

    jobs = await startJobSystem(db.pool, createLogger('silent'), TEST_JOB_SETTINGS);
    const [{ version: newVersion }] = (await db.pool.query('SELECT version FROM pgboss.version')).rows as [{ version: number }];
    expect(newVersion).toBeGreaterThan(oldVersion);

    const received: AttemptJob[] = [];
    await jobs.work<AttemptJob>(QUEUE.webhookDelivery, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (job) => {
      received.push(job.data);
    });
    await until(() => received.length > 0, 20_000, 'the waiting attempt');
    expect(received).toEqual([waiting]);
    // The old schema is gone, and starting again finds nothing to take over.
    expect((await db.pool.query(`SELECT to_regnamespace('pgboss_legacy') IS NULL AS gone`)).rows).toEqual([{ gone: true }]);
    const again = await startJobSystem(db.pool, createLogger('silent'), TEST_JOB_SETTINGS);
    await again.stop(5000);
    expect(received).toHaveLength(1);
  });
});

// Several API processes starting at once on one PostgreSQL database each create the delivery queue.
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@studentdesk/testing';
import { DELIVERY_QUEUE, ensureDeliveryQueue } from './webhook-queue.js';

const PROCESSES = 6;
const ROUNDS = 4;

describe('ensureDeliveryQueue', () => {
  let db: TestDatabase;
  let bosses: PgBoss[];

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    bosses = [];
    for (let index = 0; index < PROCESSES; index += 1) {
      const boss = new PgBoss({ db: { executeSql: (text, values) => db.pool.query(text, values) }, schedule: false, supervise: false });
      await boss.start();
      bosses.push(boss);
    }
  });

  afterAll(async () => {
    await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: false })));
    await db.drop();
  });

  it('leaves exactly one queue when every process creates it at the same moment', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      await bosses[0]!.deleteQueue(DELIVERY_QUEUE);
      const outcomes = await Promise.allSettled(bosses.map((boss) => ensureDeliveryQueue(boss)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      const { rows } = await db.pool.query('SELECT count(*)::int AS queues FROM pgboss.queue WHERE name = $1', [DELIVERY_QUEUE]);
      expect(rows[0].queues).toBe(1);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, TEST_REDIS_KEY_PREFIX } from '@studentdesk/testing';
import { connectRedis } from '../redis.js';
import { memoryCostBudget, type BudgetSettings, type CostBudget } from './cost-budget.js';
import { redisCostBudget } from './redis-cost-budget.js';

const redis = connectRedis(REDIS_URL, pino({ level: 'silent' }), TEST_REDIS_KEY_PREFIX);
beforeAll(async () => {
  expect(await redis.ready(5000)).toBe(true);
});
afterAll(() => redis.close());

const stores: Array<[string, (settings: BudgetSettings) => CostBudget]> = [
  ['in memory', memoryCostBudget],
  ['in Redis', (settings) => redisCostBudget(redis, settings)],
];

describe.each(stores)('the per-key cost budget %s', (_name, createBudget) => {
  // Fresh key names per test, as Redis outlives the test.
  const key = (name: string) => `${name}-${randomUUID()}`;

  it('starts full, spends, refuses what is not there and says when to come back', async () => {
    const budget = createBudget({ capacity: 100, restorePerSecond: 10 });
    const k = key('key');
    expect(await budget.spend(k, 60, 0)).toMatchObject({ allowed: true, available: 40 });
    const refused = await budget.spend(k, 60, 0);
    expect(refused).toMatchObject({ allowed: false, available: 40, retryAfterMs: 2000 });
    expect(await budget.spend(k, 60, 1999)).toMatchObject({ allowed: false });
    expect(await budget.spend(k, 60, 2000)).toMatchObject({ allowed: true, available: 0 });
  });

  it('refills over time, never above its capacity, per key', async () => {
    const budget = createBudget({ capacity: 100, restorePerSecond: 10 });
    const [a, b] = [key('a'), key('b')];
    await budget.spend(a, 100, 0);
    expect(await budget.spend(b, 0, 0)).toMatchObject({ available: 100 });
    expect(await budget.spend(a, 0, 5000)).toMatchObject({ available: 50 });
    expect(await budget.spend(a, 0, 60_000)).toMatchObject({ available: 100 });
  });
});

describe('the Redis budget', () => {
  it('is one bucket for every process: two stores on separate connections share it', async () => {
    const other = connectRedis(REDIS_URL, pino({ level: 'silent' }), TEST_REDIS_KEY_PREFIX);
    try {
      const settings = { capacity: 100, restorePerSecond: 10 };
      expect(await other.ready(5000)).toBe(true);
      const [first, second] = [redisCostBudget(redis, settings), redisCostBudget(other, settings)];
      const k = key();
      expect(await first.spend(k, 70, 0)).toMatchObject({ allowed: true, available: 30 });
      expect(await second.spend(k, 70, 0)).toMatchObject({ allowed: false, available: 30 });
    } finally {
      await other.close();
    }
  });

  it('counts in memory while Redis cannot be reached, instead of failing the request', async () => {
    const unreachable = connectRedis('redis://127.0.0.1:1', pino({ level: 'silent' }));
    try {
      const budget = redisCostBudget(unreachable, { capacity: 100, restorePerSecond: 10 });
      const k = key();
      expect(await budget.spend(k, 80, 0)).toMatchObject({ allowed: true, available: 20 });
      expect(await budget.spend(k, 80, 0)).toMatchObject({ allowed: false });
    } finally {
      await unreachable.close();
    }
  });

  function key() {
    return `shared-${randomUUID()}`;
  }
});

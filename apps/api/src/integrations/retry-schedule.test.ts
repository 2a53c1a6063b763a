import { describe, expect, it } from 'vitest';
import type { RetrySchedule } from '../config.js';
import { DEFAULT_RETRY_SCHEDULE, retryDelay } from './retry-schedule.js';

const HOUR = 3_600_000;

/** Every wait the schedule makes before giving up. */
function waits(schedule: RetrySchedule): number[] {
  const delays: number[] = [];
  for (let retry = 1; ; retry += 1) {
    const delay = retryDelay(retry, schedule);
    if (delay === null) return delays;
    delays.push(delay);
  }
}

describe('the webhook retry schedule', () => {
  it('keeps retrying for at least 24 hours by default, and stops soon after', () => {
    const total = waits(DEFAULT_RETRY_SCHEDULE).reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeGreaterThanOrEqual(24 * HOUR);
    expect(total).toBeLessThan(24 * HOUR + DEFAULT_RETRY_SCHEDULE.maxDelayMs);
  });

  it('doubles from 30 seconds and never waits more than 4 hours', () => {
    const delays = waits(DEFAULT_RETRY_SCHEDULE);
    expect(delays.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...delays)).toBe(4 * HOUR);
    expect(delays).toHaveLength(14); // 15 attempts in all
  });

  it('follows a short schedule, as tests configure it', () => {
    expect(waits({ firstDelayMs: 100, maxDelayMs: 250, retryForMs: 500 })).toEqual([100, 200, 250]);
  });
});

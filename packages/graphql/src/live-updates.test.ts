import { describe, expect, it } from 'vitest';
import { RECONNECT_FIRST_WINDOW_MS, RECONNECT_MAX_WINDOW_MS, reconnectDelayMs } from './live-updates.js';

describe('reconnectDelayMs', () => {
  it('waits a random part of a window that doubles per failed try, never beyond the cap', () => {
    const windows = [0, 1, 2, 3, 4, 5, 30].map((retries) => reconnectDelayMs(retries, () => 0.999999) + 1);
    expect(windows).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(reconnectDelayMs(3, () => 0)).toBe(0);
    expect(RECONNECT_FIRST_WINDOW_MS).toBeLessThan(RECONNECT_MAX_WINDOW_MS);
  });

  it('spreads clients over the window instead of sending them all at once', () => {
    let seed = 7;
    // A small deterministic generator, so the spread is the same on every run.
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
    const delays = Array.from({ length: 10_000 }, () => reconnectDelayMs(0, random));
    const perTenth = Array.from({ length: 10 }, (_, tenth) => delays.filter((delay) => Math.floor(delay / 100) === tenth).length);
    for (const count of perTenth) expect(count).toBeGreaterThan(800);
  });
});

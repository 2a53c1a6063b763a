// When a failed webhook delivery is tried again: doubling delays from a first one, capped, until
// the retries span a whole window (24 hours by default). A receiver that is down overnight still
// gets every event, at most `maxDelayMs` after it comes back.
import type { RetrySchedule } from '../config.js';

const HOUR = 3_600_000;

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = { firstDelayMs: 30_000, maxDelayMs: 4 * HOUR, retryForMs: 24 * HOUR };

const delayOf = (retry: number, schedule: RetrySchedule) => Math.min(schedule.firstDelayMs * 2 ** (retry - 1), schedule.maxDelayMs);

/**
 * The wait before retry number `retry` (1 is the first retry, after the first attempt failed), or
 * null to give up: the attempts so far already span `retryForMs`, so the last attempt is made at
 * least that long after the first.
 */
export function retryDelay(retry: number, schedule: RetrySchedule): number | null {
  let elapsed = 0;
  for (let previous = 1; previous < retry; previous += 1) elapsed += delayOf(previous, schedule);
  return elapsed >= schedule.retryForMs ? null : delayOf(retry, schedule);
}

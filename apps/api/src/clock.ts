// The time rules read: SLA escalation, rating reminders and cleanup ask `app.clock` instead of
// `new Date()`, so a test can put the whole app at any moment (test/clock.ts).
import { readFileSync } from 'node:fs';

export interface Clock {
  now: () => Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * For the Chromium journeys only (CLOCK_FILE, refused in production): the time written in the
 * file (ISO 8601), read at every call so the test moves it; the system's time while it is empty
 * or missing.
 */
export function fileClock(path: string): Clock {
  return {
    now() {
      let text = '';
      try {
        text = readFileSync(path, 'utf8').trim();
      } catch {
        // No file yet: the real time.
      }
      const time = text ? new Date(text) : new Date();
      return Number.isNaN(time.getTime()) ? new Date() : time;
    },
  };
}

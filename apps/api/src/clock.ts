// The time rules read: SLA escalation, rating reminders and cleanup ask `app.clock` instead of
// `new Date()`, so a test can put the whole app at any moment (test/clock.ts).
export interface Clock {
  now: () => Date;
}

export const systemClock: Clock = { now: () => new Date() };

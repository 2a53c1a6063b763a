import type { JobSettings } from '../jobs/queues.js';

/** Job settings for tests: two quick retries, so a failing job is a dead letter within seconds. */
export const TEST_JOB_SETTINGS: JobSettings = {
  retryLimit: 2,
  retryDelaySeconds: 1,
  cleanupIntervalMs: 3_600_000,
  idempotencyKeyRetentionDays: 30,
  outboxRetentionDays: 30,
};

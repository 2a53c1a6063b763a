// Every queue of the one job system (job-system.ts), with its retries and dead letter. Sweeps run
// one job at a time across all API processes (policy "stately": at most one queued and one running);
// webhook attempts are ordinary jobs, many at once.
import type { Queue } from 'pg-boss';

/** Where a job goes once its retries are spent; nobody works it, admins read it (failedBackgroundJobs). */
export const DEAD_LETTERS = 'dead-letters';

export const QUEUE = {
  slaEscalation: 'sla-escalation',
  ratingReminders: 'rating-reminders',
  emailOutbox: 'email-outbox',
  staffDigest: 'staff-notification-digest',
  webhookRelay: 'webhook-relay',
  webhookDelivery: 'webhook-delivery',
  cleanup: 'cleanup',
  retention: 'retention',
  managerDigests: 'manager-digests',
  automation: 'automation',
  imapPoll: 'imap-poll',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export interface JobSettings {
  /** Retries after a job's first failure, before it becomes a dead letter. */
  retryLimit: number;
  /** Wait before the first retry; each further retry waits about twice as long (pg-boss's backoff, jittered). */
  retryDelaySeconds: number;
  /** How often the cleanup job runs. */
  cleanupIntervalMs: number;
  /** Report idempotency keys are forgotten this many days after the report. */
  idempotencyKeyRetentionDays: number;
  /** Sent emails and webhook events whose deliveries are all done are deleted this many days later. */
  outboxRetentionDays: number;
}

/** Retention rules are in days: applying them daily is exact enough. */
export const RETENTION_INTERVAL_MS = 86_400_000;

/** A running job longer than this is taken for lost (its process died) and retried. */
const SWEEP_EXPIRE_SECONDS = 300;
/** A webhook attempt is one HTTP request (at most WEBHOOK_TIMEOUT_MS, 60 s) and two writes. */
const DELIVERY_EXPIRE_SECONDS = 120;
const DEAD_LETTER_RETENTION_SECONDS = 30 * 86_400;

export function queueDefinitions(settings: JobSettings): Queue[] {
  const retries = {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    deadLetter: DEAD_LETTERS,
  };
  const sweep = (name: QueueName): Queue => ({ name, policy: 'stately', expireInSeconds: SWEEP_EXPIRE_SECONDS, ...retries });
  return [
    // Kept a month, whatever happens to the queues that fill it.
    { name: DEAD_LETTERS, retentionSeconds: DEAD_LETTER_RETENTION_SECONDS },
    sweep(QUEUE.slaEscalation),
    sweep(QUEUE.ratingReminders),
    sweep(QUEUE.emailOutbox),
    sweep(QUEUE.staffDigest),
    sweep(QUEUE.webhookRelay),
    sweep(QUEUE.cleanup),
    sweep(QUEUE.retention),
    sweep(QUEUE.managerDigests),
    sweep(QUEUE.automation),
    sweep(QUEUE.imapPoll),
    { name: QUEUE.webhookDelivery, policy: 'standard', expireInSeconds: DELIVERY_EXPIRE_SECONDS, ...retries },
  ];
}

// What the admin pages say about API keys, webhooks, deliveries and the outbox: the API's enums in
// the short forms integrators meet in errors and payloads (`tickets:read`, `ticket.created`), and
// where a key, a delivery or an email stands, in words a tired admin reads at a glance.
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';
import type { ApiKeyScope, DeliveryStatus, EmailKind, WebhookDeliveryStatus, WebhookEventType } from '../gql/graphql';
import { formatDuration } from './time';

/** `TICKETS_READ` → `tickets:read`, `TICKET_STATUS_CHANGED` → `ticket.status_changed`. */
const shortForm = (value: string, separator: ':' | '.') => value.toLowerCase().replace('_', separator);

export const scopeName = (scope: ApiKeyScope) => shortForm(scope, ':');
export const eventName = (event: WebhookEventType) => shortForm(event, '.');

/** What each scope lets a key do (the schema's own descriptions), in the order an admin thinks of them. */
export const SCOPE_MEANINGS: Record<ApiKeyScope, string> = {
  TICKETS_READ: 'read every ticket, its public messages, history and people (never internal notes)',
  TICKETS_WRITE: 'report problems on behalf of students',
  RATINGS_READ: 'read the ratings of the tickets it can read',
  INSIGHTS_READ: 'read the satisfaction report for every department',
  WEBHOOKS_MANAGE: 'create, change and delete webhooks, see deliveries and redeliver',
  SCIM_PROVISION:
    'for the identity provider alone (no other scope): create, change and deactivate people over SCIM; see Admin → Provisioning',
};

export const EVENT_MEANINGS: Record<WebhookEventType, string> = {
  TICKET_CREATED: 'a problem was reported',
  TICKET_STATUS_CHANGED: 'a ticket moved, e.g. open to resolved',
  TICKET_ASSIGNED: 'someone else handles a ticket now, or nobody',
  MESSAGE_CREATED: 'a public message on a ticket (internal notes are never sent)',
  RATING_SUBMITTED: 'a student rated a resolved ticket',
  AUTOMATION_FIRED: 'an automation rule with a webhook action acted on a ticket',
};

export const SCOPES = Object.keys(SCOPE_MEANINGS) as ApiKeyScope[];
export const EVENTS = Object.keys(EVENT_MEANINGS) as WebhookEventType[];

export type KeyState = 'active' | 'expired' | 'revoked';

/** What a key's state is read from; every query of keys spreads it. */
export const KEY_VALIDITY = graphql(`
  fragment KeyValidity on ApiKey {
    expiresAt
    revokedAt
  }
`);

/** Revoked wins over expired: it is what an admin did, not what the calendar did. */
export function keyState(key: ResultOf<typeof KEY_VALIDITY>, now: number): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** Today in the admin's time zone, as a date input's value (`2025-06-30`). */
export const localDay = (now: Date) => `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;

/**
 * The moment a key "expiring on 30 June" stops: the end of that day in the admin's time zone, so
 * it still works all of the 30th. Null for an empty date input (never expires).
 */
export function endOfDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
  return new Date(year, month - 1, date + 1).toISOString();
}

export type Tone = 'ok' | 'waiting' | 'late';

/** What a delivery's progress is read from; every query of deliveries spreads it. */
export const DELIVERY_PROGRESS = graphql(`
  fragment DeliveryProgress on WebhookDelivery {
    status
    attempts
    nextAttemptAt
  }
`);

type DeliveryProgress = ResultOf<typeof DELIVERY_PROGRESS>;

/** Where a delivery stands. A PENDING delivery that was already tried has failed so far: say so. */
export function deliveryState(delivery: DeliveryProgress, now: number): { label: string; tone: Tone } {
  if (delivery.status === 'SUCCEEDED') return { label: 'Delivered', tone: 'ok' };
  if (delivery.status === 'FAILED') return { label: 'Failed, gave up', tone: 'late' };
  if (delivery.attempts === 0) return { label: 'Queued', tone: 'waiting' };
  const next = delivery.nextAttemptAt ? Date.parse(delivery.nextAttemptAt) : now;
  return { label: next > now ? `Failed, retry in ${formatDuration(next - now)}` : 'Failed, retrying now', tone: 'late' };
}

/** How soon an attempt must be due for the page to watch for its answer rather than wait for a refresh. */
export const WATCH_WITHIN_MS = 30_000;

/** Whether an attempt goes out within moments (a new event, or one just redelivered). */
export const attemptDueSoon = (delivery: DeliveryProgress, now: number) =>
  delivery.status === 'PENDING' && (!delivery.nextAttemptAt || Date.parse(delivery.nextAttemptAt) - now <= WATCH_WITHIN_MS);

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Queued or retrying',
  SUCCEEDED: 'Delivered',
  FAILED: 'Failed, gave up',
};

export const EMAIL_STATUS: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  PENDING: { label: 'Waiting', tone: 'waiting' },
  SUCCEEDED: { label: 'Sent', tone: 'ok' },
  FAILED: { label: 'Failed', tone: 'late' },
};

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  TRACKING_LINK: 'Tracking link',
  STAFF_REPLIED: 'Staff replied',
  RESOLVED: 'Resolved',
  RATING_REMINDER: 'Rating reminder',
  SLA_ESCALATION: 'SLA escalation',
  PASSWORD_RESET: 'Password reset',
  STAFF_INVITATION: 'Staff invitation',
  TICKETS_MERGED: 'Tickets merged',
  MANAGER_WEEKLY: 'Managers’ weekly numbers',
  AUTOMATION: 'Automation',
  STAFF_NOTIFICATIONS: 'Staff notifications',
  TICKET_LINK: 'Lost link sent again',
  INCIDENT_RESOLVED: 'Known issue resolved',
};
